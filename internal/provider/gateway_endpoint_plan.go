package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
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
	cfg.validate(&resp.Diagnostics)
	appendFindings(ctx, &resp.Diagnostics, planner.CheckGatewayStatic(gatewayPlannerConfig(cfg, "")), &req.Config)
}

// ModifyPlan fills in what the plan can know (service_name, tags_all, the policy reset, the route
// tables to be associated), shows membership changes made outside this resource, and runs the
// planner's live rules.
func (r *gatewayEndpointResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data != nil {
		defer endpointPlanned(ctx, r.data.claims, req)
	}
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
		name, err := planner.ResolveServiceNameForType(cfg.Service.ValueString(), client.Region, planner.TypeGateway)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("service"), "Invalid service", err.Error())
			return
		}
		serviceName = name
		plan.ServiceName = types.StringValue(name)
		switch {
		case state != nil && state.ServiceName.ValueString() != name:
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("service"))
		case state != nil:
			// Another spelling of the same service (s3 / com.amazonaws.<region>.s3): the same value,
			// so the prior one is planned and nothing changes.
			plan.Service = state.Service
		}
	}

	plan.TagsAll = planTagsAll(&resp.Diagnostics, r.data, cfg.Tags)

	planPolicy(cfg.Policy, state.policy(), &plan.Policy)

	replacing := state != nil && (!cfg.VPCID.Equal(state.VPCID) || len(resp.RequiresReplace) > 0)
	if ids, unknown := setStrings(cfg.RouteTableIDs); !cfg.RouteTableIDs.IsNull() && !unknown {
		plan.AssociatedRouteTableIDs = setValue(ids)
		if state != nil && !replacing {
			owned, ok := ownedMembers(ctx, req.Private)
			warnDetached(&resp.Diagnostics, routeTableSet, state.AssociatedRouteTableIDs,
				ownOf(owned, ok, "route_table_ids", state.RouteTableIDs), ids, state.ID.ValueString())
		}
	}

	token := planClaimToken(ctx, resp.Private, &resp.Diagnostics)
	if state != nil && !replacing {
		r.data.claims.claimSets(state.ID.ValueString(), gatewayEndpointType, token,
			[]claimedSet{{routeTableSet, cfg.RouteTableIDs}}, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}

	if state != nil && gatewayInputsUnchanged(&plan, state) {
		// Nothing to do: show no "known after apply" for values the framework marked unknown
		// because the configuration's text changed (a reformatted policy).
		plan.State = state.State
		plan.AssociatedRouteTableIDs = state.AssociatedRouteTableIDs
	}

	if r.data.planTimeValidation && serviceName != "" && needsGatewayLiveRules(state, &plan) {
		r.liveRules(ctx, cfg, state, serviceName, &req.Config, &resp.Diagnostics)
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

// gatewayInputsUnchanged reports whether applying plan would change nothing in AWS. Unsetting
// route_table_ids (membership handed to associations, as after an import or a move) changes only
// the state.
func gatewayInputsUnchanged(plan, state *gatewayEndpointModel) bool {
	return plan.ServiceName.Equal(state.ServiceName) && plan.VPCID.Equal(state.VPCID) &&
		(plan.RouteTableIDs.Equal(state.RouteTableIDs) || plan.RouteTableIDs.IsNull()) && plan.Policy.Equal(state.Policy) &&
		plan.TagsAll.Equal(state.TagsAll)
}

// needsGatewayLiveRules: live rules run on create and when what they check changes, not on every
// refresh-only plan.
func needsGatewayLiveRules(state, plan *gatewayEndpointModel) bool {
	return state == nil || !plan.RouteTableIDs.Equal(state.RouteTableIDs) || !plan.Policy.Equal(state.Policy)
}

func (r *gatewayEndpointResource) liveRules(ctx context.Context, cfg gatewayEndpointModel, state *gatewayEndpointModel, serviceName string, config *tfsdk.Config, diags *diag.Diagnostics) {
	client := r.data.client
	pcfg := gatewayPlannerConfig(cfg, client.Region)
	if state != nil {
		pcfg.EndpointID = state.ID.ValueString()
	}
	// The gateway's planned values depend on no fact: a fact that cannot be read only skips the
	// rules that need it, with a warning. The facts are read at once: one round of calls.
	var facts planner.GatewayFacts
	var serviceErr, rtErr, plErr, countErr error
	var routeTables, prefixList, count func()
	if len(pcfg.RouteTableIDs) > 0 {
		routeTables = func() { facts.RouteTables, rtErr = client.RouteTableFacts(ctx, pcfg.RouteTableIDs) }
		prefixList = func() { facts.PrefixList, plErr = client.PrefixListFacts(ctx, serviceName) }
	}
	if state == nil {
		count = func() { facts.GatewayCount, countErr = client.GatewayEndpointCount(ctx) }
	}
	concurrently(func() { facts.Service, serviceErr = client.ServiceFacts(ctx, serviceName, "") }, routeTables, prefixList, count)
	if serviceErr != nil {
		factsProblem(diags, serviceErr, "")
		return
	}
	if facts.Service == nil {
		facts.ServiceCandidates = serviceCandidates(ctx, client)
	}
	if err := errors.Join(rtErr, plErr); err != nil {
		factsProblem(diags, err, "")
		facts.RouteTables, facts.PrefixList = nil, nil
	}
	if state == nil && pcfg.VPCID != "" && !routeTableInVPC(facts.RouteTables, pcfg.VPCID) {
		// P10: the VPC exists (a route table in it already shows it does).
		exists, err := client.VPCExists(ctx, pcfg.VPCID)
		if err != nil {
			factsProblem(diags, err, "")
		}
		facts.VPCNotFound = err == nil && !exists
	}
	if state == nil {
		if countErr != nil {
			factsProblem(diags, countErr, "")
		} else {
			facts.GatewayQuota = awsclient.DefaultGatewayEndpointsPerRegion
		}
	}
	appendFindings(ctx, diags, planner.CheckGatewayLive(pcfg, facts), config)
}

// routeTableInVPC reports whether a described route table is in the VPC (which then exists).
func routeTableInVPC(rts map[string]planner.RouteTableFacts, vpc string) bool {
	for _, rt := range rts {
		if rt.VPCID == vpc {
			return true
		}
	}
	return false
}

// factsProblem reports a fact the plan could not read. Refused for want of permission (AWS will
// answer the same in the apply-time re-plan), the rules that need it are skipped with a warning. A
// transient failure (throttling, 5xx, a lost connection) of a fact that a planned value depends on
// (values says which, "" for none) stops the plan: the apply-time re-plan must not turn a value the
// plan knew into an unknown one, so the plan fails with the call and its cause rather than guess.
func factsProblem(diags *diag.Diagnostics, err error, values string) {
	if values != "" && !awsclient.IsPermissionError(err) {
		diags.AddError("Reading plan-time facts failed",
			"The provider could not read a fact that the planned "+values+" depend on, after retrying: "+err.Error()+
				"\n\nA value known in the plan must stay the same at apply, so the plan stops here rather than guess. Run the command again; "+
				"if AWS throttles the account, raise max_retries in the provider block.")
		return
	}
	advice := "Grant the ec2:Describe* permissions, or set plan_time_validation = false in the provider block to skip these rules."
	if !awsclient.IsPermissionError(err) {
		advice = "The rules run again at the next plan. " + advice
	}
	diags.AddWarning("Plan-time validation skipped",
		"The provider could not read the facts its plan-time rules need, so those rules did not run: "+err.Error()+"\n\n"+advice)
}

// serviceCandidates lists the short names of the region's services, to suggest the nearest to a
// service that was not found (nil when they cannot be read: the finding then has no suggestion).
func serviceCandidates(ctx context.Context, client *awsclient.Client) []string {
	all, err := client.AllServiceFacts(ctx)
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(all))
	for _, s := range all {
		names = append(names, planner.ShortName(s.ServiceName))
	}
	return names
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
