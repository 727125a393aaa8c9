package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
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
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
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
		MarkdownDescription: "Looks up one existing VPC endpoint (gateway or interface), by `id` or by `vpc_id` and `service`. Exactly one endpoint that is not being deleted must match.",
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
				MarkdownDescription: "ID of the endpoint (`vpce-…`). Either this, or `vpc_id` and `service`.",
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
			"service": schema.StringAttribute{
				MarkdownDescription: "The service, with `vpc_id`: a short name such as `s3` or a full name such as `com.amazonaws.us-east-1.s3`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"service_name": schema.StringAttribute{MarkdownDescription: "Full service name.", Computed: true},
			"state":        schema.StringAttribute{MarkdownDescription: "State of the endpoint, e.g. `available`.", Computed: true},
			"subnet_ids":   strSet("Subnets of an interface endpoint."),
			"tags": schema.MapAttribute{
				MarkdownDescription: "Tags of the endpoint.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"vpc_endpoint_type": schema.StringAttribute{MarkdownDescription: "Type of the endpoint: " + quotedList(endpointTypes) + ".", Computed: true},
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "ID of the VPC, with `service`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(vpcIDRegexp, "must be a VPC ID such as vpc-0123456789abcdef0")},
			},
		},
	}
}

func (d *endpointDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("service")),
		datasourcevalidator.RequiredTogether(path.MatchRoot("vpc_id"), path.MatchRoot("service")),
	}
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
		vpcID := cfg.VPCID.ValueString()
		name, err := planner.ResolveServiceName(cfg.Service.ValueString(), client.Region)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("service"), "Invalid service", err.Error())
			return
		}
		found, err := awsclient.FindVPCEndpoints(ctx, client.EC2, &ec2.DescribeVpcEndpointsInput{Filters: []ec2types.Filter{
			{Name: aws.String("vpc-id"), Values: []string{vpcID}},
			{Name: aws.String("service-name"), Values: []string{name}},
		}})
		if err != nil && !awsclient.IsNotFound(err) {
			resp.Diagnostics.AddError(fmt.Sprintf("reading VPC endpoints of %s in VPC (%s)", name, vpcID), err.Error())
			return
		}
		var live []ec2types.VpcEndpoint
		for _, e := range found {
			if s := string(e.State); !awsclient.StateEquals(s, awsclient.StateDeleted) && !awsclient.StateEquals(s, awsclient.StateDeleting) {
				live = append(live, e)
			}
		}
		switch len(live) {
		case 0:
			resp.Diagnostics.AddAttributeError(path.Root("service"), "VPC endpoint not found",
				fmt.Sprintf("The VPC %s has no endpoint for %s.", vpcID, name))
			return
		case 1:
			ep = &live[0]
		default:
			ids := make([]string, len(live))
			for i, e := range live {
				ids[i] = fmt.Sprintf("%s (%s)", aws.ToString(e.VpcEndpointId), e.VpcEndpointType)
			}
			resp.Diagnostics.AddAttributeError(path.Root("service"), "Several VPC endpoints match",
				fmt.Sprintf("The VPC %s has %d endpoints for %s: %s. Look the one you mean up by id.", vpcID, len(live), name, strings.Join(ids, ", ")))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, flattenEndpointDataSource(client, ep, cfg))...)
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
	ARN                 types.String `tfsdk:"arn"`
	DNSEntries          types.List   `tfsdk:"dns_entries"` //< {dns_name, hosted_zone_id}
	ID                  types.String `tfsdk:"id"`
	NetworkInterfaceIDs types.Set    `tfsdk:"network_interface_ids"` //< string
	OwnerID             types.String `tfsdk:"owner_id"`
	Policy              types.String `tfsdk:"policy"`
	PrivateDNSEnabled   types.Bool   `tfsdk:"private_dns_enabled"`
	RouteTableIDs       types.Set    `tfsdk:"route_table_ids"`    //< string
	SecurityGroupIDs    types.Set    `tfsdk:"security_group_ids"` //< string
	Service             types.String `tfsdk:"service"`
	ServiceName         types.String `tfsdk:"service_name"`
	State               types.String `tfsdk:"state"`
	SubnetIDs           types.Set    `tfsdk:"subnet_ids"` //< string
	Tags                types.Map    `tfsdk:"tags"`       //< string
	VPCEndpointType     types.String `tfsdk:"vpc_endpoint_type"`
	VPCID               types.String `tfsdk:"vpc_id"`
}
