package planner

import (
	"fmt"
	"slices"
)

// CheckInterfaceStatic runs the static interface rules, which need only the configuration: the
// service name's form (P1), the policy's JSON and size (P6), the IP address and DNS record types and
// their combination (P8), DNS options that only apply to S3 with private DNS (P5), and a
// service_region that differs from the provider's region (P9). A value unknown at plan time skips
// its rule.
func CheckInterfaceStatic(cfg InterfaceConfig) Findings {
	var fs Findings
	if cfg.ServiceRegion != "" && !IsRegion(cfg.ServiceRegion) {
		fs = append(fs, finding{
			rule: "P9", severity: SeverityError, attr: attrServiceRegion,
			summary: "Invalid service region",
			fact:    fmt.Sprintf("The service_region %q is not an AWS region name such as us-west-2", cfg.ServiceRegion),
			aws:     rejection{Code: "InvalidParameterValue"},
			fix:     "Set service_region to the region the service is in, or omit it for a service in the provider's region",
		}.build())
	} else if name, err := staticServiceName(cfg.Service, cfg.serviceRegion()); err != nil {
		fs = append(fs, invalidServiceName(err))
	} else if name != "" && cfg.PrivateDNSOnlyForInboundResolverEndpoint != nil && ShortName(name) != "s3" {
		fs = append(fs, inboundResolverNotApplicable(fmt.Sprintf("The service %s is not S3", name)))
	}
	if cfg.ServiceRegion != "" && cfg.ServiceRegion == cfg.Region {
		fs = append(fs, finding{
			rule: "P9", severity: SeverityError, attr: attrServiceRegion,
			summary: "Service region equals the provider region",
			fact: fmt.Sprintf("The service_region %s equals the provider region; omit it, as service_region is only for cross-region endpoints",
				cfg.ServiceRegion),
			aws: rejection{Code: "InvalidServiceName"}, // AWS looks the service up as a remote one and does not find it
			fix: "Omit service_region for a service in the provider's region",
		}.build())
	}
	if cfg.PrivateDNSOnlyForInboundResolverEndpoint != nil && !cfg.PrivateDNSUnknown &&
		cfg.PrivateDNSEnabled != nil && !*cfg.PrivateDNSEnabled {
		fs = append(fs, inboundResolverNotApplicable("private_dns_enabled is false"))
	}
	fs = append(fs, checkPolicyStatic(cfg.Policy, cfg.PolicySet, cfg.PolicyUnknown)...)
	fs = append(fs, checkIPTypesStatic(cfg)...)
	return sortFindings(fs)
}

