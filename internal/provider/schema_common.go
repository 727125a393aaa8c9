package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Schema pieces shared by the resources, with the validators that stop hostile input at validate.

// AWS's tag limits for EC2 resources.
const (
	maxTagsPerResource = 50
	maxTagKeyLength    = 128
	maxTagValueLength  = 256
	reservedTagPrefix  = "aws:"
)

// Timeouts below minOperationTimeout are errors (a zero or negative timeout fails every operation, a
// zero delete timeout makes the endpoint impossible to destroy); below shortOperationTimeout they are
// warnings, as AWS usually needs a minute or more.
const (
	minOperationTimeout   = time.Second
	shortOperationTimeout = time.Minute
)

// tagsAttribute is a resource's `tags` argument.
func tagsAttribute() schema.MapAttribute {
	return schema.MapAttribute{
		MarkdownDescription: fmt.Sprintf("Tags of the endpoint. The provider's `default_tags` are added; see `tags_all`. "+
			"AWS's limits are checked at validate: at most %d tags counting `default_tags` (AWS allows 50; the provider keeps one for its creation marker), keys of 1 to %d characters "+
			"that do not start with `%s`, values of at most %d characters, no null values.",
			maxTagsPerResource-internalTagCount, maxTagKeyLength, reservedTagPrefix, maxTagValueLength),
		Optional:    true,
		ElementType: types.StringType,
		Validators:  []validator.Map{mapvalidator.NoNullValues(), tagsValidator{}},
	}
}

// tagsAllAttribute is a resource's computed `tags_all`.
func tagsAllAttribute() schema.MapAttribute {
	return schema.MapAttribute{
		MarkdownDescription: "All tags of the endpoint: the provider's `default_tags` merged with `tags`.",
		Computed:            true,
		ElementType:         types.StringType,
	}
}

// timeoutsAttribute is the `timeouts` attribute of terraform-plugin-framework-timeouts, with a
// validator that names the attribute's path and rejects durations below minOperationTimeout.
func timeoutsAttribute(ctx context.Context, opts timeouts.Opts) schema.Attribute {
	a, ok := timeouts.Attributes(ctx, opts).(schema.SingleNestedAttribute)
	if !ok {
		return timeouts.Attributes(ctx, opts)
	}
	attrs := make(map[string]schema.Attribute, len(a.Attributes))
	for name, na := range a.Attributes {
		s, ok := na.(schema.StringAttribute)
		if !ok {
			attrs[name] = na
			continue
		}
		s.Validators = []validator.String{timeoutValidator{}}
		s.MarkdownDescription = fmt.Sprintf("How long the %s may take, as a duration such as `30s`, `10m` or `1h`: at least %s "+
			"(AWS usually needs a minute or more). Defaults to %s. %s", name, minOperationTimeout, durationText(defaultOperationTimeout), timeoutOutcome[name])
		s.Description = ""
		attrs[name] = s
	}
	a.Attributes = attrs
	a.MarkdownDescription = "Timeouts of the operations, each a duration such as `10m`. Defaults to " +
		durationText(defaultOperationTimeout) + " each."
	return a
}

// timeoutOutcome says what happens when each operation's timeout elapses.
var timeoutOutcome = map[string]string{
	"create": "When it elapses the apply fails; an endpoint created by then is kept in state and tainted (replaced by the next apply), so nothing is left behind unknown to Terraform.",
	"update": "When it elapses the apply fails; the next plan shows what is still to change.",
	"delete": "When it elapses the destroy fails and the endpoint stays in state; the next destroy waits for it again.",
}

// durationText renders a whole number of hours or minutes as a configuration would: 10m, 1h.
func durationText(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// tagsValidator checks a tags map against AWS's limits (the count with default_tags is checked in
// ModifyPlan, once the provider is configured).
type tagsValidator struct{}

func (tagsValidator) Description(context.Context) string {
	return fmt.Sprintf("at most %d tags; keys of 1 to %d characters not starting with %q; values of at most %d characters",
		maxTagsPerResource, maxTagKeyLength, reservedTagPrefix, maxTagValueLength)
}

func (v tagsValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (tagsValidator) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	name := attributeName(req.Path)
	elems := req.ConfigValue.Elements()
	if limit := maxTagsPerResource - internalTagCount; len(elems) > limit {
		resp.Diagnostics.AddAttributeError(req.Path, "Too many tags",
			fmt.Sprintf("%s has %d tags; AWS allows at most %d per resource (TagLimitExceeded), and the provider keeps %d of them for its own marker, so at most %d. Remove some.",
				name, len(elems), maxTagsPerResource, internalTagCount, limit))
	}
	for _, key := range sortedMapKeys(elems) {
		if msg := tagProblem(key, elems[key]); msg != "" {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(key), "Invalid tag", name+": "+msg)
		}
	}
}

