package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

var _ datasource.DataSourceWithConfigure = (*servicesDataSource)(nil)

// endpointTypes are the values of service_type.
var endpointTypes = []string{planner.TypeGateway, planner.TypeInterface, planner.TypeGatewayLoadBalancer}

// NewServicesDataSource returns the vpce_services data source.
func NewServicesDataSource() datasource.DataSource {
	return &servicesDataSource{}
}

type servicesDataSource struct {
	data *providerData
}

func (d *servicesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_services"
}

func (d *servicesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every VPC endpoint service of the region (AWS services and the PrivateLink services your account may use), with the fields of `vpce_service`, optionally only those offering one endpoint type.",
		Attributes: map[string]schema.Attribute{
			"service_names": schema.ListAttribute{
				MarkdownDescription: "Full names of the services found, in the order of `services`.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"service_region": schema.StringAttribute{
				MarkdownDescription: "List the services of another region, for cross-region endpoints. Defaults to the provider's region.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(regionRegexp, "must be an AWS region name such as us-west-2")},
			},
			"service_type": schema.StringAttribute{
				MarkdownDescription: "Only services offering this endpoint type: " + quotedList(endpointTypes) + ". Defaults to every service.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(endpointTypes...)},
			},
			"services": schema.ListNestedAttribute{
				MarkdownDescription: "The services, sorted by name, each with the fields of the `vpce_service` data source.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: serviceComputedAttributes()},
			},
			"short_names": schema.ListAttribute{
				MarkdownDescription: "Short names of the services found (`s3`, `ecr.api`; the full name of a PrivateLink service), in the order of `services`: keys for `for_each` that need no region prefix.",
				Computed:            true,
				ElementType:         types.StringType,
			},
		},
	}
}

func (d *servicesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureData(req.ProviderData, &resp.Diagnostics)
}

func (d *servicesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg servicesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.client
	var all []planner.ServiceFacts
	var err error
	if r := cfg.ServiceRegion.ValueString(); r != "" && r != client.Region {
		details, ferr := awsclient.FindVPCEndpointServices(ctx, client.EC2, &ec2.DescribeVpcEndpointServicesInput{ServiceRegions: []string{r}})
		if ferr != nil && !awsclient.IsNotFound(ferr) {
			err = ferr
		}
		all = awsclient.ServiceFactsFromSDKList(details, client.Region)
	} else {
		all, err = client.AllServiceFacts(ctx)
	}
	if err != nil {
		resp.Diagnostics.AddError("reading VPC endpoint services", err.Error())
		return
	}
	cfg.Services = nil
	names, shorts := []string{}, []string{}
	for _, s := range filterServices(all, cfg.ServiceType.ValueString()) {
		cfg.Services = append(cfg.Services, flattenService(client, s))
		names = append(names, s.ServiceName)
		shorts = append(shorts, planner.ShortName(s.ServiceName))
	}
	if cfg.Services == nil {
		cfg.Services = []serviceModel{}
	}
	cfg.ServiceNames = listValue(names)
	cfg.ShortNames = listValue(shorts)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// filterServices keeps the services offering serviceType ("" keeps all), sorted by name.
func filterServices(all []planner.ServiceFacts, serviceType string) []planner.ServiceFacts {
	var out []planner.ServiceFacts
	for _, s := range all {
		if serviceType != "" && !containsFold(s.ServiceTypes, serviceType) {
			continue
		}
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b planner.ServiceFacts) int { return strings.Compare(a.ServiceName, b.ServiceName) })
	return out
}

func containsFold(list []string, s string) bool {
	for _, e := range list {
		if strings.EqualFold(e, s) {
			return true
		}
	}
	return false
}

type servicesDataSourceModel struct {
	ServiceNames  types.List     `tfsdk:"service_names"` //< string
	ServiceRegion types.String   `tfsdk:"service_region"`
	ServiceType   types.String   `tfsdk:"service_type"`
	Services      []serviceModel `tfsdk:"services"`
	ShortNames    types.List     `tfsdk:"short_names"` //< string
}
