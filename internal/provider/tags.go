package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Tag handling, with the provider's default_tags and ignore_tags:
//   - tags_all (plan and state) is default_tags overlaid with the resource's tags, less every key
//     ignore_tags matches; it is what the provider sets on the endpoint and the only tags it ever
//     adds or removes, so an ignored tag is never set, changed or removed on AWS;
//   - Read reports tags_all from AWS less the ignored keys, so tags another system manages never
//     show as drift;
//   - an ignored key written in a resource's tags (a contradiction, reported by a plan warning)
//     stays in that resource's tags as configured, so the plan is empty, but is not set.

// ignoreTags is the provider's ignore_tags block, merged with TF_AWS_IGNORE_TAGS_KEYS and
// TF_AWS_IGNORE_TAGS_KEY_PREFIXES (comma-separated, as for the aws provider).
type ignoreTags struct {
	keys     map[string]bool
	prefixes []string
}

func newIgnoreTags(keys, prefixes []string, getenv func(string) string) ignoreTags {
	ig := ignoreTags{keys: map[string]bool{}}
	for _, k := range append(keys, splitList(getenv("TF_AWS_IGNORE_TAGS_KEYS"))...) {
		ig.keys[k] = true
	}
	for _, p := range append(prefixes, splitList(getenv("TF_AWS_IGNORE_TAGS_KEY_PREFIXES"))...) {
		if p != "" {
			ig.prefixes = append(ig.prefixes, p)
		}
	}
	sort.Strings(ig.prefixes)
	return ig
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// ignored reports whether ignore_tags matches key.
func (ig ignoreTags) ignored(key string) bool {
	if ig.keys[key] {
		return true
	}
	for _, p := range ig.prefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// filter returns m without the ignored keys.
func (ig ignoreTags) filter(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		if !ig.ignored(k) {
			out[k] = v
		}
	}
	return out
}

// tagsAll is a plan's tags_all: the default tags overlaid with the resource's own, less the
// ignored keys. An ignored key in the resource's tags gets a warning.
func (d *providerData) tagsAll(tags map[string]string, diags *diag.Diagnostics) map[string]string {
	var ignored []string
	for k := range tags {
		if d.ignoreTags.ignored(k) {
			ignored = append(ignored, k)
		}
	}
	if len(ignored) > 0 {
		sort.Strings(ignored)
		diags.AddAttributeWarning(path.Root("tags"), "Tag ignored by the provider's ignore_tags",
			fmt.Sprintf("The tags %s match the provider's ignore_tags, so this provider never sets, changes or removes them: they are left out of tags_all and not applied. "+
				"Remove them from tags, or from ignore_tags if this resource should manage them.", quotedList(ignored)))
	}
	return d.ignoreTags.filter(mergeTags(d.defaultTags, tags))
}

// awsTags is tags_all as read from AWS: the endpoint's tags less the ignored keys.
func (d *providerData) awsTags(tags []ec2types.Tag) map[string]string {
	return d.ignoreTags.filter(tagsFromEC2(tags))
}

// ownTags is a resource's tags from its tags_all read from AWS (see resourceTags), plus the ignored
// keys its prior tags have, kept as configured.
func (d *providerData) ownTags(all, prior map[string]string) map[string]string {
	own := resourceTags(all, d.defaultTags, prior)
	for k, v := range prior {
		if d.ignoreTags.ignored(k) {
			own[k] = v
		}
	}
	return own
}

// updateTags is the package's updateTags with the ignored keys left alone: a key ignore_tags
// matches is never created or deleted, even when the prior tags_all still had it (state written
// before the key was ignored).
func (d *providerData) updateTags(ctx context.Context, conn *ec2.Client, id string, old, want map[string]string) error {
	return updateTags(ctx, conn, id, d.ignoreTags.filter(old), d.ignoreTags.filter(want))
}

// mergeTags returns the provider's default tags overlaid with the resource's own.
func mergeTags(defaults, tags map[string]string) map[string]string {
	out := make(map[string]string, len(defaults)+len(tags))
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range tags {
		out[k] = v
	}
	return out
}

// resourceTags recovers a resource's own tags from all of its tags: a tag that comes from the
// provider's defaults (same key and value) is not the resource's unless its prior tags had it.
func resourceTags(all, defaults, prior map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range all {
		if dv, ok := defaults[k]; ok && dv == v {
			if _, had := prior[k]; !had {
				continue
			}
		}
		out[k] = v
	}
	return out
}

func tagsFromEC2(tags []ec2types.Tag) map[string]string {
	out := make(map[string]string, len(tags))
	for _, t := range tags {
		if !isInternalTag(aws.ToString(t.Key)) {
			out[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	return out
}

func ec2Tags(m map[string]string) []ec2types.Tag {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]ec2types.Tag, 0, len(keys))
	for _, k := range keys {
		out = append(out, ec2types.Tag{Key: aws.String(k), Value: aws.String(m[k])})
	}
	return out
}

// tagSpecifications tags an endpoint on create; nil when there are no tags.
func tagSpecifications(all map[string]string) []ec2types.TagSpecification {
	if len(all) == 0 {
		return nil
	}
	return []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeVpcEndpoint, Tags: ec2Tags(all)}}
}

// updateTags makes the resource's tags go from old to want with CreateTags / DeleteTags.
func updateTags(ctx context.Context, conn *ec2.Client, id string, old, want map[string]string) error {
	var remove []ec2types.Tag
	for k := range old {
		if _, ok := want[k]; !ok {
			remove = append(remove, ec2types.Tag{Key: aws.String(k)})
		}
	}
	upsert := map[string]string{}
	for k, v := range want {
		if ov, ok := old[k]; !ok || ov != v {
			upsert[k] = v
		}
	}
	if len(remove) > 0 {
		if _, err := conn.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: remove}); err != nil {
			return fmt.Errorf("removing tags: %w", err)
		}
	}
	if len(upsert) > 0 {
		if _, err := conn.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: ec2Tags(upsert)}); err != nil {
			return fmt.Errorf("adding tags: %w", err)
		}
	}
	return nil
}

// stringMap reads a types.Map of strings (null and unknown read as empty).
func stringMap(ctx context.Context, m types.Map, diags *diag.Diagnostics) map[string]string {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out
	}
	diags.Append(m.ElementsAs(ctx, &out, false)...)
	return out
}
