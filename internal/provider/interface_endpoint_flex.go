package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

const (
	// interfaceDNSConflictWindow bounds how long Create retries "conflicting DNS domain" while the
	// endpoint that held the service's private DNS name is being deleted (a replacement) and its
	// hosted zone detaches.
	interfaceDNSConflictWindow = 3 * time.Minute
	// interfaceDNSConflictLiveGrace bounds the retries while the name is held by a live endpoint that
	// nobody is deleting: long enough for a destroy running in parallel to start, short enough not to
	// hide a real conflict (P4).
	interfaceDNSConflictLiveGrace = 20 * time.Second
)

var (
	dnsEntryAttrTypes = map[string]attr.Type{
		"dns_name":       types.StringType,
		"hosted_zone_id": types.StringType,
	}
	dnsOptionsAttrTypes = map[string]attr.Type{
		"dns_record_ip_type":                             types.StringType,
		"private_dns_only_for_inbound_resolver_endpoint": types.BoolType,
	}
)

// createInput builds CreateVpcEndpoint's input from the plan. Planned values the planner chose are
// sent so that AWS does what the plan showed; options that do not apply are never sent.
func (r *interfaceEndpointResource) createInput(ctx context.Context, serviceName string, plan, cfg *interfaceEndpointModel, diags *diag.Diagnostics) *ec2.CreateVpcEndpointInput {
	input := &ec2.CreateVpcEndpointInput{
		ServiceName:       aws.String(serviceName),
		VpcEndpointType:   ec2types.VpcEndpointTypeInterface,
		VpcId:             plan.VPCID.ValueStringPointer(),
		TagSpecifications: tagSpecifications(stringMap(ctx, plan.TagsAll, diags)),
	}
	if !plan.ServiceRegion.IsNull() {
		input.ServiceRegion = plan.ServiceRegion.ValueStringPointer()
	}
	if ids, _ := setStrings(plan.SubnetIDs); len(ids) > 0 {
		input.SubnetIds = ids
	}
	if ids, _ := setStrings(plan.SecurityGroupIDs); len(ids) > 0 {
		input.SecurityGroupIds = ids
	}
	if !plan.PrivateDNSEnabled.IsUnknown() && !plan.PrivateDNSEnabled.IsNull() {
		input.PrivateDnsEnabled = plan.PrivateDNSEnabled.ValueBoolPointer()
	}
	if !cfg.IPAddressType.IsNull() {
		input.IpAddressType = ec2types.IpAddressType(cfg.IPAddressType.ValueString())
	}
	cfgRecord, _ := dnsOptionsFields(cfg.DNSOptions)
	_, inbound := dnsOptionsFields(plan.DNSOptions)
	var opts ec2types.DnsOptionsSpecification
	send := false
	if !cfgRecord.IsNull() && !cfgRecord.IsUnknown() {
		opts.DnsRecordIpType = ec2types.DnsRecordIpType(cfgRecord.ValueString())
		send = true
	}
	if inboundApplies(serviceName, plan.PrivateDNSEnabled) && !inbound.IsNull() && !inbound.IsUnknown() {
		opts.PrivateDnsOnlyForInboundResolverEndpoint = inbound.ValueBoolPointer()
		send = true
	}
	if send {
		input.DnsOptions = &opts
	}
	var cfgPolicy policyValue
	if !cfg.Policy.IsNull() && !cfg.Policy.IsUnknown() {
		cfgPolicy = cfg.Policy
		input.PolicyDocument = cfgPolicy.ValueStringPointer()
	}
	return input
}

