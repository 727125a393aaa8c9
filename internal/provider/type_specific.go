package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Arguments of one endpoint type written on the other. Left out of the schema, Terraform would reject
// them with "An argument named … is not expected here" and no word on what to do; so each resource
// accepts the other type's arguments in its schema and rejects them at validate with the fix (P11):
// which resource takes them.

// gatewayUnsupported are the interface-only arguments, as they appear in a gateway's model.
type gatewayUnsupported struct {
	DNSOptions        types.Object `tfsdk:"dns_options"`
	IPAddressType     types.String `tfsdk:"ip_address_type"`
	PrivateDNSEnabled types.Bool   `tfsdk:"private_dns_enabled"`
	SecurityGroupIDs  types.Set    `tfsdk:"security_group_ids"` //< string
	SubnetIDs         types.Set    `tfsdk:"subnet_ids"`         //< string
}

// interfaceUnsupported are the gateway-only arguments, as they appear in an interface endpoint's model.
type interfaceUnsupported struct {
	RouteTableIDs types.Set `tfsdk:"route_table_ids"` //< string
}

func unsupportedDescription(other string) string {
	return fmt.Sprintf("Not supported on this endpoint type: it belongs to `%s`. Setting it is an error at `terraform validate` that says which resource to use.", other)
}

// addGatewayUnsupported adds the interface-only arguments to a gateway's schema attributes.
func addGatewayUnsupported(attrs map[string]schema.Attribute) {
	d := unsupportedDescription("vpce_interface_endpoint")
	attrs["dns_options"] = schema.SingleNestedAttribute{
		MarkdownDescription: d,
		Optional:            true,
		Attributes: map[string]schema.Attribute{
			"dns_record_ip_type":                             schema.StringAttribute{MarkdownDescription: d, Optional: true},
			"private_dns_only_for_inbound_resolver_endpoint": schema.BoolAttribute{MarkdownDescription: d, Optional: true},
		},
	}
	attrs["ip_address_type"] = schema.StringAttribute{MarkdownDescription: d, Optional: true}
	attrs["private_dns_enabled"] = schema.BoolAttribute{MarkdownDescription: d, Optional: true}
	attrs["security_group_ids"] = schema.SetAttribute{MarkdownDescription: d, Optional: true, ElementType: types.StringType}
	attrs["subnet_ids"] = schema.SetAttribute{MarkdownDescription: d, Optional: true, ElementType: types.StringType}
}

// addInterfaceUnsupported adds the gateway-only arguments to an interface endpoint's schema attributes.
func addInterfaceUnsupported(attrs map[string]schema.Attribute) {
	attrs["route_table_ids"] = schema.SetAttribute{MarkdownDescription: unsupportedDescription("vpce_gateway_endpoint"),
		Optional: true, ElementType: types.StringType}
}

// validate rejects every interface-only argument set on a gateway endpoint.
func (u gatewayUnsupported) validate(diags *diag.Diagnostics) {
	for name, v := range map[string]attr.Value{
		"dns_options": u.DNSOptions, "ip_address_type": u.IPAddressType, "private_dns_enabled": u.PrivateDNSEnabled,
		"security_group_ids": u.SecurityGroupIDs, "subnet_ids": u.SubnetIDs,
	} {
		if v.IsNull() {
			continue
		}
		rejection := "InvalidParameter"
		if m := gatewayRejections[name]; m != "" {
			rejection += ": " + m
		} else {
			rejection += "."
		}
		diags.AddAttributeError(path.Root(name), "Argument of interface endpoints [P11]",
			fmt.Sprintf("%s belongs to interface endpoints (network interfaces in subnets, with security groups and private DNS); a gateway endpoint only takes route_table_ids. "+
				"AWS would reject it at apply with: %s Use vpce_interface_endpoint for an interface endpoint, or remove %s from this vpce_gateway_endpoint.", name, rejection, name))
	}
}

// gatewayRejections are EC2's messages, where they are known, for interface-only arguments sent for a
// gateway endpoint (the others are quoted by their code).
var gatewayRejections = map[string]string{
	"subnet_ids": "Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints.",
}

// validate rejects route_table_ids set on an interface endpoint.
func (u interfaceUnsupported) validate(diags *diag.Diagnostics) {
	if u.RouteTableIDs.IsNull() {
		return
	}
	diags.AddAttributeError(path.Root("route_table_ids"), "Argument of gateway endpoints [P11]",
		"route_table_ids belongs to gateway endpoints (S3, DynamoDB and S3 Express routes in route tables); an interface endpoint is reached through network interfaces in subnet_ids. "+
			"AWS would reject it at apply with: InvalidParameter: Route table IDs are only supported for Gateway type VPC Endpoint. "+
			"Use vpce_gateway_endpoint for a gateway endpoint, or remove route_table_ids from this vpce_interface_endpoint.")
}
