package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

// ValidateConfig runs the planner's static rules: no AWS calls, so `terraform validate` catches them.
func (r *gatewayLoadBalancerEndpointResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg gatewayLoadBalancerEndpointModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	region := ""
	if r.data != nil && r.data.client != nil {
		region = r.data.client.Region
	}
	cfg.validate(&resp.Diagnostics)
	appendFindings(ctx, &resp.Diagnostics, planner.CheckGatewayLoadBalancerStatic(gatewayLoadBalancerPlannerConfig(cfg, region)), &req.Config)
}

// ModifyPlan fills in what the plan can know (tags_all, ip_address_type, the subnet's zone, the
// state an accepted connection reaches), replaces the endpoint when ip_address_type changes, and runs
// the planner's live rules when the endpoint is created (every other change but tags and auto_accept
// replaces it, and a replacement is planned as a create).
func (r *gatewayLoadBalancerEndpointResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	plan, cfg, state, ok := modifyPlanModels[gatewayLoadBalancerEndpointModel](ctx, req, resp)
	if !ok {
		return
	}
	client := r.data.client
	plan.TagsAll = planTagsAll(&resp.Diagnostics, r.data, cfg.Tags)

	switch {
	case cfg.IPAddressType.IsUnknown():
		plan.IPAddressType = types.StringUnknown()
	case cfg.IPAddressType.IsNull() && state != nil:
		plan.IPAddressType = state.IPAddressType // unset: whatever the endpoint has
	case cfg.IPAddressType.IsNull():
		plan.IPAddressType = types.StringValue(planner.IPAddressTypeIPv4)
	case state != nil && !cfg.IPAddressType.Equal(state.IPAddressType):
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("ip_address_type"))
	}

	accepting := known(cfg.AutoAccept) && cfg.AutoAccept.ValueBool() && (state == nil || !state.AutoAccept.Equal(cfg.AutoAccept))
	if state != nil {
		plan.State = state.State
		if accepting && awsclient.StateEquals(state.State.ValueString(), awsclient.StatePendingAcceptance) {
			plan.State = types.StringUnknown() // accepted in this apply
		}
	}

	if r.data.planTimeValidation && (state == nil || accepting) {
		svc := r.liveRules(ctx, cfg, state, &plan, &req.Config, &resp.Diagnostics)
		if accepting && svc != nil && !resp.Diagnostics.HasError() {
			checkAutoAccept(client, svc, &resp.Diagnostics)
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// liveRules gathers the facts the planner needs and runs its live rules (on create; on an update
// that turns auto_accept on, only the service is looked up). It plans availability_zone from the
// subnet, and returns the service's facts (nil when not found or not read).
//
// availability_zone depends on the subnet's facts: a transient failure to read them stops the plan
// (see factsProblem). Facts that only feed findings skip their rules with a warning.
func (r *gatewayLoadBalancerEndpointResource) liveRules(ctx context.Context, cfg gatewayLoadBalancerEndpointModel, state *gatewayLoadBalancerEndpointModel,
	plan *gatewayLoadBalancerEndpointModel, config *tfsdk.Config, diags *diag.Diagnostics,
) *planner.ServiceFacts {
	client := r.data.client
	pcfg := gatewayLoadBalancerPlannerConfig(cfg, client.Region)
	if pcfg.Service == "" || !planner.IsPrivateLinkName(pcfg.Service) {
		return nil // unknown, or not a PrivateLink name: the static rules said so
	}
	var facts planner.GatewayLoadBalancerFacts
	var serviceErr, subnetErr error
	service := func() { facts.Service, serviceErr = client.ServiceFacts(ctx, pcfg.Service, "") }
	var subnet func()
	if state == nil && pcfg.SubnetID != "" {
		// On create the subnet too, at the same time.
		subnet = func() { facts.Subnets, subnetErr = client.SubnetFacts(ctx, []string{pcfg.SubnetID}) }
	}
	concurrently(service, subnet)
	if serviceErr != nil {
		factsProblem(diags, serviceErr, "")
		return nil
	}
	if state != nil {
		return facts.Service // an update: the subnet and the VPC are the endpoint's already
	}
	if facts.Service == nil {
		facts.ServiceCandidates = serviceCandidates(ctx, client)
	}
	if pcfg.SubnetID != "" {
		if subnetErr != nil {
			factsProblem(diags, subnetErr, "availability_zone")
			facts.Subnets = nil
		} else if sn, ok := facts.Subnets[pcfg.SubnetID]; ok {
			plan.AvailabilityZone = types.StringValue(sn.AvailabilityZone)
		}
	}
	if sn, ok := facts.Subnets[pcfg.SubnetID]; pcfg.VPCID != "" && (!ok || sn.VPCID != pcfg.VPCID) {
		// P10: the VPC exists (its own subnet already shows it does).
		exists, err := client.VPCExists(ctx, pcfg.VPCID)
		if err != nil {
			factsProblem(diags, err, "")
		}
		facts.VPCNotFound = err == nil && !exists
	}
	appendFindings(ctx, diags, planner.CheckGatewayLoadBalancerLive(pcfg, facts), config)
	return facts.Service
}

// gatewayLoadBalancerPlannerConfig is the planner's view of a configuration (region "" at validate time).
func gatewayLoadBalancerPlannerConfig(m gatewayLoadBalancerEndpointModel, region string) planner.GatewayLoadBalancerConfig {
	c := planner.GatewayLoadBalancerConfig{Region: region, IPAddressTypeUnknown: m.IPAddressType.IsUnknown()}
	if !m.VPCID.IsUnknown() {
		c.VPCID = m.VPCID.ValueString()
	}
	if !m.Service.IsUnknown() {
		c.Service = strings.TrimSpace(m.Service.ValueString())
	}
	if !m.SubnetID.IsUnknown() {
		c.SubnetID = m.SubnetID.ValueString()
	}
	if known(m.IPAddressType) {
		c.IPAddressType = m.IPAddressType.ValueString()
	}
	return c
}

// gatewayLoadBalancerUnsupported are the other endpoint types' arguments, as they appear in a
// Gateway Load Balancer endpoint's model: accepted by the schema and rejected at validate with the
// fix (P11), rather than Terraform's "An argument named … is not expected here".
type gatewayLoadBalancerUnsupported struct {
	Policy            types.String `tfsdk:"policy"`
	PrivateDNSEnabled types.Bool   `tfsdk:"private_dns_enabled"`
	RouteTableIDs     types.Set    `tfsdk:"route_table_ids"`    //< string
	SecurityGroupIDs  types.Set    `tfsdk:"security_group_ids"` //< string
	SubnetIDs         types.Set    `tfsdk:"subnet_ids"`         //< string
}

// gatewayLoadBalancerUnsupportedArguments says, per argument, which resource takes it and the AWS
// error it would meet (see doc.go of the local EC2 API for the messages that approximate AWS's).
var gatewayLoadBalancerUnsupportedArguments = map[string]struct{ other, why, aws string }{
	"policy": {"vpce_interface_endpoint or vpce_gateway_endpoint",
		"a Gateway Load Balancer endpoint has no endpoint policy (filter the traffic in the appliances instead)",
		"InvalidParameter"},
	"private_dns_enabled": {"vpce_interface_endpoint",
		"a Gateway Load Balancer endpoint has no DNS names: traffic reaches it through routes",
		"InvalidParameter: Private DNS is only supported for Interface type VPC Endpoint."},
	"route_table_ids": {"vpce_gateway_endpoint",
		"a Gateway Load Balancer endpoint is the target of routes (an aws_route with vpc_endpoint_id), it does not add routes itself",
		"InvalidParameter: Route table IDs are only supported for Gateway type VPC Endpoint."},
	"security_group_ids": {"vpce_interface_endpoint",
		"a Gateway Load Balancer endpoint's network interface takes no security groups",
		"InvalidParameter: Security group IDs are only supported for Interface type VPC Endpoint."},
	"subnet_ids": {"vpce_interface_endpoint",
		"a Gateway Load Balancer endpoint has exactly one subnet, set with subnet_id (one endpoint per Availability Zone)",
		"InvalidParameter"},
}

// addGatewayLoadBalancerUnsupported adds the other types' arguments to the schema attributes.
func addGatewayLoadBalancerUnsupported(attrs map[string]schema.Attribute) {
	for name, u := range gatewayLoadBalancerUnsupportedArguments {
		d := fmt.Sprintf("Not supported on this endpoint type: %s. Setting it is an error at `terraform validate` that says what to do.", u.why)
		switch name {
		case "policy":
			attrs[name] = schema.StringAttribute{MarkdownDescription: d, Optional: true}
		case "private_dns_enabled":
			attrs[name] = schema.BoolAttribute{MarkdownDescription: d, Optional: true}
		default:
			attrs[name] = schema.SetAttribute{MarkdownDescription: d, Optional: true, ElementType: types.StringType}
		}
	}
}

// validate rejects every argument of the other endpoint types set on a Gateway Load Balancer endpoint.
func (u gatewayLoadBalancerUnsupported) validate(diags *diag.Diagnostics) {
	for name, v := range map[string]attr.Value{
		"policy": u.Policy, "private_dns_enabled": u.PrivateDNSEnabled, "route_table_ids": u.RouteTableIDs,
		"security_group_ids": u.SecurityGroupIDs, "subnet_ids": u.SubnetIDs,
	} {
		if v.IsNull() {
			continue
		}
		a := gatewayLoadBalancerUnsupportedArguments[name]
		fix := fmt.Sprintf("Remove %s from this vpce_gateway_load_balancer_endpoint, or use %s", name, a.other)
		if name == "subnet_ids" {
			fix = "Set subnet_id to one subnet instead, and create one vpce_gateway_load_balancer_endpoint per Availability Zone (for_each over the subnets)"
		}
		diags.AddAttributeError(path.Root(name), "Argument not supported by Gateway Load Balancer endpoints [P11]",
			fmt.Sprintf("%s is not an argument of Gateway Load Balancer endpoints: %s. AWS would reject it at apply with: %s. %s.", name, a.why, strings.TrimSuffix(a.aws, "."), fix))
	}
}