// CheckInterfaceLive runs the live interface rules on the facts the AWS layer gathered and returns
// the planner's decisions for unset arguments:
//   - P1: the service exists and offers Interface endpoints;
//   - P2: every subnet's zone is one the service offers, at most one subnet per zone;
//   - P3, P4, P5: private DNS (VPC DNS attributes, conflicting endpoints, the S3 gateway twin);
//   - P6: the service supports custom policies;
//   - P8: IPv6 support of the service and the subnets;
//   - P9: the service is reachable from service_region;
//   - P10: subnets and security groups are in the endpoint's VPC;
//   - P12: the per-VPC interface endpoint quota.
//
// Unknown values and missing facts (nil) skip the rules that need them.
func CheckInterfaceLive(cfg InterfaceConfig, facts InterfaceFacts) (InterfaceDecisions, Findings) {
	var fs Findings
	name, err := cfg.ServiceName()
	if err != nil {
		name = ""
	}
	svc := facts.Service
	if name == "" {
		svc = nil // nothing to say about a service we cannot name
	}
	if name != "" {
		fs = append(fs, checkInterfaceService(cfg, name, svc, facts.ServiceCandidates)...)
		fs = append(fs, checkPolicyLive(cfg.PolicySet, cfg.PolicyUnknown, name, svc)...)
	}
	if facts.VPCNotFound && cfg.VPCID != "" {
		fs = append(fs, vpcNotFound(cfg.VPCID))
	}
	fs = append(fs, checkSubnets(cfg, name, svc, facts.Subnets)...)
	fs = append(fs, checkSecurityGroups(cfg, facts.SecurityGroups)...)
	fs = append(fs, checkIPTypesLive(cfg, name, svc, facts.Subnets)...)

	dec := InterfaceDecisions{
		IPAddressType:   cfg.IPAddressType,
		DNSRecordIPType: cfg.DNSRecordIPType,
	}
	if dec.IPAddressType == "" {
		dec.IPAddressType = IPAddressTypeIPv4
	}
	if dec.DNSRecordIPType == "" {
		dec.DNSRecordIPType = DefaultDNSRecordIPType(dec.IPAddressType)
	}
	dnsDec, dnsFs := checkPrivateDNS(cfg, name, svc, facts)
	dec.PrivateDNSEnabled = dnsDec.PrivateDNSEnabled
	dec.PrivateDNSOnlyForInboundResolverEndpoint = dnsDec.PrivateDNSOnlyForInboundResolverEndpoint
	dec.InboundResolverAtApply = dnsDec.InboundResolverAtApply
	fs = append(fs, dnsFs...)

	if cfg.EndpointID == "" && facts.InterfaceQuota > 0 && cfg.VPCID != "" {
		if n := countInterfaceEndpoints(cfg.VPCID, facts.Endpoints); n >= facts.InterfaceQuota {
			fs = append(fs, finding{
				rule: "P12", severity: SeverityWarning, attr: attrVPCID,
				summary: "Interface endpoint quota reached",
				fact: fmt.Sprintf("The VPC %s already has %d interface endpoints and the default quota is %d (a raised quota makes this moot)",
					cfg.VPCID, n, facts.InterfaceQuota),
				aws: rejection{Code: "VpcEndpointLimitExceeded"},
				why: "This is a warning because endpoints destroyed in the same apply free their places",
				fix: "Delete unused interface endpoints in the VPC, or request a higher \"Interface and Gateway Load Balancer endpoints per VPC\" quota in Service Quotas",
			}.build())
		}
	}
	return dec, sortFindings(fs)
}

// checkInterfaceService is P1 and P9 live for an interface endpoint.
func checkInterfaceService(cfg InterfaceConfig, name string, svc *ServiceFacts, candidates []string) Findings {
	if svc == nil {
		return Findings{serviceNotFound(name, cfg.serviceRegion(), candidates)}
	}
	var fs Findings
	if !hasType(svc.ServiceTypes, TypeInterface) {
		fs = append(fs, finding{
			rule: "P1", severity: SeverityError, attr: attrService,
			summary: "Service does not support Interface endpoints",
			fact: fmt.Sprintf("The service %s offers %s endpoints, not Interface endpoints",
				name, quoteList(svc.ServiceTypes)),
			aws: rejectTypeMismatch(TypeInterface, svc.ServiceTypes),
			fix: "Use " + ResourceForTypes(svc.ServiceTypes) + " for this service",
		}.build())
	}
	if cfg.ServiceRegion != "" && cfg.ServiceRegion != cfg.Region && len(svc.SupportedRegions) > 0 &&
		!slices.Contains(svc.SupportedRegions, cfg.ServiceRegion) {
		fs = append(fs, finding{
			rule: "P9", severity: SeverityError, attr: attrServiceRegion,
			summary: "Service not available in service region",
			fact: fmt.Sprintf("The service %s is not offered for cross-region access in %s; it lists %s",
				name, cfg.ServiceRegion, quoteList(sortedKnown(svc.SupportedRegions))),
			aws: rejectServiceNotFound(name),
			fix: "Set service_region to one of the regions the service lists, or omit it and use the service in the provider's region",
		}.build())
	}
	return fs
}

