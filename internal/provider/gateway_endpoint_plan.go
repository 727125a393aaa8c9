package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

// ValidateConfig runs the planner's static rules: no AWS calls, so `terraform validate` catches them.
func (r *gatewayEndpointResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg gatewayEndpointModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	appendFindings(&resp.Diagnostics, planner.CheckGatewayStatic(gatewayPlannerConfig(cfg, "")))
}

// ModifyPlan fills in what the plan can know (service_name, tags_all, the policy reset, the route
// tables to be associated), shows membership changes made outside this resource, and runs the
// planner's live rules.
func (r *gatewayEndpointResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	plan, cfg, state, ok := modifyPlanModels[gatewayEndpointModel](ctx, req, resp)
	if !ok {
		return
	}
	client := r.data.client

	serviceName := ""
	if !cfg.Service.IsUnknown() {
		name, err := planner.ResolveServiceName(cfg.Service.ValueString(), client.Region)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("service"), "Invalid service", err.Error())
			return
		}
		serviceName = name
		plan.ServiceName = types.StringValue(name)
		if state != nil && state.ServiceName.ValueString() != name {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("service"))
		}
	}

	if !cfg.Tags.IsUnknown() {
		plan.TagsAll = mapValue(r.data.tagsAll(stringMap(ctx, cfg.Tags, &resp.Diagnostics), &resp.Diagnostics), false)
	}

	planPolicy(cfg.Policy, state.policy(), &plan.Policy)

	if ids, unknown := setStrings(cfg.RouteTableIDs); !cfg.RouteTableIDs.IsNull() && !unknown {
		plan.AssociatedRouteTableIDs = setValue(ids)
		if state != nil {
			warnDetached(&resp.Diagnostics, "route_table_ids", "Route table", "vpce_route_table_association", state.AssociatedRouteTableIDs, ids, state.ID.ValueString())
		}
	}

	if state != nil && gatewayInputsUnchanged(&plan, state) {
		// Nothing to do: show no "known after apply" for values the framework marked unknown
		// because the configuration's text changed (a reformatted policy).
		plan.State = state.State
		plan.AssociatedRouteTableIDs = state.AssociatedRouteTableIDs
	}

	if r.data.planTimeValidation && serviceName != "" && needsGatewayLiveRules(state, &plan) {
		r.liveRules(ctx, cfg, state, serviceName, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func (m *gatewayEndpointModel) policy() *policyValue {
	if m == nil {
		return nil
	}
	return &m.Policy
}

// planPolicy plans an Optional+Computed policy. A configured policy equivalent to the one in state
// plans the prior value (Terraform accepts a prior value that the provider deems equivalent to the
// configuration), so reformatting or reordering never shows a diff. An unset policy plans AWS's
// full-access default, so that removing a custom policy shows the reset in the plan.
func planPolicy(cfg policyValue, state *policyValue, plan *policyValue) {
	if !cfg.IsNull() {
		if !cfg.IsUnknown() && state != nil && !state.IsNull() && !state.IsUnknown() &&
			policiesEquivalent(cfg.ValueString(), state.ValueString()) {
			*plan = *state
		}
		return
	}
	if state != nil && !state.IsNull() && policiesEquivalent(state.ValueString(), defaultEndpointPolicy) {
		*plan = *state
		return
	}
	*plan = newPolicyValue(defaultEndpointPolicy)
}

// gatewayInputsUnchanged reports whether applying plan would change nothing in AWS.
func gatewayInputsUnchanged(plan, state *gatewayEndpointModel) bool {
	return plan.ServiceName.Equal(state.ServiceName) && plan.VPCID.Equal(state.VPCID) &&
		plan.RouteTableIDs.Equal(state.RouteTableIDs) && plan.Policy.Equal(state.Policy) &&
		plan.TagsAll.Equal(state.TagsAll)
}

// needsGatewayLiveRules: live rules run on create and when what they check changes, not on every
// refresh-only plan.
func needsGatewayLiveRules(state, plan *gatewayEndpointModel) bool {
	return state == nil || !plan.RouteTableIDs.Equal(state.RouteTableIDs) || !plan.Policy.Equal(state.Policy)
}

func (r *gatewayEndpointResource) liveRules(ctx context.Context, cfg gatewayEndpointModel, state *gatewayEndpointModel, serviceName string, diags *diag.Diagnostics) {
	client := r.data.client
	pcfg := gatewayPlannerConfig(cfg, client.Region)
	if state != nil {
		pcfg.EndpointID = state.ID.ValueString()
	}
	var facts planner.GatewayFacts
	var err error
	if facts.Service, err = client.ServiceFacts(ctx, serviceName, ""); err != nil {
		factsWarning(diags, err)
		return
	}
	if len(pcfg.RouteTableIDs) > 0 {
		if facts.RouteTables, err = client.RouteTableFacts(ctx, pcfg.RouteTableIDs); err != nil {
			factsWarning(diags, err)
			return
		}
		if facts.PrefixList, err = client.PrefixListFacts(ctx, serviceName); err != nil {
			factsWarning(diags, err)
			return
		}
	}
	if state == nil {
		if facts.GatewayCount, err = client.GatewayEndpointCount(ctx); err != nil {
			factsWarning(diags, err)
			return
		}
		facts.GatewayQuota = awsclient.DefaultGatewayEndpointsPerRegion
	}
	appendFindings(diags, planner.CheckGatewayLive(pcfg, facts))
}

// factsWarning reports that live rules could not run; the plan goes on.
func factsWarning(diags *diag.Diagnostics, err error) {
	diags.AddWarning("Plan-time validation skipped",
		"The provider could not read the facts its plan-time rules need, so those rules did not run: "+err.Error()+
			"\n\nGrant the ec2:Describe* permissions, or set plan_time_validation = false in the provider block to skip these rules.")
}

// gatewayPlannerConfig is the planner's view of a configuration (region "" at validate time).
func gatewayPlannerConfig(m gatewayEndpointModel, region string) planner.GatewayConfig {
	ids, unknown := setStrings(m.RouteTableIDs)
	c := planner.GatewayConfig{
		Region:               region,
		RouteTableIDs:        ids,
		RouteTableIDsSet:     !m.RouteTableIDs.IsNull(),
		RouteTableIDsUnknown: unknown,
		PolicySet:            !m.Policy.IsNull(),
		PolicyUnknown:        m.Policy.IsUnknown(),
	}
	if !m.VPCID.IsUnknown() {
		c.VPCID = m.VPCID.ValueString()
	}
	if !m.Service.IsUnknown() {
		c.Service = strings.TrimSpace(m.Service.ValueString())
	}
	if !m.Policy.IsNull() && !m.Policy.IsUnknown() {
		c.Policy = m.Policy.ValueString()
	}
	return c
}
