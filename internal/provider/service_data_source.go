package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

var _ datasource.DataSourceWithConfigure = (*serviceDataSource)(nil)

// NewServiceDataSource returns the vpce_service data source.
func NewServiceDataSource() datasource.DataSource {
	return &serviceDataSource{}
}

type serviceDataSource struct {
	data *providerData
}

func (d *serviceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service"
}

func (d *serviceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := serviceComputedAttributes()
	attrs["service"] = schema.StringAttribute{
		MarkdownDescription: "The service: a short name such as `s3` or `ssm`, a full name such as `com.amazonaws.us-east-1.s3`, or a PrivateLink service name `com.amazonaws.vpce.<region>.vpce-svc-…`.",
		Required:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["service_region"] = schema.StringAttribute{
		MarkdownDescription: "Region the service is in, for cross-region endpoints. Defaults to the provider's region.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.RegexMatches(regionRegexp, "must be an AWS region name such as us-west-2")},
	}
	attrs["reachable_from"] = schema.SetAttribute{
		MarkdownDescription: "Where the endpoint must be reachable from, for `preferred_type`: `vpc` (the endpoint's own VPC, the default), `on_premises` (VPN or Direct Connect), `peered_vpcs_other_regions` and `transit_gateway`. A gateway endpoint is a route in the VPC's route tables, so only traffic that starts in the VPC uses it; anything beyond the VPC needs an interface endpoint (AWS's guidance on choosing a type).",
		Optional:            true,
		ElementType:         types.StringType,
		Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(planner.Reachabilities()...))},
	}
	attrs["preferred_type"] = schema.StringAttribute{
		MarkdownDescription: "The type to use: `Gateway` where the service offers it and only the VPC must reach it (gateways are free), else `Interface`; `GatewayLoadBalancer` for a Gateway Load Balancer endpoint service (use `vpce_gateway_load_balancer_endpoint`). An error when the service offers no type that serves `reachable_from`.",
		Computed:            true,
	}
	attrs["preferred_type_reason"] = schema.StringAttribute{
		MarkdownDescription: "Why `preferred_type` is what it is, in words.",
		Computed:            true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one VPC endpoint service: which endpoint types it offers, in which Availability Zones, with which private DNS names, and which type to prefer for where it must be reached from (`Gateway` where the service has one and only the VPC uses it: it is free).",
		Attributes:          attrs,
	}
}

// serviceComputedAttributes are the fields vpce_service and vpce_services share.
func serviceComputedAttributes() map[string]schema.Attribute {
	strList := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
	}
	return map[string]schema.Attribute{
		"acceptance_required": schema.BoolAttribute{MarkdownDescription: "Whether the service owner must accept each endpoint connection.", Computed: true},
		"arn": schema.StringAttribute{
			MarkdownDescription: "ARN of the service, `arn:<partition>:ec2:<region>:<account>:vpc-endpoint-service/<service_id>`. The account is the owner's for a service owned by an account, else (AWS services) the caller's, as the `aws` provider's `aws_vpc_endpoint_service` builds it; null when that account is unknown (`skip_requesting_account_id`).",
			Computed:            true,
		},
		"availability_zone_ids":   strList("IDs of the Availability Zones the service is offered in (`use1-az1`)."),
		"availability_zones":      strList("Availability Zones the service is offered in."),
		"base_endpoint_dns_names": strList("DNS names of the service (`s3.us-east-1.amazonaws.com` for a gateway, `ssm.us-east-1.vpce.amazonaws.com` for an interface service)."),
		"gateway_supported":       schema.BoolAttribute{MarkdownDescription: "Whether the service offers Gateway endpoints.", Computed: true},
		"interface_supported":     schema.BoolAttribute{MarkdownDescription: "Whether the service offers Interface endpoints.", Computed: true},
		"manages_vpc_endpoints":   schema.BoolAttribute{MarkdownDescription: "Whether the service manages its VPC endpoints itself (managing them through the VPC endpoint API is then restricted).", Computed: true},
		"owner":                   schema.StringAttribute{MarkdownDescription: "Owner of the service: `amazon` or an account ID.", Computed: true},
		"policy_supported":        schema.BoolAttribute{MarkdownDescription: "Whether endpoints of the service accept a custom policy.", Computed: true},
		"preferred_type":          schema.StringAttribute{MarkdownDescription: "`Gateway` where the service offers it (gateways are free), `GatewayLoadBalancer` for a Gateway Load Balancer endpoint service, else `Interface`.", Computed: true},
		"private_dns_names":       strList("Private DNS names of the service; empty when it has none."),
		"service_id": schema.StringAttribute{
			MarkdownDescription: "ID of the service (`vpce-svc-…`). EC2 lists `s3` and `dynamodb` once per endpoint type, each entry with its own ID: this is the Gateway entry's.",
			Computed:            true,
		},
		"service_name":               schema.StringAttribute{MarkdownDescription: "Full service name.", Computed: true},
		"service_types":              strList("Endpoint types the service offers: `Gateway`, `Interface` (`GatewayLoadBalancer` for a Gateway Load Balancer endpoint service)."),
		"short_name":                 schema.StringAttribute{MarkdownDescription: "Short name of the service (`s3`, `ecr.api`), as the endpoint resources' `service` accepts it; the full name for a PrivateLink service, which has none.", Computed: true},
		"supported_ip_address_types": strList("IP address types the service supports: `ipv4`, `ipv6`."),
		"tags":                       schema.MapAttribute{MarkdownDescription: "Tags the service's owner gave it (AWS services have none).", Computed: true, ElementType: types.StringType},
	}
}

func (d *serviceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureData(req.ProviderData, &resp.Diagnostics)
}

