package planner

import (
	"fmt"
	"strings"
)

// privateDNSDecisions is the part of InterfaceDecisions that checkPrivateDNS makes.
type privateDNSDecisions struct {
	PrivateDNSEnabled                        bool
	PrivateDNSOnlyForInboundResolverEndpoint *bool
	InboundResolverAtApply                   bool
}

// checkPrivateDNS decides private DNS and the S3 inbound-resolver option, and runs the private-DNS
// rules:
//   - the default: private_dns_enabled unset means true when the service has a private DNS name;
//     set to true for a service without one is an error;
//   - P3: the VPC's enableDnsSupport and enableDnsHostnames (warning);
//   - P4: no other live endpoint in the VPC for the same service has private DNS (warning);
//   - P5: for S3 with private DNS, private_dns_only_for_inbound_resolver_endpoint unset is decided
//     when the endpoint is created (true when the VPC has a Gateway endpoint for S3 by then, else
//     false): a gateway may be created or destroyed in the same apply, so the plan cannot know it,
//     and a finding says so; set to true without a gateway is a warning; for any other service, or
//     without private DNS, it is never sent, and setting it is an error.
//
// On update the provider keeps the value the endpoint has (InboundResolverKept), so a gateway that
// appears later causes no diff.
func checkPrivateDNS(cfg InterfaceConfig, name string, svc *ServiceFacts, facts InterfaceFacts) (privateDNSDecisions, Findings) {
	var dec privateDNSDecisions
	var fs Findings
	hasName := svc != nil && len(svc.PrivateDNSNames) > 0

	// known: whether private DNS is known; enabled: its effective value.
	var known, enabled bool
	switch {
	case cfg.PrivateDNSUnknown:
	case cfg.PrivateDNSEnabled != nil:
		known, enabled = true, *cfg.PrivateDNSEnabled
	case svc != nil:
		known, enabled = true, hasName
	}
	dec.PrivateDNSEnabled = enabled

	if known && enabled && svc != nil && !hasName {
		fs = append(fs, finding{
			rule: "P3", severity: SeverityError, attr: attrPrivateDNS,
			summary: "Service has no private DNS name",
			fact:    fmt.Sprintf("private_dns_enabled is true, but the service %s has no private DNS name", name),
			aws: rejection{"InvalidParameter", "Private DNS can't be enabled because the service " + name +
				" does not provide a private DNS name."},
			fix: "Set private_dns_enabled = false, or leave it unset so the planner chooses",
		}.build())
		return dec, fs // the rules below would only repeat the problem
	}

	vpc := cfg.VPCID
	if vpc == "" && facts.VPC != nil {
		vpc = facts.VPC.VPCID
	}
	if known && enabled {
		byDefault := cfg.PrivateDNSEnabled == nil
		fs = append(fs, checkVPCDNS(vpc, facts.VPC, byDefault)...)
		fs = append(fs, checkConflictingDNS(cfg, vpc, name, svc, facts.Endpoints, byDefault)...)
	}

	inbound := cfg.PrivateDNSOnlyForInboundResolverEndpoint
	isS3 := name != "" && ShortName(name) == "s3"
	switch {
	case name != "" && !isS3:
		if inbound != nil {
			fs = append(fs, inboundResolverNotApplicable(fmt.Sprintf("The service %s is not S3", name)))
		}
	case isS3 && known && !enabled:
		if inbound != nil {
			fs = append(fs, inboundResolverNotApplicable("Private DNS is not enabled on this endpoint"))
		}
	case isS3 && known && enabled:
		hasGateway := hasS3Gateway(vpc, facts.Endpoints)
		switch {
		case inbound == nil && cfg.InboundResolverKept:
		case inbound == nil:
			dec.InboundResolverAtApply = true
			fs = append(fs, inboundResolverAtApply(cfg, vpc, facts.Endpoints))
		case *inbound && !hasGateway:
			fs = append(fs, finding{
				rule: "P5", severity: SeverityWarning, attr: attrInboundResolver,
				summary: "No S3 gateway endpoint in the VPC",
				fact: fmt.Sprintf("private_dns_only_for_inbound_resolver_endpoint is true, but the VPC %s has no Gateway endpoint for S3",
					orUnknownVPC(vpc)),
				aws: rejection{"InvalidParameter", "To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC " +
					awsVPC(vpc) + " must have a Gateway endpoint for the service."},
				why: "This is a warning because a gateway endpoint for S3 may be created in the same apply; make this endpoint depend on it",
				fix: "Add a vpce_gateway_endpoint for s3 in the VPC (with depends_on from this endpoint), or set the option to false, or leave it unset so the planner chooses",
			}.build())
			dec.PrivateDNSOnlyForInboundResolverEndpoint = boolPtr(*inbound)
		default:
			dec.PrivateDNSOnlyForInboundResolverEndpoint = boolPtr(*inbound)
		}
	default: // the service or private DNS is unknown: keep what the configuration says
		if inbound != nil {
			dec.PrivateDNSOnlyForInboundResolverEndpoint = boolPtr(*inbound)
		}
	}
	return dec, fs
}