// decideAtApply fills in what the plan left to the apply: private_dns_enabled when the plan could not
// know the service's default (plan-time validation off), and, for S3 with private DNS, the
// inbound-resolver option: true when the VPC has a gateway endpoint for S3 now, else false (sent
// explicitly: AWS's default, true, would fail without the gateway).
func (r *interfaceEndpointResource) decideAtApply(ctx context.Context, serviceName string, plan *interfaceEndpointModel) error {
	client := r.data.client
	if plan.PrivateDNSEnabled.IsUnknown() {
		svc, err := client.ServiceFacts(ctx, serviceName, lookupServiceRegion(plan.ServiceRegion, client.Region))
		if err != nil {
			return err
		}
		plan.PrivateDNSEnabled = types.BoolValue(svc != nil && len(svc.PrivateDNSNames) > 0 && !planner.IsPrivateLinkName(serviceName))
	}
	record, inbound := dnsOptionsFields(plan.DNSOptions)
	switch {
	case !inboundApplies(serviceName, plan.PrivateDNSEnabled):
		inbound = types.BoolNull()
	case inbound.IsUnknown():
		has, err := client.HasGatewayEndpoint(ctx, plan.VPCID.ValueString(), serviceName)
		if err != nil {
			return err
		}
		inbound = types.BoolValue(has)
		tflog.Info(ctx, "decided private_dns_only_for_inbound_resolver_endpoint", map[string]any{"value": has})
	}
	if record.IsUnknown() && known(plan.IPAddressType) {
		record = types.StringValue(planner.DefaultDNSRecordIPType(plan.IPAddressType.ValueString()))
	}
	plan.DNSOptions = dnsOptionsValue(record, inbound)
	return nil
}

// lookupServiceRegion is service_region for a facts lookup: "" for the provider's own region.
func lookupServiceRegion(serviceRegion types.String, region string) string {
	if r := lookupRegion(serviceRegion, region); r != region {
		return r
	}
	return ""
}

// modifyInput builds ModifyVpcEndpoint's input: membership deltas against what AWS has now, and
// every other argument whose planned value differs from state.
//
// defaultGroup is the VPC's default security group, for security_group_ids = [].
func (r *interfaceEndpointResource) modifyInput(current *ec2types.VpcEndpoint, plan, state, cfg *interfaceEndpointModel, defaultGroup string) (*ec2.ModifyVpcEndpointInput, bool) {
	input := &ec2.ModifyVpcEndpointInput{VpcEndpointId: current.VpcEndpointId}
	changed := false
	if want, _ := setStrings(plan.SubnetIDs); !plan.SubnetIDs.IsNull() {
		add, remove := planner.Delta(current.SubnetIds, want)
		if len(add) > 0 || len(remove) > 0 {
			input.AddSubnetIds, input.RemoveSubnetIds = add, remove
			changed = true
		}
	}
	if want, _ := setStrings(plan.SecurityGroupIDs); !plan.SecurityGroupIDs.IsNull() {
		if len(want) == 0 && defaultGroup != "" {
			want = []string{defaultGroup} // [] means AWS's default: the VPC's default group
		}
		add, remove := planner.Delta(groupIDs(current.Groups), want)
		if len(add) > 0 || len(remove) > 0 {
			input.AddSecurityGroupIds, input.RemoveSecurityGroupIds = add, remove
			changed = true
		}
	}
	if known(plan.PrivateDNSEnabled) && plan.PrivateDNSEnabled.ValueBool() != aws.ToBool(current.PrivateDnsEnabled) {
		input.PrivateDnsEnabled = plan.PrivateDNSEnabled.ValueBoolPointer()
		changed = true
	}
	if known(plan.IPAddressType) && plan.IPAddressType.ValueString() != string(current.IpAddressType) {
		input.IpAddressType = ec2types.IpAddressType(plan.IPAddressType.ValueString())
		changed = true
	}
	record, inbound := dnsOptionsFields(plan.DNSOptions)
	var opts ec2types.DnsOptionsSpecification
	sendOpts := false
	var curRecord string
	var curInbound *bool
	if current.DnsOptions != nil {
		curRecord, curInbound = string(current.DnsOptions.DnsRecordIpType), current.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint
	}
	if known(record) && record.ValueString() != curRecord {
		opts.DnsRecordIpType = ec2types.DnsRecordIpType(record.ValueString())
		sendOpts = true
	}
	if inboundApplies(aws.ToString(current.ServiceName), plan.PrivateDNSEnabled) && known(inbound) &&
		(curInbound == nil || *curInbound != inbound.ValueBool() || input.PrivateDnsEnabled != nil) {
		opts.PrivateDnsOnlyForInboundResolverEndpoint = inbound.ValueBoolPointer()
		sendOpts = true
	}
	if sendOpts {
		input.DnsOptions = &opts
		changed = true
	}
	if !plan.Policy.Equal(state.Policy) {
		if cfg.Policy.IsNull() {
			input.ResetPolicy = aws.Bool(true)
		} else {
			input.PolicyDocument = cfg.Policy.ValueStringPointer()
		}
		changed = true
	}
	return input, changed
}

