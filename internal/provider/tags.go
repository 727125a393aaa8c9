package provider

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