// checkVPCDNS is P3: private DNS needs the VPC's enableDnsSupport and enableDnsHostnames.
func checkVPCDNS(vpc string, facts *VPCFacts, byDefault bool) Findings {
	if facts == nil || (facts.EnableDNSSupport && facts.EnableDNSHostnames) {
		return nil
	}
	var off []string
	if !facts.EnableDNSSupport {
		off = append(off, "enableDnsSupport")
	}
	if !facts.EnableDNSHostnames {
		off = append(off, "enableDnsHostnames")
	}
	return Findings{finding{
		rule: "P3", severity: SeverityWarning, attr: attrPrivateDNS,
		summary: "VPC DNS attributes do not allow private DNS",
		fact: fmt.Sprintf("%s, but the VPC %s has %s turned off",
			privateDNSOn(byDefault), orUnknownVPC(vpc), strings.Join(off, " and ")),
		aws: rejection{"InvalidParameter", "Enabling private DNS requires both enableDnsSupport and " +
			"enableDnsHostnames VPC attributes set to true for " + awsVPC(vpc)},
		why: "This is a warning because the VPC's DNS attributes may change in the same apply",
		fix: "Set enable_dns_support = true and enable_dns_hostnames = true on the VPC (for example on its aws_vpc resource), or set private_dns_enabled = false",
	}.build()}
}

// checkConflictingDNS is P4: another live endpoint in the VPC for the same service already has
// private DNS, and so holds the service's DNS domain.
func checkConflictingDNS(cfg InterfaceConfig, vpc, name string, svc *ServiceFacts, endpoints []EndpointFacts, byDefault bool) Findings {
	if name == "" || vpc == "" {
		return nil
	}
	var ids []string
	for _, e := range endpoints {
		if e.ServiceName == name && (e.VPCID == "" || e.VPCID == vpc) && e.PrivateDNSEnabled &&
			endpointActive(e) && e.VPCEndpointID != cfg.EndpointID {
			ids = append(ids, e.VPCEndpointID)
		}
	}
	ids = sortedKnown(ids)
	if len(ids) == 0 {
		return nil
	}
	domain := name
	if svc != nil && len(svc.PrivateDNSNames) > 0 {
		domain = svc.PrivateDNSNames[0]
	}
	return Findings{finding{
		rule: "P4", severity: SeverityWarning, attr: attrPrivateDNS,
		summary: "Another endpoint already has private DNS for this service",
		fact: fmt.Sprintf("%s, but the endpoint %s in the VPC %s already has private DNS for %s (%s)",
			privateDNSOn(byDefault), quoteList(ids), vpc, name, domain),
		aws: rejection{"InvalidParameter", "private-dns-enabled cannot be set because there is already a " +
			"conflicting DNS domain for " + domain + " in the VPC " + vpc},
		why: "This is a warning because the other endpoint may be destroyed in the same apply (on replacement, create retries for a few minutes while its hosted zone detaches)",
		fix: "Destroy the other endpoint or turn off its private DNS, or set private_dns_enabled = false here",
	}.build()}
}