// createInterfaceEndpoint creates the endpoint (createEndpoint), retrying "conflicting DNS domain"
// (retryDNSConflict). Each attempt has its own client token: a rejected attempt created nothing.
func createInterfaceEndpoint(ctx context.Context, client *awsclient.Client, input *ec2.CreateVpcEndpointInput, resp *resource.CreateResponse) (*ec2types.VpcEndpoint, bool, error) {
	var ep *ec2types.VpcEndpoint
	var interrupted bool
	err := retryDNSConflict(ctx, client, aws.ToString(input.VpcId), aws.ToString(input.ServiceName), func() error {
		input.ClientToken = aws.String(newClientToken())
		input.TagSpecifications = withoutCreateMarker(input.TagSpecifications)
		var err error
		ep, interrupted, err = createEndpoint(ctx, client, input, resp)
		return err
	})
	return ep, interrupted, err
}

// retryDNSConflict runs attempt, retrying "conflicting DNS domain" while the private DNS name is
// held by an endpoint being deleted, or by one that turned private DNS off (its hosted zone
// detaching: a replacement, a rename without a moved block, private DNS turned off and on again) for
// at most interfaceDNSConflictWindow, and for at most interfaceDNSConflictLiveGrace while a live
// endpoint holds it.
func retryDNSConflict(ctx context.Context, client *awsclient.Client, vpcID, serviceName string, attempt func() error) error {
	start := time.Now()
	var liveSince time.Time
	delay := awsclient.PollInitialDelay
	for {
		err := attempt()
		if err == nil || !awsclient.ErrMessageContains(err, awsclient.ErrCodeInvalidParameter, "conflicting DNS domain") {
			return err
		}
		client.InvalidateEndpointFacts(vpcID)
		if holdsPrivateDNS(ctx, client, vpcID, serviceName) {
			if liveSince.IsZero() {
				liveSince = time.Now()
			} else if time.Since(liveSince) > interfaceDNSConflictLiveGrace {
				return err
			}
		} else {
			liveSince = time.Time{}
		}
		if time.Since(start) > interfaceDNSConflictWindow {
			return err
		}
		tflog.Info(ctx, "private DNS name still held in the VPC, retrying", map[string]any{"retry_in_ms": delay.Milliseconds()})
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return errors.Join(err, ctx.Err())
		case <-t.C:
		}
		delay = awsclient.NextDelay(delay)
	}
}

// withoutCreateMarker drops a previous attempt's creation marker (a new attempt has a new token).
func withoutCreateMarker(specs []ec2types.TagSpecification) []ec2types.TagSpecification {
	out := make([]ec2types.TagSpecification, 0, len(specs))
	for _, sp := range specs {
		tags := make([]ec2types.Tag, 0, len(sp.Tags))
		for _, t := range sp.Tags {
			if aws.ToString(t.Key) != awsclient.CreateTokenTagKey {
				tags = append(tags, t)
			}
		}
		if len(tags) > 0 {
			sp.Tags = tags
			out = append(out, sp)
		}
	}
	return out
}

// holdsPrivateDNS reports whether a live endpoint (not being deleted) in the VPC has private DNS
// for the service.
func holdsPrivateDNS(ctx context.Context, client *awsclient.Client, vpcID, serviceName string) bool {
	eps, err := client.EndpointFacts(ctx, vpcID)
	if err != nil {
		return false
	}
	for _, e := range eps {
		if e.ServiceName == serviceName && e.PrivateDNSEnabled && !awsclient.StateEquals(e.State, awsclient.StateDeleting) {
			return true
		}
	}
	return false
}

