package emulator

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"time"
)

// DefaultPolicy is the full-access endpoint policy EC2 attaches when none is given.
const DefaultPolicy = `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`

const maxPolicyLength = 20480

// resolveService finds the catalogue entry of name and typ, in serviceRegion
// when it differs from the caller's region (cross-region PrivateLink).
func resolveService(region, serviceRegion, name, typ string) (*service, *apiError) {
	if serviceRegion == "" {
		serviceRegion = region
	}
	notExist := errf("InvalidServiceName", "The Vpc Endpoint Service '%s' does not exist", name)
	cross := serviceRegion != region
	if cross && (!contains(CrossRegionServiceRegions, serviceRegion) || !contains(CrossRegionServiceRegions, region)) {
		return nil, notExist
	}
	var types []string
	var match *service
	for _, s := range lookupService(serviceRegion, name, "") {
		if cross && !s.crossRegion {
			continue
		}
		types = append(types, s.typ)
		if s.typ == typ {
			match = s
		}
	}
	if len(types) == 0 {
		return nil, notExist
	}
	if match == nil {
		return nil, invalidParameter("Endpoint type (%s) does not match available service types ([%s]).", typ, strings.Join(types, ", "))
	}
	return match, nil
}

// dnsArgs are the DNS parameters of CreateVpcEndpoint and ModifyVpcEndpoint.
type dnsArgs struct {
	private, privateSet bool   // PrivateDnsEnabled, and whether it was given
	inbound, inboundSet bool   // DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint, and whether it was given
	recordType          string // DnsOptions.DnsRecordIpType
}

func dnsParams(f url.Values) (d dnsArgs, e *apiError) {
	if d.private, d.privateSet, e = optBool(f, "PrivateDnsEnabled"); e != nil {
		return d, e
	}
	if d.inbound, d.inboundSet, e = optBool(f, "DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint"); e != nil {
		return d, e
	}
	d.recordType = get(f, "DnsOptions.DnsRecordIpType")
	return d, nil
}

// inVPC returns the resource id of objs, which must exist (else notFound) and
// belong to vpcID (else an InvalidParameter error naming it a kind).
func inVPC[V interface{ vpcID() string }](objs map[string]V, kind, id, vpcID string) (V, *apiError) {
	v, ok := objs[id]
	if !ok {
		return v, notFound(id)
	}
	if v.vpcID() != vpcID {
		return v, invalidParameter("The %s %s does not belong to the VPC %s.", kind, id, vpcID)
	}
	return v, nil
}

func (rt *routeTable) vpcID() string   { return rt.vpc }
func (sn *subnet) vpcID() string       { return sn.vpc }
func (g *securityGroup) vpcID() string { return g.vpc }

// checkRouteTables validates route tables being attached to a gateway endpoint.
func (st *regionState) checkRouteTables(vpcID string, svc *service, rts []string, self string) *apiError {
	pl := prefixListFor(svc.region, svc.name).id
	for _, id := range rts {
		if _, e := inVPC(st.routeTables, "route table", id, vpcID); e != nil {
			return e
		}
		for _, r := range st.gatewayRoutes(id) {
			if r.DestinationPrefix == pl && r.GatewayID != self {
				return errf("RouteAlreadyExists", "route table %s already has a route with destination-prefix-list-id %s", id, pl)
			}
		}
	}
	return nil
}

// checkSubnets validates subnets being attached to an interface endpoint
// that already has the subnets in existing.
func (st *regionState) checkSubnets(vpcID string, svc *service, add, existing []string, region string) *apiError {
	used := map[string]bool{}
	for _, id := range existing {
		if sn, ok := st.subnets[id]; ok {
			used[sn.az] = true
		}
	}
	for _, id := range add {
		sn, e := inVPC(st.subnets, "subnet", id, vpcID)
		if e != nil {
			return e
		}
		if svc.region == region && !svc.offeredIn(sn.az) {
			return invalidParameter("The VPC endpoint service %s does not support the availability zone of the subnet: %s.", svc.name, id)
		}
		if svc.region != region && !remoteAccessZone(region, sn.az) {
			var ids []string
			for _, z := range remoteAccessZones(region) {
				ids = append(ids, z.id)
			}
			return invalidParameter("Only the following availability zones are supported for remote access: %s", strings.Join(ids, ", "))
		}
		if used[sn.az] {
			return errf("DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the availability zone of %s. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.", id)
		}
		used[sn.az] = true
	}
	return nil
}

func (st *regionState) checkGroups(vpcID string, ids []string) *apiError {
	for _, id := range ids {
		if _, e := inVPC(st.groups, "security group", id, vpcID); e != nil {
			return e
		}
	}
	return nil
}

// checkPolicy validates a policy document for svc.
func checkPolicy(svc *service, doc string) *apiError {
	if len(doc) > maxPolicyLength {
		return invalidParameter("Policy document exceeds the maximum length of %d characters.", maxPolicyLength)
	}
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return invalidParameter("Invalid policy document. The policy is not valid JSON.")
	}
	if !svc.policy && !isFullAccess(v) {
		return invalidParameter("Service %s only supports the full-access endpoint policy.", svc.name)
	}
	return nil
}

