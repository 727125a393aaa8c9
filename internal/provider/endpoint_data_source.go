package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

var (
	_ datasource.DataSourceWithConfigure        = (*endpointDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*endpointDataSource)(nil)
)

// NewEndpointDataSource returns the vpce_endpoint data source.
func NewEndpointDataSource() datasource.DataSource {
	return &endpointDataSource{}
}

type endpointDataSource struct {
	data *providerData
}

var endpointDNSEntryAttrTypes = map[string]attr.Type{"dns_name": types.StringType, "hosted_zone_id": types.StringType}

func (d *endpointDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_endpoint"
}

func (d *endpointDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	strSet := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one existing VPC endpoint (gateway or interface), by `id`, or by any combination of `vpc_id`, `service`, `type`, `tags` and `filter` blocks. Exactly one endpoint must match; endpoints being deleted are not considered. A VPC with an S3 gateway and an S3 interface endpoint has two endpoints for `s3`: `type` picks one.",
		Attributes: map[string]schema.Attribute{
			"arn": schema.StringAttribute{MarkdownDescription: "ARN of the endpoint.", Computed: true},
			"dns_entries": schema.ListNestedAttribute{
				MarkdownDescription: "DNS entries of an interface endpoint (regional first, then zonal); empty for a gateway.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"dns_name":       schema.StringAttribute{MarkdownDescription: "DNS name.", Computed: true},
					"hosted_zone_id": schema.StringAttribute{MarkdownDescription: "ID of the hosted zone of the name.", Computed: true},
				}},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "ID of the endpoint (`vpce-…`). Either this, or search arguments (`vpc_id`, `service`, `type`, `tags`, `filter`).",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(endpointIDRegexp, "must be a VPC endpoint ID such as vpce-0123456789abcdef0")},
			},
			"network_interface_ids": strSet("Network interfaces of an interface endpoint, one per subnet."),
			"owner_id":              schema.StringAttribute{MarkdownDescription: "ID of the AWS account that owns the endpoint.", Computed: true},
			"policy":                schema.StringAttribute{MarkdownDescription: "Endpoint policy as JSON.", Computed: true},
			"private_dns_enabled":   schema.BoolAttribute{MarkdownDescription: "Whether private DNS is enabled (interface endpoints; always `false` for a gateway).", Computed: true},
			"route_table_ids":       strSet("Route tables associated with a gateway endpoint."),
			"security_group_ids":    strSet("Security groups of an interface endpoint."),
			"service":               endpointServiceAttribute(),
			"service_name":          schema.StringAttribute{MarkdownDescription: "Full service name.", Computed: true},
			"state":                 schema.StringAttribute{MarkdownDescription: "State of the endpoint, e.g. `available`.", Computed: true},
			"subnet_ids":            strSet("Subnets of an interface endpoint."),
			"tags": schema.MapAttribute{
				MarkdownDescription: "Only an endpoint that has all these tags (each key with this value). Once read, the endpoint's tags: all of them, the ones searched for included.",
				Optional:            true,
				Computed:            true,
				ElementType:         types.StringType,
			},
			"type":              endpointTypeAttribute(),
			"vpc_endpoint_type": schema.StringAttribute{MarkdownDescription: "Type of the endpoint: " + quotedList(endpointLookupTypes) + ".", Computed: true},
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "Only an endpoint in this VPC. Once read, the endpoint's VPC.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(vpcIDRegexp, "must be a VPC ID such as vpc-0123456789abcdef0")},
			},
		},
		Blocks: map[string]schema.Block{"filter": endpointFilterBlock()},
	}
}

// endpointSearchArguments are the vpce_endpoint arguments that search, as opposed to id.
var endpointSearchArguments = []string{"filter", "service", "tags", "type", "vpc_id"}

func (d *endpointDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	all := []path.Expression{path.MatchRoot("id")}
	var out []datasource.ConfigValidator
	for _, a := range endpointSearchArguments {
		all = append(all, path.MatchRoot(a))
		out = append(out, datasourcevalidator.Conflicting(path.MatchRoot("id"), path.MatchRoot(a)))
	}
	return append(out, datasourcevalidator.AtLeastOneOf(all...))
}

func (d *endpointDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureData(req.ProviderData, &resp.Diagnostics)
}

