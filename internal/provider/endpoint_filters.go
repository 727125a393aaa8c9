package provider

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

// The search arguments vpce_endpoint and vpce_endpoints share: vpc_id, service, type, state, tags and
// EC2 filter blocks, all turned into DescribeVpcEndpoints filters.

// endpointLookupTypes are the values of `type`: the VPC endpoint types EC2 reports.
var endpointLookupTypes = []string{planner.TypeGateway, "GatewayLoadBalancer", planner.TypeInterface}

// endpointStates are the values of `state`, spelt as EC2 reports them.
var endpointStates = []string{"available", "deleted", "deleting", "expired", "failed", "partial", "pending", "pendingAcceptance", "rejected"}

// endpointFilterNames are the names DescribeVpcEndpoints accepts in a filter, besides tag:<key>.
var endpointFilterNames = []string{"ip-address-type", "service-name", "service-region", "tag-key", "vpc-endpoint-id", "vpc-endpoint-state", "vpc-endpoint-type", "vpc-id"}

const filterStateName = "vpc-endpoint-state"

func endpointTypeAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Only endpoints of this type: " + quotedList(endpointLookupTypes) + ". Tells an S3 gateway from the S3 interface endpoint beside it.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.OneOf(endpointLookupTypes...)},
	}
}

func endpointServiceAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Only endpoints for this service: a short name such as `s3`, resolved in the provider's region (in a region that names a service differently per endpoint type, both names match unless `type` is set), or a full name such as `com.amazonaws.us-east-1.s3`.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

func endpointStateAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Only endpoints in this state: " + quotedList(endpointStates) + " (any case). When neither this nor a `vpc-endpoint-state` filter is set, endpoints being deleted (`deleting`, `deleted`) are left out.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.OneOfCaseInsensitive(endpointStates...)},
	}
}

func endpointFilterBlock() schema.SetNestedBlock {
	return schema.SetNestedBlock{
		MarkdownDescription: "An EC2 filter, as `DescribeVpcEndpoints` takes it. An endpoint must match every block, and in each block one of the values. Repeat the block for several filters.",
		NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the filter: " + quotedList(endpointFilterNames) + ", or `tag:<key>` (the value of tag `<key>`).",
				Required:            true,
				Validators:          []validator.String{ec2FilterNameValidator{names: endpointFilterNames}},
			},
			"values": schema.SetAttribute{
				MarkdownDescription: "Values to match; an endpoint matches when one of them does.",
				Required:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1)},
			},
		}},
	}
}

// endpointFilterModel is one filter block.
type endpointFilterModel struct {
	Name   types.String `tfsdk:"name"`
	Values types.Set    `tfsdk:"values"` //< string
}

// endpointQuery is a search for VPC endpoints.
type endpointQuery struct {
	vpcID        string
	serviceNames []string // the service's full names (one per endpoint type when they differ)
	typ          string
	state        string
	tags         map[string]string
	filters      []ec2types.Filter
}

// newEndpointQuery builds a query from the search arguments; region resolves short service names.
func newEndpointQuery(ctx context.Context, region string, vpcID, service, typ, state types.String, tags types.Map, filters []endpointFilterModel) (endpointQuery, diag.Diagnostics) {
	var diags diag.Diagnostics
	q := endpointQuery{vpcID: vpcID.ValueString(), typ: typ.ValueString()}
	if s := state.ValueString(); s != "" {
		for _, c := range endpointStates {
			if strings.EqualFold(c, s) {
				q.state = c
			}
		}
	}
	if s := service.ValueString(); s != "" {
		forTypes := []string{q.typ}
		if q.typ == "" {
			forTypes = []string{planner.TypeGateway, planner.TypeInterface}
		}
		for _, t := range forTypes {
			name, err := planner.ResolveServiceNameForType(s, region, t)
			if err != nil {
				diags.AddAttributeError(path.Root("service"), "Invalid service", err.Error())
				return q, diags
			}
			if !slices.Contains(q.serviceNames, name) {
				q.serviceNames = append(q.serviceNames, name)
			}
		}
	}
	if !tags.IsNull() && !tags.IsUnknown() {
		diags.Append(tags.ElementsAs(ctx, &q.tags, false)...)
	}
	for _, f := range filters {
		var values []string
		diags.Append(f.Values.ElementsAs(ctx, &values, false)...)
		sort.Strings(values)
		q.filters = append(q.filters, ec2types.Filter{Name: f.Name.ValueStringPointer(), Values: values})
	}
	return q, diags
}