// acceptEndpointConnection accepts the endpoint's connection to a service owned by this account.
func acceptEndpointConnection(ctx context.Context, client *awsclient.Client, id, serviceName string) error {
	details, err := awsclient.FindVPCEndpointServices(ctx, client.EC2, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{serviceName}})
	if err != nil {
		return fmt.Errorf("describing VPC endpoint service (%s): %w", serviceName, err)
	}
	serviceID, owner := "", ""
	for _, d := range details {
		if aws.ToString(d.ServiceName) == serviceName {
			serviceID, owner = aws.ToString(d.ServiceId), aws.ToString(d.Owner)
		}
	}
	if serviceID == "" {
		return fmt.Errorf("accepting the connection of %s: the service %s was not found", id, serviceName)
	}
	if client.AccountID != "" && owner != "" && owner != client.AccountID {
		return fmt.Errorf("accepting the connection of %s: the service %s is owned by account %s, not %s: only its owner can accept; set auto_accept = false and ask the owner to accept", id, serviceName, owner, client.AccountID)
	}
	out, err := client.EC2.AcceptVpcEndpointConnections(ctx, &ec2.AcceptVpcEndpointConnectionsInput{
		ServiceId: aws.String(serviceID), VpcEndpointIds: []string{id},
	})
	if err != nil {
		return fmt.Errorf("accepting the connection of %s to %s: %w", id, serviceID, err)
	}
	var errs []error
	for _, item := range out.Unsuccessful {
		if item.Error != nil {
			errs = append(errs, fmt.Errorf("accepting the connection of %s: %s: %s", aws.ToString(item.ResourceId), aws.ToString(item.Error.Code), aws.ToString(item.Error.Message)))
		}
	}
	return errors.Join(errs...)
}

// pendingAcceptanceWarning reports an endpoint left waiting for the service owner.
func pendingAcceptanceWarning(diags *diag.Diagnostics, e *ec2types.VpcEndpoint) {
	if e == nil || !awsclient.StateEquals(string(e.State), awsclient.StatePendingAcceptance) {
		return
	}
	diags.AddAttributeWarning(path.Root("state"), "VPC endpoint waits for acceptance",
		fmt.Sprintf("The service %s requires acceptance: the endpoint %s is pendingAcceptance until the service owner accepts it. If this account owns the service, set auto_accept = true.",
			aws.ToString(e.ServiceName), aws.ToString(e.VpcEndpointId)))
}