// inboundResolverAtApply is the P5 note on an unset inbound-resolver option: decided at create.
func inboundResolverAtApply(cfg InterfaceConfig, vpc string, endpoints []EndpointFacts) Finding {
	now := "has no Gateway endpoint for S3 now"
	if ids := s3Gateways(vpc, endpoints); len(ids) > 0 {
		now = "has the Gateway endpoint " + quoteList(ids) + " for S3 now"
	}
	when := "the endpoint is created"
	if cfg.EndpointID != "" {
		when = "private DNS is turned on"
	}
	return finding{
		rule: "P5", severity: SeverityWarning, attr: attrInboundResolver,
		summary: "Inbound-resolver option decided when " + when,
		fact: fmt.Sprintf("private_dns_only_for_inbound_resolver_endpoint is unset, so by default it is decided when %s: true if the VPC %s has a Gateway endpoint for S3 at that moment, else false (then sent explicitly, as AWS's own default, true, would fail without the gateway). The VPC %s",
			when, orUnknownVPC(vpc), now),
		aws: rejection{"InvalidParameter", "To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC " +
			awsVPC(vpc) + " must have a Gateway endpoint for the service."},
		why: "This is a warning because a gateway endpoint may be created or destroyed in the same apply, so the plan shows the option as known after apply; once decided it is kept, and a gateway created later causes no diff",
		fix: "To decide now, set dns_options.private_dns_only_for_inbound_resolver_endpoint; to get true from a gateway endpoint created in the same apply, make this endpoint depend on it (depends_on, or vpc_id = vpce_gateway_endpoint.<name>.vpc_id)",
	}.build()
}

// s3Gateways lists the live Gateway endpoints for S3 in the VPC.
func s3Gateways(vpc string, endpoints []EndpointFacts) []string {
	var ids []string
	for _, e := range endpoints {
		if hasType([]string{e.Type}, TypeGateway) && ShortName(e.ServiceName) == "s3" &&
			(vpc == "" || e.VPCID == "" || e.VPCID == vpc) && endpointActive(e) {
			ids = append(ids, e.VPCEndpointID)
		}
	}
	return sortedKnown(ids)
}

// privateDNSOn says how private DNS came to be on: set, or by default.
func privateDNSOn(byDefault bool) string {
	if byDefault {
		return "Private DNS is enabled by default for this endpoint (private_dns_enabled is unset, and the service has a private DNS name)"
	}
	return "private_dns_enabled is true for this endpoint"
}

// hasS3Gateway reports whether the VPC has a live Gateway endpoint for S3.
func hasS3Gateway(vpc string, endpoints []EndpointFacts) bool {
	return len(s3Gateways(vpc, endpoints)) > 0
}

// inboundResolverNotApplicable is P5 for private_dns_only_for_inbound_resolver_endpoint set where
// it does not apply.
func inboundResolverNotApplicable(reason string) Finding {
	aws := rejection{Code: "InvalidParameter"}
	if strings.Contains(reason, "is not S3") {
		aws.Message = "PrivateDnsOnlyForInboundResolverEndpoint not supported for this service."
	}
	return finding{
		rule: "P5", severity: SeverityError, attr: attrInboundResolver,
		summary: "DNS option applies only to S3 with private DNS",
		fact: terminate(reason) + " private_dns_only_for_inbound_resolver_endpoint only applies to S3 " +
			"interface endpoints with private DNS enabled, and is never sent otherwise",
		aws: aws,
		fix: "Remove private_dns_only_for_inbound_resolver_endpoint from dns_options",
	}.build()
}

func orUnknownVPC(vpc string) string {
	if vpc == "" {
		return "(not yet known)"
	}
	return vpc
}

// awsVPC is the VPC id as AWS would quote it in a message.
func awsVPC(vpc string) string {
	if vpc == "" {
		return "<vpc-id>"
	}
	return vpc
}

func boolPtr(b bool) *bool { return &b }