func isFullAccess(v any) bool {
	var def map[string]any
	_ = json.Unmarshal([]byte(DefaultPolicy), &def)
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	if m["Version"] == "2012-10-17" {
		m["Version"] = "2008-10-17"
	}
	return reflect.DeepEqual(m, def)
}

func checkIPTypes(svc *service, ipType, dnsType string) *apiError {
	if svc.typ == typeGatewayLoadBalancer && ipType == "ipv6" {
		// Gateway Load Balancers are ipv4 or dualstack (elbv2 SetIpAddressType), and so are their endpoints.
		return invalidParameter("The IP address type ipv6 is not supported for GatewayLoadBalancer type VPC Endpoint. Valid values: ipv4, dualstack.")
	}
	switch ipType {
	case "ipv4":
	case "dualstack", "ipv6":
		if !svc.ipv6 {
			return invalidParameter("The VPC endpoint service %s does not support the IP address type %s.", svc.name, ipType)
		}
	default:
		return invalidParameter("Invalid IP address type %s. Valid values: ipv4, dualstack, ipv6.", ipType)
	}
	switch dnsType {
	case "", "service-defined":
	case "ipv4", "dualstack", "ipv6":
		if dnsType != "ipv4" && !svc.ipv6 {
			return invalidParameter("The VPC endpoint service %s does not support the DNS record IP type %s.", svc.name, dnsType)
		}
		if dnsType != ipType && ipType != "dualstack" {
			return invalidParameter("DNS record IP type %s is not compatible with IP address type %s.", dnsType, ipType)
		}
	default:
		return invalidParameter("Invalid DNS record IP type %s. Valid values: ipv4, dualstack, ipv6, service-defined.", dnsType)
	}
	return nil
}

// checkPrivateDNS validates enabling private DNS for an endpoint of svc in vpc.
func (st *regionState) checkPrivateDNS(v *vpc, svc *service, self string, now time.Time) *apiError {
	if svc.privateDNS == "" {
		return invalidParameter("Private DNS can't be enabled because the service %s does not provide a private DNS name.", svc.name)
	}
	if !v.dnsSupport || !v.dnsHostnms {
		return invalidParameter("Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for %s", v.id)
	}
	conflict := invalidParameter("private-dns-enabled cannot be set because there is already a conflicting DNS domain for %s in the VPC %s", svc.privateDNS, v.id)
	for _, e := range st.endpoints {
		if e.id != self && e.vpc == v.id && e.holds() && e.privateDNS && e.svc.privateDNS == svc.privateDNS {
			return conflict
		}
	}
	for _, r := range st.reservations {
		if r.vpc == v.id && r.domain == svc.privateDNS && now.Before(r.until) {
			return conflict
		}
	}
	return nil
}

// hasGateway reports whether vpc has a live gateway endpoint for the service name.
func (st *regionState) hasGateway(vpcID, name string) bool {
	for _, e := range st.endpoints {
		if e.vpc == vpcID && e.typ == typeGateway && e.holds() && e.serviceName == name {
			return true
		}
	}
	return false
}

// errInboundNotSupported answers DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint, true or
// false, for an interface service other than S3.
var errInboundNotSupported = invalidParameter("PrivateDnsOnlyForInboundResolverEndpoint not supported for this service.")

// inboundSupported reports whether svc takes PrivateDnsOnlyForInboundResolverEndpoint: the S3
// interface service only.
func inboundSupported(svc *service) bool {
	return svc.short == "s3" && svc.typ == typeInterface && svc.owner == "amazon"
}

// checkInboundOnly validates PrivateDnsOnlyForInboundResolverEndpoint = true (sent, or AWS's
// default for an S3 interface endpoint with private DNS) for an endpoint of svc in v.
func (st *regionState) checkInboundOnly(v *vpc, svc *service, privateDNS bool) *apiError {
	if !privateDNS {
		return invalidParameter("PrivateDnsOnlyForInboundResolverEndpoint can only be set for an S3 Interface VPC endpoint with private DNS enabled.")
	}
	if !st.hasGateway(v.id, svc.name) {
		return invalidParameter("To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC %s must have a Gateway endpoint for the service.", v.id)
	}
	return nil
}

func (st *regionState) checkQuota(s *Server, v *vpc, typ string) *apiError {
	n := 0
	for _, e := range st.endpoints {
		// Interface and Gateway Load Balancer endpoints share the per-VPC quota.
		same := e.typ == typ || (typ != typeGateway && e.typ != typeGateway)
		if e.live() && same && (typ == typeGateway || e.vpc == v.id) {
			n++
		}
	}
	limit := s.opts.InterfaceQuotaPerVPC
	if typ == typeGateway {
		limit = s.opts.GatewayQuotaPerRegion
	}
	if n >= limit {
		return errf("VpcEndpointLimitExceeded", "The maximum number of VPC endpoints has been reached.")
	}
	return nil
}
