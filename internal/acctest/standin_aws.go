package acctest

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// StandInAWS returns a stand-in for the `aws` provider (hashicorp/aws), which the Go module proxy
// does not serve, so it cannot be installed here. It declares aws_vpc_endpoint and the three
// aws_vpc_endpoint_*_association resources with the attributes and blocks of the `aws` provider's
// current schema (types only: no behaviour), so that Terraform can load a state that provider wrote,
// and that `moved` blocks to this project's resources can be tested. Every operation fails.
func StandInAWS() provider.Provider { return standInAWS{} }

type standInAWS struct{}

func (standInAWS) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "aws"
}

func (standInAWS) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {
	// The provider block is not used.
}

func (standInAWS) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (standInAWS) DataSources(context.Context) []func() datasource.DataSource { return nil }

func (standInAWS) Resources(context.Context) []func() resource.Resource {
	strs := func(names ...string) map[string]schema.Attribute {
		m := map[string]schema.Attribute{}
		for _, n := range names {
			m[n] = schema.StringAttribute{Optional: true, Computed: true}
		}
		return m
	}
	timeouts := func(ops ...string) schema.Block {
		return schema.SingleNestedBlock{Attributes: strs(ops...)}
	}
	endpoint := strs("arn", "id", "ip_address_type", "owner_id", "policy", "prefix_list_id", "region",
		"resource_configuration_arn", "service_name", "service_network_arn", "service_region", "state",
		"vpc_endpoint_type", "vpc_id")
	for _, b := range []string{"auto_accept", "private_dns_enabled", "requester_managed"} {
		endpoint[b] = schema.BoolAttribute{Optional: true, Computed: true}
	}
	for _, s := range []string{"cidr_blocks", "network_interface_ids", "route_table_ids", "security_group_ids", "subnet_ids"} {
		endpoint[s] = schema.SetAttribute{ElementType: types.StringType, Optional: true, Computed: true}
	}
	for _, m := range []string{"tags", "tags_all"} {
		endpoint[m] = schema.MapAttribute{ElementType: types.StringType, Optional: true, Computed: true}
	}
	endpoint["dns_entry"] = schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: strs("dns_name", "hosted_zone_id")}}
	dnsOptions := strs("dns_record_ip_type")
	dnsOptions["private_dns_only_for_inbound_resolver_endpoint"] = schema.BoolAttribute{Optional: true, Computed: true}

	return []func() resource.Resource{
		standInResource("aws_vpc_endpoint", endpoint, map[string]schema.Block{
			"dns_options":          schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: dnsOptions}},
			"subnet_configuration": schema.SetNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: strs("ipv4", "ipv6", "subnet_id")}},
			"timeouts":             timeouts("create", "update", "delete"),
		}),
		standInResource("aws_vpc_endpoint_route_table_association", strs("id", "region", "route_table_id", "vpc_endpoint_id"), nil),
		standInResource("aws_vpc_endpoint_subnet_association", strs("id", "region", "subnet_id", "vpc_endpoint_id"),
			map[string]schema.Block{"timeouts": timeouts("create", "delete")}),
		standInResource("aws_vpc_endpoint_security_group_association", func() map[string]schema.Attribute {
			a := strs("id", "region", "security_group_id", "vpc_endpoint_id")
			a["replace_default_association"] = schema.BoolAttribute{Optional: true}
			return a
		}(), nil),
	}
}

func standInResource(name string, attrs map[string]schema.Attribute, blocks map[string]schema.Block) func() resource.Resource {
	return func() resource.Resource { return &standInAWSResource{name: name, attrs: attrs, blocks: blocks} }
}

type standInAWSResource struct {
	name   string
	attrs  map[string]schema.Attribute
	blocks map[string]schema.Block
}

func (r *standInAWSResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.name
}

func (r *standInAWSResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: r.attrs, Blocks: r.blocks}
}

func (r *standInAWSResource) fail(diags interface{ AddError(string, string) }) {
	diags.AddError("Stand-in provider", "This stand-in for the aws provider only knows its schemas: "+r.name+" cannot be managed with it.")
}

func (r *standInAWSResource) Create(_ context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	r.fail(&resp.Diagnostics)
}

// Read keeps the state as it is (a refresh of a resource the test did not move).
func (r *standInAWSResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *standInAWSResource) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.fail(&resp.Diagnostics)
}

func (r *standInAWSResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.fail(&resp.Diagnostics)
}