func (d *endpointDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg endpointDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.client
	var ep *ec2types.VpcEndpoint
	if id := cfg.ID.ValueString(); id != "" {
		var err error
		ep, err = awsclient.FindVPCEndpointByID(ctx, client.EC2, id)
		if awsclient.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "VPC endpoint not found",
				fmt.Sprintf("No VPC endpoint %s exists in %s.", id, client.Region))
			return
		}
		if err != nil {
			resp.Diagnostics.AddError(fmt.Sprintf("reading VPC endpoint (%s)", id), err.Error())
			return
		}
	} else {
		q, diags := newEndpointQuery(ctx, client.Region, cfg.VPCID, cfg.Service, cfg.Type, types.StringNull(), cfg.Tags, cfg.Filters)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		found, err := findEndpoints(ctx, client.EC2, q)
		if err != nil {
			resp.Diagnostics.AddError("reading VPC endpoints ("+q.describe()+")", err.Error())
			return
		}
		at := path.Root(firstSet(cfg))
		switch len(found) {
		case 0:
			resp.Diagnostics.AddAttributeError(at, "VPC endpoint not found",
				fmt.Sprintf("No VPC endpoint in %s matches %s (endpoints being deleted are not considered).", client.Region, q.describe()))
			return
		case 1:
			ep = &found[0]
		default:
			ids := make([]string, len(found))
			for i, e := range found {
				ids[i] = fmt.Sprintf("%s (%s, %s)", aws.ToString(e.VpcEndpointId), e.VpcEndpointType, aws.ToString(e.ServiceName))
			}
			resp.Diagnostics.AddAttributeError(at, "Several VPC endpoints match",
				fmt.Sprintf("%d VPC endpoints match %s: %s. Narrow the search with type (Gateway or Interface), tags or a filter block, look the one you mean up by id, or list them all with vpce_endpoints.",
					len(found), q.describe(), strings.Join(ids, ", ")))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, flattenEndpointDataSource(client, ep, cfg))...)
}

// firstSet names the first search argument the configuration sets, for a diagnostic's path.
func firstSet(cfg endpointDataSourceModel) string {
	switch {
	case !cfg.Service.IsNull():
		return "service"
	case !cfg.VPCID.IsNull():
		return "vpc_id"
	case !cfg.Type.IsNull():
		return "type"
	case !cfg.Tags.IsNull():
		return "tags"
	}
	return "filter"
}

// flattenEndpointDataSource fills every computed field from the endpoint.
func flattenEndpointDataSource(client *awsclient.Client, e *ec2types.VpcEndpoint, cfg endpointDataSourceModel) *endpointDataSourceModel {
	m := cfg
	m.ARN = types.StringValue(endpointARN(client, e))
	m.ID = types.StringPointerValue(e.VpcEndpointId)
	m.VPCID = types.StringPointerValue(e.VpcId)
	m.ServiceName = types.StringPointerValue(e.ServiceName)
	m.VPCEndpointType = types.StringValue(string(e.VpcEndpointType))
	m.State = types.StringValue(string(e.State))
	m.OwnerID = types.StringPointerValue(e.OwnerId)
	m.Policy = types.StringPointerValue(e.PolicyDocument)
	m.PrivateDNSEnabled = types.BoolValue(aws.ToBool(e.PrivateDnsEnabled))
	m.RouteTableIDs = setValue(e.RouteTableIds)
	m.SubnetIDs = setValue(e.SubnetIds)
	m.SecurityGroupIDs = setValue(securityGroupIDs(e))
	m.NetworkInterfaceIDs = setValue(e.NetworkInterfaceIds)
	m.Tags = mapValue(tagsFromEC2(e.Tags), false)
	entries := make([]attr.Value, 0, len(e.DnsEntries))
	for _, de := range e.DnsEntries {
		entries = append(entries, types.ObjectValueMust(endpointDNSEntryAttrTypes, map[string]attr.Value{
			"dns_name":       types.StringPointerValue(de.DnsName),
			"hosted_zone_id": types.StringPointerValue(de.HostedZoneId),
		}))
	}
	m.DNSEntries = types.ListValueMust(types.ObjectType{AttrTypes: endpointDNSEntryAttrTypes}, entries)
	return &m
}

type endpointDataSourceModel struct {
	ARN                 types.String          `tfsdk:"arn"`
	DNSEntries          types.List            `tfsdk:"dns_entries"` //< {dns_name, hosted_zone_id}
	ID                  types.String          `tfsdk:"id"`
	NetworkInterfaceIDs types.Set             `tfsdk:"network_interface_ids"` //< string
	OwnerID             types.String          `tfsdk:"owner_id"`
	Policy              types.String          `tfsdk:"policy"`
	PrivateDNSEnabled   types.Bool            `tfsdk:"private_dns_enabled"`
	RouteTableIDs       types.Set             `tfsdk:"route_table_ids"`    //< string
	SecurityGroupIDs    types.Set             `tfsdk:"security_group_ids"` //< string
	Service             types.String          `tfsdk:"service"`
	ServiceName         types.String          `tfsdk:"service_name"`
	State               types.String          `tfsdk:"state"`
	SubnetIDs           types.Set             `tfsdk:"subnet_ids"` //< string
	Filters             []endpointFilterModel `tfsdk:"filter"`
	Tags                types.Map             `tfsdk:"tags"` //< string
	Type                types.String          `tfsdk:"type"`
	VPCEndpointType     types.String          `tfsdk:"vpc_endpoint_type"`
	VPCID               types.String          `tfsdk:"vpc_id"`
}
