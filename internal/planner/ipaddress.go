package planner

import (
	"fmt"
	"slices"
	"strings"
)

// IP address types of an interface endpoint (ip_address_type), as EC2 spells them.
const (
	IPAddressTypeIPv4      = "ipv4"
	IPAddressTypeDualstack = "dualstack"
	IPAddressTypeIPv6      = "ipv6"
)

// DNS record IP types (dns_options.dns_record_ip_type), as EC2 spells them.
const (
	DNSRecordIPTypeIPv4           = "ipv4"
	DNSRecordIPTypeDualstack      = "dualstack"
	DNSRecordIPTypeIPv6           = "ipv6"
	DNSRecordIPTypeServiceDefined = "service-defined"
)

// IPAddressTypes returns the accepted values of ip_address_type, for validators and descriptions.
func IPAddressTypes() []string {
	return []string{IPAddressTypeIPv4, IPAddressTypeDualstack, IPAddressTypeIPv6}
}

// DNSRecordIPTypes returns the accepted values of dns_options.dns_record_ip_type.
func DNSRecordIPTypes() []string {
	return []string{DNSRecordIPTypeIPv4, DNSRecordIPTypeDualstack, DNSRecordIPTypeIPv6, DNSRecordIPTypeServiceDefined}
}

// dnsRecordAddressTypes says which ip_address_type each dns_record_ip_type needs (AWS PrivateLink
// guide: ipv4 records need ipv4 or dualstack, ipv6 records need ipv6 or dualstack, dualstack and
// service-defined records need dualstack).
var dnsRecordAddressTypes = map[string][]string{
	DNSRecordIPTypeIPv4:           {IPAddressTypeIPv4, IPAddressTypeDualstack},
	DNSRecordIPTypeIPv6:           {IPAddressTypeIPv6, IPAddressTypeDualstack},
	DNSRecordIPTypeDualstack:      {IPAddressTypeDualstack},
	DNSRecordIPTypeServiceDefined: {IPAddressTypeDualstack},
}

// DefaultDNSRecordIPType is the DNS record type chosen when dns_record_ip_type is unset: the records
// that match the endpoint's addresses (ipv4 → ipv4, dualstack → dualstack, ipv6 → ipv6).
func DefaultDNSRecordIPType(ipAddressType string) string {
	switch ipAddressType {
	case IPAddressTypeDualstack:
		return DNSRecordIPTypeDualstack
	case IPAddressTypeIPv6:
		return DNSRecordIPTypeIPv6
	default:
		return DNSRecordIPTypeIPv4
	}
}

// effectiveIPAddressType is ip_address_type, or its default (ipv4) when unset; "" when unknown.
func (c InterfaceConfig) effectiveIPAddressType() string {
	switch {
	case c.IPAddressTypeUnknown:
		return ""
	case c.IPAddressType == "":
		return IPAddressTypeIPv4
	default:
		return c.IPAddressType
	}
}

// checkIPTypesStatic is P8's static half: allowed values, and a DNS record type that matches the
// endpoint's address type.
func checkIPTypesStatic(cfg InterfaceConfig) Findings {
	var fs Findings
	ipOK := cfg.IPAddressType == "" || slices.Contains(IPAddressTypes(), cfg.IPAddressType)
	dnsOK := cfg.DNSRecordIPType == "" || slices.Contains(DNSRecordIPTypes(), cfg.DNSRecordIPType)
	if !ipOK {
		fs = append(fs, finding{
			rule: "P8", severity: SeverityError, attr: attrIPAddressType,
			summary: "Invalid IP address type",
			fact:    fmt.Sprintf("The ip_address_type %q is not one of %s", cfg.IPAddressType, quoteList(IPAddressTypes())),
			aws:     rejection{Code: "InvalidParameterValue"},
			fix:     "Set ip_address_type to " + strings.Join(IPAddressTypes(), ", ") + ", or leave it unset for ipv4",
		}.build())
	}
	if !dnsOK {
		fs = append(fs, finding{
			rule: "P8", severity: SeverityError, attr: attrDNSRecordIPType,
			summary: "Invalid DNS record IP type",
			fact:    fmt.Sprintf("The dns_record_ip_type %q is not one of %s", cfg.DNSRecordIPType, quoteList(DNSRecordIPTypes())),
			aws:     rejection{Code: "InvalidParameterValue"},
			fix:     "Set dns_record_ip_type to " + strings.Join(DNSRecordIPTypes(), ", ") + ", or leave it unset to match ip_address_type",
		}.build())
	}
	ipType := cfg.effectiveIPAddressType()
	if !ipOK || !dnsOK || ipType == "" || cfg.DNSRecordIPType == "" || cfg.DNSRecordIPTypeUnknown {
		return fs
	}
	if need := dnsRecordAddressTypes[cfg.DNSRecordIPType]; !slices.Contains(need, ipType) {
		which := fmt.Sprintf("the ip_address_type is %s", ipType)
		if cfg.IPAddressType == "" {
			which = "ip_address_type is unset, so the endpoint gets ipv4 addresses"
		}
		fs = append(fs, finding{
			rule: "P8", severity: SeverityError, attr: attrDNSRecordIPType,
			summary: "DNS record IP type does not match IP address type",
			fact: fmt.Sprintf("The dns_record_ip_type %s needs an ip_address_type of %s, but %s",
				cfg.DNSRecordIPType, orList(need), which),
			aws: rejection{Code: "InvalidParameter"},
			fix: fmt.Sprintf("Set ip_address_type to %s, or choose a dns_record_ip_type that %s addresses support (%s)",
				orList(need), ipType, orList(recordTypesFor(ipType))),
		}.build())
	}
	return fs
}