// checkSubnets is P2 (zones) and P10 (VPC) for subnets.
func checkSubnets(cfg InterfaceConfig, name string, svc *ServiceFacts, subnets map[string]SubnetFacts) Findings {
	if subnets == nil {
		return nil
	}
	var fs Findings
	byZone := map[string][]string{}
	// The service's zones are those of its own region: they say nothing of a cross-region endpoint's
	// subnets.
	crossRegion := cfg.ServiceRegion != "" && cfg.ServiceRegion != cfg.Region
	zonesApply := svc != nil && len(svc.AvailabilityZones) > 0 && !crossRegion
	for _, id := range sortedKnown(cfg.SubnetIDs) {
		sn, ok := subnets[id]
		if !ok {
			fs = append(fs, subnetMember.missing(attrSubnetIDs, id))
			continue
		}
		if otherVPC(sn.VPCID, cfg.VPCID) {
			fs = append(fs, subnetMember.inOtherVPC(attrSubnetIDs, id, sn.VPCID, "", cfg.VPCID,
				rejection{Code: "InvalidParameter"}, fmt.Sprintf("Use subnets of %s only", cfg.VPCID)))
			continue
		}
		if sn.AvailabilityZone == "" {
			continue
		}
		byZone[sn.AvailabilityZone] = append(byZone[sn.AvailabilityZone], id)
		if zonesApply && !slices.Contains(svc.AvailabilityZones, sn.AvailabilityZone) {
			fs = append(fs, finding{
				rule: "P2", severity: SeverityError, attr: attrSubnetIDs, members: []string{id},
				summary: "Subnet in unsupported Availability Zone",
				fact: fmt.Sprintf("The subnet %s is in %s, but the service %s is offered only in %s",
					id, sn.AvailabilityZone, name, quoteList(sortedKnown(svc.AvailabilityZones))),
				aws: rejection{"InvalidParameter", "The VPC endpoint service " + name +
					" does not support the availability zone of the subnet: " + id + "."},
				fix: "Use subnets in the service's Availability Zones (the vpce_service data source lists them in availability_zones)",
			}.build())
		}
	}
	zones := make([]string, 0, len(byZone))
	for z := range byZone {
		zones = append(zones, z)
	}
	slices.Sort(zones)
	for _, z := range zones {
		ids := byZone[z]
		if len(ids) < 2 {
			continue
		}
		fs = append(fs, finding{
			rule: "P2", severity: SeverityError, attr: attrSubnetIDs, members: ids,
			summary: "Several subnets in one Availability Zone",
			fact:    fmt.Sprintf("The subnets %s are all in %s; an endpoint takes at most one subnet per Availability Zone", quoteList(ids), z),
			aws: rejection{"DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the availability zone of " +
				ids[1] + ". VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service."},
			fix: fmt.Sprintf("Keep one subnet in %s in subnet_ids", z),
		}.build())
	}
	return fs
}

// checkSecurityGroups is P10 for security groups.
func checkSecurityGroups(cfg InterfaceConfig, groups map[string]SecurityGroupFacts) Findings {
	if groups == nil {
		return nil
	}
	var fs Findings
	for _, id := range sortedKnown(cfg.SecurityGroupIDs) {
		sg, ok := groups[id]
		if !ok {
			fs = append(fs, securityGroupMember.missing(attrSecurityGroupIDs, id))
			continue
		}
		if otherVPC(sg.VPCID, cfg.VPCID) {
			fs = append(fs, securityGroupMember.inOtherVPC(attrSecurityGroupIDs, id, sg.VPCID, "", cfg.VPCID,
				rejection{Code: "InvalidParameter"}, fmt.Sprintf("Use security groups of %s only", cfg.VPCID)))
		}
	}
	return fs
}

// countInterfaceEndpoints counts the live interface endpoints in vpcID.
func countInterfaceEndpoints(vpcID string, endpoints []EndpointFacts) int {
	n := 0
	for _, e := range endpoints {
		if hasType([]string{e.Type}, TypeInterface) && (e.VPCID == "" || e.VPCID == vpcID) && endpointActive(e) {
			n++
		}
	}
	return n
}