// tagProblem describes what is wrong with one tag, "" when nothing is.
func tagProblem(key string, value any) string {
	n := utf8.RuneCountInString(key)
	switch {
	case n == 0 || n > maxTagKeyLength:
		return fmt.Sprintf("the tag key %q has %d characters; AWS accepts keys of 1 to %d characters.", shorten(key), n, maxTagKeyLength)
	case strings.HasPrefix(strings.ToLower(key), reservedTagPrefix):
		return fmt.Sprintf("the tag key %q starts with %q, which is reserved for AWS's own tags; AWS rejects it. Use another key.", key, reservedTagPrefix)
	}
	if s, ok := value.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
		if m := utf8.RuneCountInString(s.ValueString()); m > maxTagValueLength {
			return fmt.Sprintf("the value of the tag %q has %d characters; AWS accepts at most %d.", key, m, maxTagValueLength)
		}
	}
	return ""
}

// timeoutValidator parses a timeout and checks its minimum, naming the path in every message.
type timeoutValidator struct{}

func (timeoutValidator) Description(context.Context) string {
	return fmt.Sprintf("must be a duration such as 30s, 10m or 1h, at least %s", minOperationTimeout)
}

func (v timeoutValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v timeoutValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s, name := req.ConfigValue.ValueString(), attributeName(req.Path)
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid timeout",
			fmt.Sprintf("%s = %q is not a duration: it %s (units s, m, h).", name, s, v.Description(ctx)))
	case d < minOperationTimeout:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid timeout",
			fmt.Sprintf("%s = %q: a timeout must be at least %s; a zero or negative timeout fails the operation at once (a zero delete timeout would make the endpoint impossible to destroy). Remove it to use the default of %s.",
				name, s, minOperationTimeout, defaultOperationTimeout))
	case d < shortOperationTimeout:
		resp.Diagnostics.AddAttributeWarning(req.Path, "Short timeout",
			fmt.Sprintf("%s = %q is shorter than AWS usually takes (a minute or more); the operation will probably time out. The default is %s.",
				name, s, defaultOperationTimeout))
	}
}

// attributeName renders a path as the user writes it: timeouts.create, tags["Name"].
func attributeName(p path.Path) string {
	return p.String()
}

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:37]) + "..."
}

// checkTagCount reports, at plan, a resource whose tags and the provider's default_tags together
// exceed AWS's limit (the resource's own count is checked at validate).
func checkTagCount(diags *diag.Diagnostics, defaults, tags map[string]string) {
	all := mergeTags(defaults, tags)
	limit := maxTagsPerResource - internalTagCount
	if len(all) <= limit || len(tags) > limit { // own tags over the limit: the validator said so
		return
	}
	diags.AddAttributeError(path.Root("tags"), "Too many tags",
		fmt.Sprintf("tags has %d tags and the provider's default_tags add %d more (%d in all, see tags_all); AWS allows at most %d per resource (TagLimitExceeded), and the provider keeps %d of them for its own marker, so at most %d. Remove some tags, or some default_tags.",
			len(tags), len(all)-len(tags), len(all), maxTagsPerResource, internalTagCount, limit))
}

// planTagsAll plans tags_all from the configuration's tags, the provider's default_tags and
// ignore_tags, and checks the count against AWS's limit. A tag whose value is unknown at plan (taken
// from another resource) makes tags_all unknown; its key still counts.
func planTagsAll(diags *diag.Diagnostics, d *providerData, tags types.Map) types.Map {
	if tags.IsUnknown() {
		return types.MapUnknown(types.StringType)
	}
	known := map[string]string{}
	unknown := false
	for k, v := range tags.Elements() {
		s, ok := v.(types.String)
		switch {
		case !ok || s.IsUnknown():
			unknown = true
			known[k] = "" // counted, value not yet known
		case !s.IsNull():
			known[k] = s.ValueString()
		}
	}
	all := d.tagsAll(known, diags)
	checkTagCount(diags, all, known)
	if unknown {
		return types.MapUnknown(types.StringType)
	}
	return mapValue(all, false)
}