func (d *serviceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg serviceDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.client
	region := client.Region
	if r := cfg.ServiceRegion.ValueString(); r != "" {
		region = r
	}
	name, err := planner.ResolveServiceName(cfg.Service.ValueString(), region)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("service"), "Invalid service", err.Error())
		return
	}
	facts, err := client.ServiceFacts(ctx, name, cfg.ServiceRegion.ValueString())
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("reading VPC endpoint service (%s)", name), err.Error())
		return
	}
	if facts == nil {
		resp.Diagnostics.AddAttributeError(path.Root("service"), "VPC endpoint service not found",
			fmt.Sprintf("No VPC endpoint service named %s exists in %s. Check the name (vpce_services lists every service of the region).", name, region))
		return
	}
	cfg.serviceModel = flattenService(client, *facts)
	var reach []string
	resp.Diagnostics.Append(cfg.ReachableFrom.ElementsAs(ctx, &reach, false)...)
	typ, reason, err := planner.PreferredTypeFor(facts.ServiceTypes, reach)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("reachable_from"), "No endpoint type serves reachable_from",
			fmt.Sprintf("%s: %s.", name, err))
		return
	}
	cfg.PreferredType = types.StringValue(typ)
	cfg.PreferredTypeReason = types.StringValue(reason)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// flattenService converts the planner's service facts into the shared data-source fields.
func flattenService(client *awsclient.Client, f planner.ServiceFacts) serviceModel {
	m := serviceModel{
		AcceptanceRequired:      types.BoolValue(f.AcceptanceRequired),
		ARN:                     stringOrNull(serviceARN(client, f)),
		AvailabilityZoneIDs:     listValue(f.AvailabilityZoneIDs),
		AvailabilityZones:       listValue(f.AvailabilityZones),
		BaseEndpointDNSNames:    listValue(f.BaseEndpointDNSNames),
		ManagesVPCEndpoints:     types.BoolValue(f.ManagesVPCEndpoints),
		Owner:                   types.StringValue(f.Owner),
		PolicySupported:         types.BoolValue(f.PolicySupported),
		PreferredType:           types.StringValue(planner.PreferredType(f.ServiceTypes)),
		PrivateDNSNames:         listValue(f.PrivateDNSNames),
		ServiceID:               types.StringValue(f.ServiceID),
		ServiceName:             types.StringValue(f.ServiceName),
		ServiceTypes:            listValue(f.ServiceTypes),
		ShortName:               types.StringValue(planner.ShortName(f.ServiceName)),
		SupportedIPAddressTypes: listValue(f.SupportedIPAddressTypes),
		Tags:                    mapValue(f.Tags, false),
	}
	for _, t := range f.ServiceTypes {
		switch t {
		case planner.TypeGateway:
			m.GatewaySupported = types.BoolValue(true)
		case planner.TypeInterface:
			m.InterfaceSupported = types.BoolValue(true)
		}
	}
	if m.GatewaySupported.IsNull() {
		m.GatewaySupported = types.BoolValue(false)
	}
	if m.InterfaceSupported.IsNull() {
		m.InterfaceSupported = types.BoolValue(false)
	}
	return m
}

// serviceARN builds a service's ARN: in its own region, under its owner's account when an account
// owns it, else under the caller's (as the aws provider does for AWS services). It is "" when the
// service ID or the account is unknown.
func serviceARN(client *awsclient.Client, f planner.ServiceFacts) string {
	account := client.AccountID
	if accountIDRegexp.MatchString(f.Owner) {
		account = f.Owner
	}
	if f.ServiceID == "" || account == "" {
		return ""
	}
	region := f.ServiceRegion
	if region == "" {
		region = client.Region
	}
	partition := client.Partition
	if partition == "" {
		partition = awsclient.PartitionForRegion(region)
	}
	return fmt.Sprintf("arn:%s:ec2:%s:%s:vpc-endpoint-service/%s", partition, region, account, f.ServiceID)
}

// stringOrNull is a known string, or null for "".
func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

type serviceModel struct {
	AcceptanceRequired      types.Bool   `tfsdk:"acceptance_required"`
	ARN                     types.String `tfsdk:"arn"`
	AvailabilityZoneIDs     types.List   `tfsdk:"availability_zone_ids"`   //< string
	AvailabilityZones       types.List   `tfsdk:"availability_zones"`      //< string
	BaseEndpointDNSNames    types.List   `tfsdk:"base_endpoint_dns_names"` //< string
	GatewaySupported        types.Bool   `tfsdk:"gateway_supported"`
	InterfaceSupported      types.Bool   `tfsdk:"interface_supported"`
	ManagesVPCEndpoints     types.Bool   `tfsdk:"manages_vpc_endpoints"`
	Owner                   types.String `tfsdk:"owner"`
	PolicySupported         types.Bool   `tfsdk:"policy_supported"`
	PreferredType           types.String `tfsdk:"preferred_type"`
	PrivateDNSNames         types.List   `tfsdk:"private_dns_names"` //< string
	ServiceID               types.String `tfsdk:"service_id"`
	ServiceName             types.String `tfsdk:"service_name"`
	ServiceTypes            types.List   `tfsdk:"service_types"` //< string
	ShortName               types.String `tfsdk:"short_name"`
	SupportedIPAddressTypes types.List   `tfsdk:"supported_ip_address_types"` //< string
	Tags                    types.Map    `tfsdk:"tags"`                       //< string
}

type serviceDataSourceModel struct {
	serviceModel
	Service             types.String `tfsdk:"service"`
	ServiceRegion       types.String `tfsdk:"service_region"`
	ReachableFrom       types.Set    `tfsdk:"reachable_from"` //< string
	PreferredTypeReason types.String `tfsdk:"preferred_type_reason"`
}