// input is the DescribeVpcEndpoints request of the query.
func (q endpointQuery) input() *ec2.DescribeVpcEndpointsInput {
	var fs []ec2types.Filter
	add := func(name string, values ...string) {
		fs = append(fs, ec2types.Filter{Name: aws.String(name), Values: values})
	}
	if q.vpcID != "" {
		add("vpc-id", q.vpcID)
	}
	if len(q.serviceNames) > 0 {
		add("service-name", q.serviceNames...)
	}
	if q.typ != "" {
		add("vpc-endpoint-type", q.typ)
	}
	if q.state != "" {
		add(filterStateName, q.state)
	}
	keys := make([]string, 0, len(q.tags))
	for k := range q.tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add("tag:"+k, q.tags[k])
	}
	fs = append(fs, q.filters...)
	return &ec2.DescribeVpcEndpointsInput{Filters: fs}
}

// keepsDeleted reports whether the query asks for a state, so that endpoints being deleted are kept.
func (q endpointQuery) keepsDeleted() bool {
	if q.state != "" {
		return true
	}
	for _, f := range q.filters {
		if aws.ToString(f.Name) == filterStateName {
			return true
		}
	}
	return false
}

// describe renders the query for diagnostics: `vpc_id = "vpc-1", type = "Gateway"`.
func (q endpointQuery) describe() string {
	var parts []string
	if q.vpcID != "" {
		parts = append(parts, fmt.Sprintf("vpc_id = %q", q.vpcID))
	}
	if len(q.serviceNames) > 0 {
		parts = append(parts, "service "+strings.Join(q.serviceNames, " or "))
	}
	if q.typ != "" {
		parts = append(parts, fmt.Sprintf("type = %q", q.typ))
	}
	if q.state != "" {
		parts = append(parts, fmt.Sprintf("state = %q", q.state))
	}
	if len(q.tags) > 0 {
		parts = append(parts, fmt.Sprintf("%d tags", len(q.tags)))
	}
	if len(q.filters) > 0 {
		parts = append(parts, fmt.Sprintf("%d filter blocks", len(q.filters)))
	}
	if len(parts) == 0 {
		return "no criteria"
	}
	return strings.Join(parts, ", ")
}

// findEndpoints runs the query, following pagination. Endpoints being deleted are left out unless the
// query asks for a state.
func findEndpoints(ctx context.Context, conn *ec2.Client, q endpointQuery) ([]ec2types.VpcEndpoint, error) {
	found, err := awsclient.FindVPCEndpoints(ctx, conn, q.input())
	if awsclient.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		if awsclient.ErrCodeEquals(err, "InvalidParameterValue") && len(q.filters) > 0 {
			return nil, fmt.Errorf("EC2 rejected the search (check the filter blocks' names and values): %w", err)
		}
		return nil, err
	}
	if q.keepsDeleted() {
		return found, nil
	}
	live := found[:0]
	for _, e := range found {
		if s := string(e.State); !awsclient.StateEquals(s, awsclient.StateDeleted) && !awsclient.StateEquals(s, awsclient.StateDeleting) {
			live = append(live, e)
		}
	}
	return live, nil
}

// ec2FilterNameValidator accepts the filter names of one EC2 Describe call and tag:<key>.
type ec2FilterNameValidator struct{ names []string }

var _ validator.String = ec2FilterNameValidator{}

func (v ec2FilterNameValidator) Description(context.Context) string {
	return "must be one of " + strings.Join(v.names, ", ") + ", or tag:<key>"
}

func (v ec2FilterNameValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v ec2FilterNameValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	name := req.ConfigValue.ValueString()
	if slices.Contains(v.names, name) {
		return
	}
	if key, ok := strings.CutPrefix(name, "tag:"); ok {
		if key != "" {
			return
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid filter name",
			"The filter block's name \"tag:\" has no tag key: write tag:<key>, such as tag:Name, with the tag's values in values.")
		return
	}
	detail := fmt.Sprintf("The filter block's name %q is not a filter of DescribeVpcEndpoints: it %s.", name, v.Description(ctx))
	if ci := slices.IndexFunc(v.names, func(n string) bool { return strings.EqualFold(n, name) }); ci >= 0 {
		detail += fmt.Sprintf(" Filter names are lowercase: %s.", v.names[ci])
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid filter name", detail)
}
