package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

// ValidateConfig runs the planner's static rules: no AWS calls, so `terraform validate` catches them.
func (r *interfaceEndpointResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg interfaceEndpointModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	region := ""
	if r.data != nil && r.data.client != nil {
		region = r.data.client.Region
	}
	cfg.validate(&resp.Diagnostics)
	if !cfg.CandidateSubnetIDs.IsNull() && cfg.SubnetIDs.IsNull() {
		cfg.SubnetIDs = types.SetUnknown(types.StringType) // picked at plan
	}
	appendFindings(ctx, &resp.Diagnostics, planner.CheckInterfaceStatic(interfacePlannerConfig(cfg, region)), &req.Config)
}

// interfacePlan is what ModifyPlan learnt from AWS for one plan.
type interfacePlan struct {
	facts     planner.InterfaceFacts
	decisions *planner.InterfaceDecisions // nil when the live rules did not run
	haveSvc   bool                        // facts.Service was looked up (it may still be nil: not found)
}

// ModifyPlan fills in what the plan can know (service_name, tags_all, the planner's choices for
// unset arguments, membership, the policy reset), shows membership changes made outside this
// resource, and runs the planner's live rules.
func (r *interfaceEndpointResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data != nil {
		defer endpointPlanned(ctx, r.data.claims, req)
	}
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	plan, cfg, state, ok := modifyPlanModels[interfaceEndpointModel](ctx, req, resp)
	if !ok {
		return
	}
	client := r.data.client

	serviceName := ""
	replacing := state != nil && (!cfg.VPCID.Equal(state.VPCID) || !cfg.ServiceRegion.Equal(state.ServiceRegion))
	if !cfg.Service.IsUnknown() && !cfg.ServiceRegion.IsUnknown() {
		name, err := planner.ResolveServiceName(cfg.Service.ValueString(), lookupRegion(cfg.ServiceRegion, client.Region))
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("service"), "Invalid service", err.Error())
			return
		}
		serviceName = name
		plan.ServiceName = types.StringValue(name)
		switch {
		case state != nil && state.ServiceName.ValueString() != name:
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("service"))
			replacing = true
		case state != nil:
			// Another spelling of the same service (ssm / com.amazonaws.<region>.ssm): the same
			// value, so the prior one is planned and nothing changes.
			plan.Service = state.Service
		}
	}
	plan.TagsAll = planTagsAll(&resp.Diagnostics, r.data, cfg.Tags)
	planPolicy(cfg.Policy, state.policy(), &plan.Policy)

	// candidate_subnet_ids: the picks stand for subnet_ids in everything that follows.
	if !cfg.CandidateSubnetIDs.IsNull() {
		cfg.SubnetIDs = r.pickSubnets(ctx, cfg, state, serviceName, req.Private, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	plan.SubnetIDs = cfg.SubnetIDs

	// Gather facts and run the live rules.
	var ip interfacePlan
	if r.data.planTimeValidation && serviceName != "" {
		ip = r.liveRules(ctx, cfg, state, serviceName, &req.Config, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}

	token := planClaimToken(ctx, resp.Private, &resp.Diagnostics)
	if state != nil && !replacing && len(resp.RequiresReplace) == 0 {
		r.data.claims.claimSets(state.ID.ValueString(), interfaceEndpointType, token, cfg.claimedSets(), &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}

	r.planChoices(&plan, cfg, state, serviceName, ip)
	owned, ownedOK := ownedMembers(ctx, req.Private)
	r.planMembership(ctx, &plan, cfg, state, ip, memberRecord{owned, ownedOK, replacing}, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if state == nil {
		plan.PrivateDNSName = types.StringUnknown()
		if ip.haveSvc {
			plan.PrivateDNSName = types.StringValue(privateDNSName(ip.facts.Service))
		}
	} else {
		r.restoreComputed(&plan, state)
	}
	if r.data.planTimeValidation && known(cfg.AutoAccept) && cfg.AutoAccept.ValueBool() && ip.facts.Service != nil &&
		(state == nil || !state.AutoAccept.Equal(cfg.AutoAccept)) {
		checkAutoAccept(client, ip.facts.Service, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// liveRules gathers the facts the planner needs and runs its live rules. On updates where nothing
// the rules check has changed, only the service is looked up (for the private DNS default).
//
// A fact that a planned value depends on (the service: the private DNS default and name; the
// subnets: availability_zones) must not be missing in the apply-time re-plan when the first plan had
// it, or a known value would turn unknown: a transient failure to read one stops the plan with the
// call and its cause. Facts that only feed findings skip their rules with a warning.
//
// The facts are read at once, not one after another: on create the service, the subnets, the
// security groups and the VPC's endpoints together (then, only when they leave it open, the VPC's
// DNS attributes or its existence); on an update the service first, since it decides whether the
// rest is needed. A create waits for two rounds of calls at most, instead of up to six.
func (r *interfaceEndpointResource) liveRules(ctx context.Context, cfg interfaceEndpointModel, state *interfaceEndpointModel, serviceName string, config *tfsdk.Config, diags *diag.Diagnostics) interfacePlan {
	client := r.data.client
	var ip interfacePlan
	pcfg := interfacePlannerConfig(cfg, client.Region)
	if state != nil {
		pcfg.EndpointID = state.ID.ValueString()
		if _, stInbound := dnsOptionsFields(state.DNSOptions); pcfg.PrivateDNSOnlyForInboundResolverEndpoint == nil && known(stInbound) {
			pcfg.InboundResolverKept = true
		}
	}
	// Facts from state: an update that changes nothing a rule checks makes no call (the service's
	// private DNS name, which decides the private DNS default, is in the state).
	if state != nil && known(state.PrivateDNSName) && !interfaceRulesRelevant(cfg, state, state.PrivateDNSName.ValueString() != "") {
		return ip
	}
	create := state == nil
	f := &ip.facts
	// Facts from state: on an update, only the members that change are described again.
	var rf interfaceReads
	if len(pcfg.SubnetIDs) > 0 && (create || !cfg.SubnetIDs.Equal(state.SubnetIDs)) {
		rf.subnets = func() { f.Subnets, rf.subnetsErr = client.SubnetFacts(ctx, pcfg.SubnetIDs) }
	}
	if len(pcfg.SecurityGroupIDs) > 0 && (create || !cfg.SecurityGroupIDs.Equal(state.SecurityGroupIDs)) {
		rf.groups = func() { f.SecurityGroups, rf.groupsErr = client.SecurityGroupFacts(ctx, pcfg.SecurityGroupIDs) }
	}
	var endpoints func()
	if pcfg.VPCID != "" {
		endpoints = func() { f.Endpoints, rf.endpointsErr = client.EndpointFacts(ctx, pcfg.VPCID) }
	}
	var serviceErr error
	service := func() { f.Service, serviceErr = client.ServiceFacts(ctx, serviceName, pcfg.ServiceRegion) }
	if create {
		// On create every one of them is needed (the VPC's endpoints for P4, P5 and P12).
		concurrently(service, rf.subnets, rf.groups, endpoints)
	} else {
		service()
	}
	if serviceErr != nil {
		factsProblem(diags, serviceErr, "the private DNS default and private_dns_name")
		return ip
	}
	ip.haveSvc = true
	if f.Service == nil {
		f.ServiceCandidates = serviceCandidates(ctx, client)
	}
	if !create {
		if !interfaceRulesRelevant(cfg, state, f.Service != nil && len(f.Service.PrivateDNSNames) > 0) {
			return ip
		}
		if !privateDNSTurningOn(cfg, state, f.Service) {
			endpoints = nil // the VPC's endpoints only matter when private DNS is turned on
		}
		concurrently(rf.subnets, rf.groups, endpoints)
	}
	if rf.subnetsErr != nil {
		factsProblem(diags, rf.subnetsErr, "availability_zones")
		return ip
	}
	if rf.groupsErr != nil {
		factsProblem(diags, rf.groupsErr, "")
		f.SecurityGroups = nil
	}
	if rf.endpointsErr != nil {
		factsProblem(diags, rf.endpointsErr, "")
		f.Endpoints = nil
	}
	if pcfg.VPCID != "" {
		r.vpcFacts(ctx, pcfg, cfg, state, f, diags)
	}
	var others []planner.EndpointFacts
	for _, e := range f.Endpoints {
		if e.VPCEndpointID != pcfg.EndpointID {
			others = append(others, e)
		}
	}
	f.Endpoints = others
	f.InterfaceQuota = awsclient.DefaultInterfaceEndpointsPerVPC
	dec, findings := planner.CheckInterfaceLive(pcfg, *f)
	appendFindings(ctx, diags, findings, config)
	ip.decisions = &dec
	return ip
}

// interfaceReads are the member and endpoint reads of liveRules: nil when not needed, run together.
type interfaceReads struct {
	subnets, groups                     func()
	subnetsErr, groupsErr, endpointsErr error
}

// privateDNSTurningOn reports whether the plan turns private DNS on (on create: whether it is on), the
// configuration deciding, else the service's default.
func privateDNSTurningOn(cfg interfaceEndpointModel, state *interfaceEndpointModel, svc *planner.ServiceFacts) bool {
	privateDNS := false
	switch {
	case known(cfg.PrivateDNSEnabled):
		privateDNS = cfg.PrivateDNSEnabled.ValueBool()
	case svc != nil:
		privateDNS = len(svc.PrivateDNSNames) > 0
	}
	return privateDNS && (state == nil || !state.PrivateDNSEnabled.ValueBool())
}

// vpcFacts gathers what the rules still need of the VPC once its endpoints are known (P4, P5, P12:
// read by liveRules, from the run's listing when the refresh made one): its DNS attributes when
// private DNS is being turned on (P3), and on create whether it exists (P10) when no subnet or
// security group already shows it.
//
// P3 is not checked again when another endpoint of the VPC (or this one) already has private DNS:
// AWS required both attributes when that one turned it on, and they are rarely turned off again.
func (r *interfaceEndpointResource) vpcFacts(ctx context.Context, pcfg planner.InterfaceConfig, cfg interfaceEndpointModel, state *interfaceEndpointModel, f *planner.InterfaceFacts, diags *diag.Diagnostics) {
	client := r.data.client
	vpc := pcfg.VPCID
	create := state == nil
	turningOn := privateDNSTurningOn(cfg, state, f.Service)
	dnsShown := !create && state.PrivateDNSEnabled.ValueBool()
	for _, e := range f.Endpoints {
		dnsShown = dnsShown || (e.PrivateDNSEnabled && e.VPCEndpointID != pcfg.EndpointID && !awsclient.StateEquals(e.State, awsclient.StateDeleting))
	}
	exists := !create || memberInVPC(f, vpc)
	if turningOn && !dnsShown {
		var err error
		if f.VPC, err = client.VPCFacts(ctx, vpc); err != nil {
			factsProblem(diags, err, "")
			f.VPC = nil
		} else {
			f.VPCNotFound, exists = f.VPC == nil, true
		}
	}
	if !exists {
		ok, err := client.VPCExists(ctx, vpc)
		if err != nil {
			factsProblem(diags, err, "")
			return
		}
		f.VPCNotFound = !ok
	}
}

// memberInVPC reports whether a subnet or security group the facts describe is in the VPC (which
// then exists).
func memberInVPC(f *planner.InterfaceFacts, vpc string) bool {
	for _, sn := range f.Subnets {
		if sn.VPCID == vpc {
			return true
		}
	}
	for _, sg := range f.SecurityGroups {
		if sg.VPCID == vpc {
			return true
		}
	}
	return false
}

// interfaceRulesRelevant reports whether an update changes something the live rules check
// (private_dns_enabled unset: whether the service's default differs from the endpoint's value).
func interfaceRulesRelevant(cfg interfaceEndpointModel, state *interfaceEndpointModel, serviceHasPrivateDNS bool) bool {
	record, inbound := dnsOptionsFields(cfg.DNSOptions)
	stRecord, stInbound := dnsOptionsFields(state.DNSOptions)
	changed := func(c, s attr.Value) bool { return !c.IsNull() && !c.Equal(s) }
	privateDNS := cfg.PrivateDNSEnabled
	if privateDNS.IsNull() {
		privateDNS = types.BoolValue(serviceHasPrivateDNS)
	}
	return changed(cfg.SubnetIDs, state.SubnetIDs) || changed(cfg.SecurityGroupIDs, state.SecurityGroupIDs) ||
		changed(privateDNS, state.PrivateDNSEnabled) || changed(cfg.IPAddressType, state.IPAddressType) ||
		changed(record, stRecord) || changed(inbound, stInbound) ||
		(!cfg.Policy.IsNull() && !cfg.Policy.Equal(state.Policy))
}

// planChoices plans the Optional+Computed arguments: the configuration when set; else, on create,
// the planner's choice; on update, the value in state (private_dns_enabled: the service's default,
// so that private DNS turned off out of band shows in the plan).
func (r *interfaceEndpointResource) planChoices(plan *interfaceEndpointModel, cfg interfaceEndpointModel, state *interfaceEndpointModel, serviceName string, ip interfacePlan) {
	// ip_address_type
	switch {
	case !cfg.IPAddressType.IsNull():
		plan.IPAddressType = cfg.IPAddressType
	case state != nil:
		plan.IPAddressType = state.IPAddressType
	default:
		plan.IPAddressType = types.StringValue(planner.IPAddressTypeIPv4)
	}
	// private_dns_enabled
	switch {
	case !cfg.PrivateDNSEnabled.IsNull():
		plan.PrivateDNSEnabled = cfg.PrivateDNSEnabled
	case ip.facts.Service != nil:
		plan.PrivateDNSEnabled = types.BoolValue(len(ip.facts.Service.PrivateDNSNames) > 0)
	case state != nil && known(state.PrivateDNSName) && r.data.planTimeValidation:
		// The service's default, from the private DNS name in state (facts from state).
		plan.PrivateDNSEnabled = types.BoolValue(state.PrivateDNSName.ValueString() != "")
	case state != nil:
		plan.PrivateDNSEnabled = state.PrivateDNSEnabled
	default:
		plan.PrivateDNSEnabled = types.BoolUnknown()
	}
	// dns_options
	cfgRecord, cfgInbound := dnsOptionsFields(cfg.DNSOptions)
	var stRecord, stInbound = types.StringNull(), types.BoolNull()
	if state != nil {
		stRecord, stInbound = dnsOptionsFields(state.DNSOptions)
	}
	record := cfgRecord
	if record.IsNull() {
		switch {
		case state != nil && plan.IPAddressType.Equal(state.IPAddressType) && known(stRecord):
			record = stRecord
		case known(plan.IPAddressType):
			record = types.StringValue(planner.DefaultDNSRecordIPType(plan.IPAddressType.ValueString()))
		default:
			record = types.StringUnknown()
		}
	}
	inbound := types.BoolNull()
	switch {
	case plan.PrivateDNSEnabled.IsUnknown() || serviceName == "":
		inbound = cfgInbound
		if cfgInbound.IsNull() {
			inbound = types.BoolUnknown()
		}
	case !inboundApplies(serviceName, plan.PrivateDNSEnabled):
		// never sent where it does not apply
	case !cfgInbound.IsNull():
		inbound = cfgInbound
	case known(stInbound):
		inbound = stInbound // the value the endpoint has is kept
	default:
		// Decided when the endpoint is created (or private DNS turned on): it depends on a gateway
		// endpoint that the same apply may create or destroy. The planner's P5 note says so.
		inbound = types.BoolUnknown()
	}
	plan.DNSOptions = dnsOptionsValue(record, inbound)
}

// memberRecord is what ModifyPlan knows of the members this resource put there itself.
type memberRecord struct {
	owned     map[string][]string
	ok        bool // the private state has a record
	replacing bool // the endpoint is being replaced: its members say nothing of the new one
}

// own returns the members of the set that the resource put there (see ownOf).
func (m memberRecord) own(attribute string, state types.Set) []string {
	return ownOf(m.owned, m.ok, attribute, state)
}

// planMembership plans the associated_* sets and warns about members that this resource will
// detach because someone attached them out of band.
func (r *interfaceEndpointResource) planMembership(ctx context.Context, plan *interfaceEndpointModel, cfg interfaceEndpointModel, state *interfaceEndpointModel, ip interfacePlan, rec memberRecord, diags *diag.Diagnostics) {
	subnets, subnetsUnknown := setStrings(cfg.SubnetIDs)
	switch {
	case !cfg.SubnetIDs.IsNull() && !subnetsUnknown:
		plan.AssociatedSubnetIDs = setValue(subnets)
		if state != nil && !rec.replacing {
			warnDetached(diags, subnetSet, state.AssociatedSubnetIDs, rec.own("subnet_ids", state.SubnetIDs), subnets, state.ID.ValueString())
		} else if ip.facts.Subnets != nil {
			plan.AvailabilityZones = setValue(subnetZones(subnets, ip.facts.Subnets))
		}
	case cfg.SubnetIDs.IsNull() && state == nil:
		plan.AssociatedSubnetIDs = setValue(nil)
		plan.AvailabilityZones = setValue(nil)
		plan.NetworkInterfaceIDs = setValue(nil)
	case cfg.SubnetIDs.IsNull():
		plan.AssociatedSubnetIDs = state.AssociatedSubnetIDs
	}

	groups, groupsUnknown := setStrings(cfg.SecurityGroupIDs)
	switch {
	case !cfg.SecurityGroupIDs.IsNull() && !groupsUnknown:
		want := groups
		if len(groups) == 0 {
			// [] means AWS's default: the VPC's default security group, which AWS attaches.
			def, known := r.planDefaultGroup(ctx, cfg.VPCID, diags)
			if !known {
				plan.AssociatedSecurityGroupIDs = types.SetUnknown(types.StringType)
				return
			}
			want = []string{def}
		}
		plan.AssociatedSecurityGroupIDs = setValue(want)
		if state != nil && !rec.replacing {
			warnDetached(diags, securityGroupSet, state.AssociatedSecurityGroupIDs, rec.own("security_group_ids", state.SecurityGroupIDs), want, state.ID.ValueString())
		}
	case cfg.SecurityGroupIDs.IsNull() && state != nil && !rec.replacing:
		plan.AssociatedSecurityGroupIDs = state.AssociatedSecurityGroupIDs
	case cfg.SecurityGroupIDs.IsNull():
		// AWS attaches the VPC's default security group: the plan says so.
		if def, known := r.planDefaultGroup(ctx, cfg.VPCID, diags); known {
			plan.AssociatedSecurityGroupIDs = setValue([]string{def})
		}
	}
}

// planDefaultGroup looks up the VPC's default security group for the plan; known is false when it
// cannot be (the VPC id is unknown, plan-time validation is off, or the VPC does not exist).
func (r *interfaceEndpointResource) planDefaultGroup(ctx context.Context, vpcID types.String, diags *diag.Diagnostics) (string, bool) {
	if !known(vpcID) || !r.data.planTimeValidation {
		return "", false
	}
	def, err := r.data.client.DefaultSecurityGroup(ctx, vpcID.ValueString())
	if err != nil {
		factsProblem(diags, err, "associated_security_group_ids")
		return "", false
	}
	return def, def != ""
}

// restoreComputed keeps the computed values of an update that does not change them, so the plan
// shows no "(known after apply)" for them.
func (r *interfaceEndpointResource) restoreComputed(plan, state *interfaceEndpointModel) {
	// The framework leaves computed values as they are when the configuration did not change (a
	// planner choice differs from state: drift): mark what the update changes. Network interfaces
	// are one per subnet, so only a change of subnets (or of IP address type) can replace them; DNS
	// entries also follow private DNS and the DNS options.
	interfaces := plan.AssociatedSubnetIDs.Equal(state.AssociatedSubnetIDs) && plan.IPAddressType.Equal(state.IPAddressType)
	if interfaces {
		plan.NetworkInterfaceIDs = state.NetworkInterfaceIDs
	} else {
		plan.NetworkInterfaceIDs = types.SetUnknown(types.StringType)
	}
	if interfaces && plan.PrivateDNSEnabled.Equal(state.PrivateDNSEnabled) && plan.DNSOptions.Equal(state.DNSOptions) {
		plan.DNSEntries = state.DNSEntries
	} else {
		plan.DNSEntries = types.ListUnknown(types.ObjectType{AttrTypes: dnsEntryAttrTypes})
	}
	if plan.AssociatedSubnetIDs.Equal(state.AssociatedSubnetIDs) {
		plan.AvailabilityZones = state.AvailabilityZones
	} else if !plan.AvailabilityZones.IsUnknown() && plan.AvailabilityZones.Equal(state.AvailabilityZones) {
		plan.AvailabilityZones = types.SetUnknown(types.StringType)
	}
	plan.State = state.State
	if !plan.AutoAccept.Equal(state.AutoAccept) && plan.AutoAccept.ValueBool() &&
		awsclient.StateEquals(state.State.ValueString(), awsclient.StatePendingAcceptance) {
		plan.State = types.StringUnknown()
	}
}

// checkAutoAccept: only the service's owner can accept a connection.
func checkAutoAccept(client *awsclient.Client, svc *planner.ServiceFacts, diags *diag.Diagnostics) {
	if !svc.AcceptanceRequired || svc.Owner == "" || client.AccountID == "" || svc.Owner == client.AccountID {
		return
	}
	diags.AddAttributeError(path.Root("auto_accept"), "Cannot accept a connection to another account's service",
		fmt.Sprintf("The service %s requires acceptance and is owned by account %s; only its owner can accept the endpoint's connection, and this provider runs as account %s. Set auto_accept = false (the endpoint then waits in pendingAcceptance until the owner accepts it), or configure the provider with the owner's credentials.",
			svc.ServiceName, svc.Owner, client.AccountID))
}

func (m *interfaceEndpointModel) policy() *policyValue {
	if m == nil {
		return nil
	}
	return &m.Policy
}

// interfacePlannerConfig is the planner's view of a configuration (region "" at validate time when
// the provider is not configured yet).
func interfacePlannerConfig(m interfaceEndpointModel, region string) planner.InterfaceConfig {
	subnets, subnetsUnknown := setStrings(m.SubnetIDs)
	groups, groupsUnknown := setStrings(m.SecurityGroupIDs)
	c := planner.InterfaceConfig{
		Region:                  region,
		SubnetIDs:               subnets,
		SubnetIDsSet:            !m.SubnetIDs.IsNull(),
		SubnetIDsUnknown:        subnetsUnknown,
		SecurityGroupIDs:        groups,
		SecurityGroupIDsSet:     !m.SecurityGroupIDs.IsNull(),
		SecurityGroupIDsUnknown: groupsUnknown,
		PrivateDNSUnknown:       m.PrivateDNSEnabled.IsUnknown(),
		IPAddressTypeUnknown:    m.IPAddressType.IsUnknown(),
		PolicySet:               !m.Policy.IsNull(),
		PolicyUnknown:           m.Policy.IsUnknown(),
	}
	if known(m.VPCID) {
		c.VPCID = m.VPCID.ValueString()
	}
	if known(m.Service) {
		c.Service = strings.TrimSpace(m.Service.ValueString())
	}
	if known(m.ServiceRegion) {
		c.ServiceRegion = m.ServiceRegion.ValueString()
	}
	if known(m.PrivateDNSEnabled) {
		c.PrivateDNSEnabled = m.PrivateDNSEnabled.ValueBoolPointer()
	}
	if known(m.IPAddressType) {
		c.IPAddressType = m.IPAddressType.ValueString()
	}
	record, inbound := dnsOptionsFields(m.DNSOptions)
	c.DNSRecordIPTypeUnknown = record.IsUnknown()
	if known(record) {
		c.DNSRecordIPType = record.ValueString()
	}
	if known(inbound) {
		c.PrivateDNSOnlyForInboundResolverEndpoint = inbound.ValueBoolPointer()
	}
	if known(m.Policy) {
		c.Policy = m.Policy.ValueString()
	}
	return c
}