// flatten copies every attribute of the endpoint into m, optional ones too, so that drift and import
// work. Membership sets the configuration leaves unset stay unset.
func (r *interfaceEndpointResource) flatten(ctx context.Context, e *ec2types.VpcEndpoint, m *interfaceEndpointModel) (diags diag.Diagnostics) {
	client := r.data.client
	// Facts from state: a subnet's zone never changes, so zones already known for the same subnets
	// are not described again.
	priorSubnets, priorZones := m.AssociatedSubnetIDs, m.AvailabilityZones
	serviceName := aws.ToString(e.ServiceName)
	serviceRegion := aws.ToString(e.ServiceRegion)
	if serviceRegion == client.Region {
		serviceRegion = ""
	}

	m.ID = types.StringPointerValue(e.VpcEndpointId)
	m.VPCID = types.StringPointerValue(e.VpcId)
	m.ServiceName = types.StringValue(serviceName)
	if serviceRegion == "" {
		m.ServiceRegion = types.StringNull()
	} else {
		m.ServiceRegion = types.StringValue(serviceRegion)
	}
	region := lookupRegion(m.ServiceRegion, client.Region)
	if s, err := planner.ResolveServiceName(m.Service.ValueString(), region); m.Service.IsNull() || err != nil || s != serviceName {
		m.Service = types.StringValue(planner.ShortName(serviceName))
	}
	m.OwnerID = types.StringPointerValue(e.OwnerId)
	m.ARN = types.StringValue(endpointARN(client, e))
	m.State = types.StringValue(string(e.State))
	m.RequesterManaged = types.BoolValue(aws.ToBool(e.RequesterManaged))
	m.AssociatedSubnetIDs = setValue(e.SubnetIds)
	if !m.SubnetIDs.IsNull() {
		m.SubnetIDs = setValue(e.SubnetIds)
	}
	groups := groupIDs(e.Groups)
	m.AssociatedSecurityGroupIDs = setValue(groups)
	if !m.SecurityGroupIDs.IsNull() {
		own, _ := setStrings(m.SecurityGroupIDs)
		isDefault := false
		if len(own) == 0 && !m.SecurityGroupIDs.IsUnknown() && len(groups) == 1 {
			// security_group_ids = [] means AWS's default group: it stays [] while the endpoint has
			// exactly that group.
			def, err := client.DefaultSecurityGroup(ctx, aws.ToString(e.VpcId))
			if err != nil {
				diags.AddError(fmt.Sprintf("reading the default security group of VPC (%s)", aws.ToString(e.VpcId)), err.Error())
				return diags
			}
			isDefault = groups[0] == def
		}
		if !isDefault {
			m.SecurityGroupIDs = setValue(groups)
		}
	}
	m.NetworkInterfaceIDs = setValue(e.NetworkInterfaceIds)
	m.DNSEntries = dnsEntriesValue(e.DnsEntries)
	m.PrivateDNSEnabled = types.BoolValue(aws.ToBool(e.PrivateDnsEnabled))
	m.IPAddressType = types.StringValue(string(e.IpAddressType))
	var record types.String
	inbound := types.BoolNull()
	if e.DnsOptions != nil {
		record = types.StringValue(string(e.DnsOptions.DnsRecordIpType))
		inbound = types.BoolPointerValue(e.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint)
	} else {
		record = types.StringValue(planner.DefaultDNSRecordIPType(string(e.IpAddressType)))
	}
	m.DNSOptions = dnsOptionsValue(record, inbound)
	m.Policy = newPolicyValue(aws.ToString(e.PolicyDocument))

	all := r.data.awsTags(e.Tags)
	prior := stringMap(ctx, m.Tags, &diags)
	own := r.data.ownTags(all, prior)
	m.Tags = mapValue(own, m.Tags.IsNull())
	m.TagsAll = mapValue(all, false)

	zones := []string{}
	switch {
	case known(priorSubnets) && known(priorZones) && priorSubnets.Equal(setValue(e.SubnetIds)):
		zones, _ = setStrings(priorZones)
	case len(e.SubnetIds) > 0:
		subnets, err := client.SubnetFacts(ctx, e.SubnetIds)
		if err != nil {
			diags.AddError(fmt.Sprintf("reading subnets of VPC endpoint (%s)", aws.ToString(e.VpcEndpointId)), err.Error())
			return diags
		}
		zones = subnetZones(e.SubnetIds, subnets)
	}
	m.AvailabilityZones = setValue(zones)

	if m.PrivateDNSName.IsNull() || m.PrivateDNSName.IsUnknown() {
		svc, err := client.ServiceFacts(ctx, serviceName, serviceRegion)
		if err != nil {
			diags.AddError(fmt.Sprintf("reading VPC endpoint service (%s)", serviceName), err.Error())
			return diags
		}
		m.PrivateDNSName = types.StringValue(privateDNSName(svc))
	}
	return diags
}

// privateDNSName is the service's primary private DNS name, "" when it has none (or is unknown).
func privateDNSName(svc *planner.ServiceFacts) string {
	if svc == nil || len(svc.PrivateDNSNames) == 0 {
		return ""
	}
	return svc.PrivateDNSNames[0]
}

// subnetZones lists the distinct zones of the subnets (those the facts know).
func subnetZones(ids []string, subnets map[string]planner.SubnetFacts) []string {
	seen := map[string]bool{}
	var zones []string
	for _, id := range ids {
		if z := subnets[id].AvailabilityZone; z != "" && !seen[z] {
			seen[z] = true
			zones = append(zones, z)
		}
	}
	sort.Strings(zones)
	return zones
}

func groupIDs(groups []ec2types.SecurityGroupIdentifier) []string {
	out := make([]string, 0, len(groups))
	for _, g := range groups {
		out = append(out, aws.ToString(g.GroupId))
	}
	sort.Strings(out)
	return out
}