// checkIPTypesLive is P8's live half: the service accepts IPv6 where the endpoint needs it (error),
// and the subnets have the address families the endpoint needs (warning).
func checkIPTypesLive(cfg InterfaceConfig, name string, svc *ServiceFacts, subnets map[string]SubnetFacts) Findings {
	ipType := cfg.effectiveIPAddressType()
	if ipType == "" {
		return nil
	}
	var fs Findings
	needsIPv6 := ipType == IPAddressTypeIPv6 || ipType == IPAddressTypeDualstack
	if needsIPv6 && svc != nil && len(svc.SupportedIPAddressTypes) > 0 &&
		!slices.Contains(svc.SupportedIPAddressTypes, IPAddressTypeIPv6) {
		fs = append(fs, finding{
			rule: "P8", severity: SeverityError, attr: attrIPAddressType,
			summary: "Service does not support IPv6",
			fact: fmt.Sprintf("The ip_address_type %s needs IPv6, but the service %s supports only %s",
				ipType, name, quoteList(svc.SupportedIPAddressTypes)),
			aws: rejection{Code: "InvalidParameter"},
			fix: "Set ip_address_type to ipv4 (and dns_record_ip_type to ipv4, or leave both unset)",
		}.build())
	}
	if subnets == nil || fs.HasError() { // a service without IPv6 makes the subnets' families moot
		return fs
	}
	// One finding per missing family, listing every subnet that lacks it.
	type lack struct{ one, many string }
	var (
		noIPv6   = lack{"has no IPv6 CIDR block", "have no IPv6 CIDR block"}
		notOnly6 = lack{"is not IPv6-only", "are not IPv6-only"}
		only6    = lack{"is IPv6-only (no IPv4 CIDR block)", "are IPv6-only (no IPv4 CIDR block)"}
	)
	lacking := map[lack][]string{}
	var order []lack
	for _, id := range sortedKnown(cfg.SubnetIDs) {
		sn, ok := subnets[id]
		if !ok || (!sn.HasIPv4 && !sn.HasIPv6) { // missing, or address families not gathered
			continue
		}
		var l lack
		switch {
		case needsIPv6 && !sn.HasIPv6:
			l = noIPv6
		case ipType == IPAddressTypeIPv6 && sn.HasIPv4:
			l = notOnly6
		case ipType != IPAddressTypeIPv6 && !sn.HasIPv4:
			l = only6
		default:
			continue
		}
		if _, seen := lacking[l]; !seen {
			order = append(order, l)
		}
		lacking[l] = append(lacking[l], id)
	}
	which := "ip_address_type " + ipType
	if cfg.IPAddressType == "" {
		which = "ip_address_type ipv4 (the default: ip_address_type is unset)"
	}
	needs := map[string]string{
		IPAddressTypeIPv4:      "subnets with IPv4",
		IPAddressTypeDualstack: "subnets with both IPv4 and IPv6",
		IPAddressTypeIPv6:      "IPv6-only subnets",
	}[ipType]
	for _, l := range order {
		ids := lacking[l]
		subject := "The subnet " + ids[0] + " " + l.one
		if len(ids) > 1 {
			subject = "The subnets " + quoteList(ids) + " " + l.many
		}
		fs = append(fs, finding{
			rule: "P8", severity: SeverityWarning, attr: attrSubnetIDs, members: ids,
			summary: "Subnet lacks the endpoint's IP address type",
			fact:    fmt.Sprintf("%s, but %s needs %s", subject, which, needs),
			aws:     rejection{Code: "InvalidParameter"},
			why:     "This is a warning because the subnets' CIDR blocks may change in the same apply",
			fix:     "Give the subnets the address family they lack (for IPv6, an ipv6_cidr_block on the aws_subnet), use other subnets, or change ip_address_type",
		}.build())
	}
	return fs
}

// recordTypesFor lists the DNS record types an address type supports.
func recordTypesFor(ipType string) []string {
	var out []string
	for _, rt := range DNSRecordIPTypes() {
		if slices.Contains(dnsRecordAddressTypes[rt], ipType) {
			out = append(out, rt)
		}
	}
	return out
}

// orList renders values as "a", "a or b", "a, b or c".
func orList(vs []string) string {
	switch len(vs) {
	case 0:
		return "none"
	case 1:
		return vs[0]
	default:
		return strings.Join(vs[:len(vs)-1], ", ") + " or " + vs[len(vs)-1]
	}
}
