package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*endpointsDataSource)(nil)

// NewEndpointsDataSource returns the vpce_endpoints data source.
func NewEndpointsDataSource() datasource.DataSource {
	return &endpointsDataSource{}
}

type endpointsDataSource struct {
	data *providerData
}

func (d *endpointsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_endpoints"
}

func (d *endpointsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the VPC endpoints of the region that match every argument given (all of them when none is): their IDs, and each endpoint's type, service, state, VPC and tags. Endpoints being deleted are left out unless `state` or a `vpc-endpoint-state` filter asks for them. When its arguments are known at plan, the list is too, so it can drive a `for_each`.",
		Attributes: map[string]schema.Attribute{
			"endpoints": schema.ListNestedAttribute{
				MarkdownDescription: "The endpoints found, in the order of `ids`.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"arn":               computed("ARN of the endpoint."),
					"id":                computed("ID of the endpoint."),
					"service_name":      computed("Full name of the endpoint's service."),
					"state":             computed("State of the endpoint, e.g. `available`."),
					"tags":              schema.MapAttribute{MarkdownDescription: "Tags of the endpoint.", Computed: true, ElementType: types.StringType},
					"vpc_endpoint_type": computed("Type of the endpoint: " + quotedList(endpointLookupTypes) + "."),
					"vpc_id":            computed("ID of the endpoint's VPC."),
				}},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the endpoints found, sorted.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"service": endpointServiceAttribute(),
			"state":   endpointStateAttribute(),
			"tags": schema.MapAttribute{
				MarkdownDescription: "Only endpoints that have all these tags (each key with this value).",
				Optional:            true,
				ElementType:         types.StringType,
			},
			"type": endpointTypeAttribute(),
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "Only endpoints in this VPC.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(vpcIDRegexp, "must be a VPC ID such as vpc-0123456789abcdef0")},
			},
		},
		Blocks: map[string]schema.Block{"filter": endpointFilterBlock()},
	}
}

func (d *endpointsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureData(req.ProviderData, &resp.Diagnostics)
}

func (d *endpointsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg endpointsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.client
	q, diags := newEndpointQuery(ctx, client.Region, cfg.VPCID, cfg.Service, cfg.Type, cfg.State, cfg.Tags, cfg.Filters)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	found, err := findEndpoints(ctx, client.EC2, q)
	if err != nil {
		resp.Diagnostics.AddError("reading VPC endpoints ("+q.describe()+")", err.Error())
		return
	}
	slices.SortFunc(found, func(a, b ec2types.VpcEndpoint) int {
		return strings.Compare(aws.ToString(a.VpcEndpointId), aws.ToString(b.VpcEndpointId))
	})
	ids := make([]string, 0, len(found))
	cfg.Endpoints = make([]endpointSummaryModel, 0, len(found))
	for i := range found {
		e := &found[i]
		ids = append(ids, aws.ToString(e.VpcEndpointId))
		cfg.Endpoints = append(cfg.Endpoints, endpointSummaryModel{
			ARN:             types.StringValue(endpointARN(client, e)),
			ID:              types.StringPointerValue(e.VpcEndpointId),
			ServiceName:     types.StringPointerValue(e.ServiceName),
			State:           types.StringValue(string(e.State)),
			Tags:            mapValue(tagsFromEC2(e.Tags), false),
			VPCEndpointType: types.StringValue(string(e.VpcEndpointType)),
			VPCID:           types.StringPointerValue(e.VpcId),
		})
	}
	cfg.IDs = listValue(ids)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

type endpointsDataSourceModel struct {
	Endpoints []endpointSummaryModel `tfsdk:"endpoints"`
	Filters   []endpointFilterModel  `tfsdk:"filter"`
	IDs       types.List             `tfsdk:"ids"` //< string
	Service   types.String           `tfsdk:"service"`
	State     types.String           `tfsdk:"state"`
	Tags      types.Map              `tfsdk:"tags"` //< string
	Type      types.String           `tfsdk:"type"`
	VPCID     types.String           `tfsdk:"vpc_id"`
}

// endpointSummaryModel is one endpoint of vpce_endpoints.
type endpointSummaryModel struct {
	ARN             types.String `tfsdk:"arn"`
	ID              types.String `tfsdk:"id"`
	ServiceName     types.String `tfsdk:"service_name"`
	State           types.String `tfsdk:"state"`
	Tags            types.Map    `tfsdk:"tags"` //< string
	VPCEndpointType types.String `tfsdk:"vpc_endpoint_type"`
	VPCID           types.String `tfsdk:"vpc_id"`
}