func dnsEntriesValue(entries []ec2types.DnsEntry) types.List {
	objType := types.ObjectType{AttrTypes: dnsEntryAttrTypes}
	elems := make([]attr.Value, 0, len(entries))
	for _, d := range entries {
		elems = append(elems, types.ObjectValueMust(dnsEntryAttrTypes, map[string]attr.Value{
			"dns_name":       types.StringPointerValue(d.DnsName),
			"hosted_zone_id": types.StringPointerValue(d.HostedZoneId),
		}))
	}
	return types.ListValueMust(objType, elems)
}

func dnsOptionsValue(record types.String, inbound types.Bool) types.Object {
	return types.ObjectValueMust(dnsOptionsAttrTypes, map[string]attr.Value{
		"dns_record_ip_type":                             record,
		"private_dns_only_for_inbound_resolver_endpoint": inbound,
	})
}

// dnsOptionsFields reads dns_options; a null object reads as null fields, an unknown one as unknown.
func dnsOptionsFields(o types.Object) (record types.String, inbound types.Bool) {
	if o.IsUnknown() {
		return types.StringUnknown(), types.BoolUnknown()
	}
	record, inbound = types.StringNull(), types.BoolNull()
	if o.IsNull() {
		return record, inbound
	}
	attrs := o.Attributes()
	if v, ok := attrs["dns_record_ip_type"].(types.String); ok {
		record = v
	}
	if v, ok := attrs["private_dns_only_for_inbound_resolver_endpoint"].(types.Bool); ok {
		inbound = v
	}
	return record, inbound
}

// inboundApplies reports whether private_dns_only_for_inbound_resolver_endpoint applies: an S3
// interface endpoint with private DNS (DESIGN.md P5).
func inboundApplies(serviceName string, privateDNS types.Bool) bool {
	return serviceName != "" && !planner.IsPrivateLinkName(serviceName) && planner.ShortName(serviceName) == "s3" &&
		known(privateDNS) && privateDNS.ValueBool()
}

// known reports whether a value is neither null nor unknown.
func known(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// lookupRegion is the region a service name resolves in: service_region when set, else the provider's.
func lookupRegion(serviceRegion types.String, region string) string {
	if known(serviceRegion) && serviceRegion.ValueString() != "" {
		return serviceRegion.ValueString()
	}
	return region
}

type interfaceEndpointModel struct {
	interfaceUnsupported

	ARN                        types.String   `tfsdk:"arn"`
	AssociatedSecurityGroupIDs types.Set      `tfsdk:"associated_security_group_ids"` //< string
	AssociatedSubnetIDs        types.Set      `tfsdk:"associated_subnet_ids"`         //< string
	AutoAccept                 types.Bool     `tfsdk:"auto_accept"`
	CandidateSubnetIDs         types.Set      `tfsdk:"candidate_subnet_ids"` //< string
	AvailabilityZones          types.Set      `tfsdk:"availability_zones"`   //< string
	DNSEntries                 types.List     `tfsdk:"dns_entries"`          //< dnsEntry object
	DNSOptions                 types.Object   `tfsdk:"dns_options"`          //< dnsOptions object
	ID                         types.String   `tfsdk:"id"`
	IPAddressType              types.String   `tfsdk:"ip_address_type"`
	NetworkInterfaceIDs        types.Set      `tfsdk:"network_interface_ids"` //< string
	OwnerID                    types.String   `tfsdk:"owner_id"`
	Policy                     policyValue    `tfsdk:"policy"`
	PrivateDNSEnabled          types.Bool     `tfsdk:"private_dns_enabled"`
	PrivateDNSName             types.String   `tfsdk:"private_dns_name"`
	RequesterManaged           types.Bool     `tfsdk:"requester_managed"`
	SecurityGroupIDs           types.Set      `tfsdk:"security_group_ids"` //< string
	Service                    types.String   `tfsdk:"service"`
	ServiceName                types.String   `tfsdk:"service_name"`
	ServiceRegion              types.String   `tfsdk:"service_region"`
	State                      types.String   `tfsdk:"state"`
	SubnetIDs                  types.Set      `tfsdk:"subnet_ids"` //< string
	Tags                       types.Map      `tfsdk:"tags"`       //< string
	TagsAll                    types.Map      `tfsdk:"tags_all"`   //< string
	Timeouts                   timeouts.Value `tfsdk:"timeouts"`
	VPCID                      types.String   `tfsdk:"vpc_id"`
}
