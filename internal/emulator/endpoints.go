package emulator

import (
	"bytes"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
)

type xDNSEntry struct {
	DNSName      string `xml:"dnsName"`
	HostedZoneID string `xml:"hostedZoneId"`
}

type xDNSOptions struct {
	RecordIPType string `xml:"dnsRecordIpType,omitempty"`
	InboundOnly  *bool  `xml:"privateDnsOnlyForInboundResolverEndpoint,omitempty"`
}

type xEndpoint struct {
	ID               string       `xml:"vpcEndpointId"`
	Type             string       `xml:"vpcEndpointType"`
	VpcID            string       `xml:"vpcId"`
	ServiceName      string       `xml:"serviceName"`
	ServiceRegion    string       `xml:"serviceRegion"`
	State            string       `xml:"state"`
	Policy           string       `xml:"policyDocument,omitempty"`
	RouteTableIDs    []string     `xml:"routeTableIdSet>item"`
	SubnetIDs        []string     `xml:"subnetIdSet>item"`
	Groups           []xGroupID   `xml:"groupSet>item"`
	IPAddressType    string       `xml:"ipAddressType"`
	DNSOptions       *xDNSOptions `xml:"dnsOptions,omitempty"`
	PrivateDNS       bool         `xml:"privateDnsEnabled"`
	RequesterManaged bool         `xml:"requesterManaged"`
	ENIs             []string     `xml:"networkInterfaceIdSet>item"`
	DNSEntries       []xDNSEntry  `xml:"dnsEntrySet>item"`
	Created          string       `xml:"creationTimestamp"`
	Tags             []tag        `xml:"tagSet>item"`
	OwnerID          string       `xml:"ownerId"`
	LastError        *xLastError  `xml:"lastError,omitempty"`
}

type xLastError struct {
	Code    string `xml:"code"`
	Message string `xml:"message"`
}

func hostedZoneFor(region string) string {
	if region == "us-east-1" {
		return "Z7HUB22UULQXV"
	}
	return "Z" + strings.ToUpper(hash17(region + "/vpce")[:12])
}

func (st *regionState) enisOf(id string) []string {
	var out []string
	for _, n := range st.enis {
		if n.endpoint == id {
			out = append(out, n.id)
		}
	}
	sort.Strings(out)
	return out
}

func (st *regionState) xmlEndpoint(e *endpoint, now time.Time) xEndpoint {
	x := xEndpoint{ID: e.id, Type: e.typ, VpcID: e.vpc, ServiceName: e.serviceName, ServiceRegion: e.serviceRegion,
		State: e.state(now), Policy: e.policy, RouteTableIDs: e.routeTables, SubnetIDs: e.subnets, IPAddressType: e.ipType,
		PrivateDNS: e.privateDNS, Created: e.created.UTC().Format("2006-01-02T15:04:05.000Z"), Tags: st.tags[e.id], OwnerID: st.account}
	if x.State == "failed" {
		x.LastError = &xLastError{Code: e.failCode, Message: e.failMessage}
	}
	if e.typ == typeGatewayLoadBalancer {
		// One network interface in its one subnet; no security groups, DNS names or DNS options.
		if x.State != "deleted" && x.State != "failed" {
			x.ENIs = st.enisOf(e.id)
		}
		return x
	}
	if e.typ != typeInterface {
		return x
	}
	x.Groups = st.groupIDs(e.groups)
	x.DNSOptions = &xDNSOptions{RecordIPType: e.dnsRecordIPType, InboundOnly: e.inboundOnly}
	if x.State == "deleted" || x.State == "failed" {
		return x
	}
	x.ENIs = st.enisOf(e.id)
	base := fmt.Sprintf("%s-%s", e.id, e.dnsSuffix)
	if e.svc.short == "s3" {
		base = "*." + base // S3 interface names are wildcards: bucket.vpce-….s3.<region>.vpce.amazonaws.com
	}
	suffix := fmt.Sprintf("%s.%s.vpce.amazonaws.com", e.svc.short, e.svc.region)
	hz := hostedZoneFor(e.svc.region)
	x.DNSEntries = append(x.DNSEntries, xDNSEntry{base + "." + suffix, hz})
	var azs []string
	for _, id := range e.subnets {
		if sn, ok := st.subnets[id]; ok {
			azs = append(azs, sn.az)
		}
	}
	sort.Strings(azs)
	for _, az := range azs {
		x.DNSEntries = append(x.DNSEntries, xDNSEntry{base + "-" + az + "." + suffix, hz})
	}
	if e.privateDNS {
		x.DNSEntries = append(x.DNSEntries, xDNSEntry{e.svc.privateDNS, e.hostedZone})
	}
	return x
}

// fingerprint identifies the parameters of a request apart from its client token.
func fingerprint(form url.Values) string {
	var parts []string
	for _, k := range sortedKeys(form) {
		if k == "Action" || k == "Version" || k == "ClientToken" {
			continue
		}
		parts = append(parts, k+"="+strings.Join(form[k], ","))
	}
	return strings.Join(parts, "&")
}

func hCreateVpcEndpoint(s *Server, r *request, out *bytes.Buffer) *apiError {
	st, f := r.st, r.form
	token := get(f, "ClientToken")
	if token != "" {
		if te, ok := st.tokens[token]; ok {
			if te.fingerprint != fingerprint(f) {
				return errf("IdempotentParameterMismatch", "The client token you have provided is associated with a request that has different parameters.")
			}
			if e, ok := st.endpoints[te.endpoint]; ok {
				return writeCreated(out, st.xmlEndpoint(e, r.now), token)
			}
		}
	}
	vpcID, name := get(f, "VpcId"), get(f, "ServiceName")
	if vpcID == "" {
		return errf("MissingParameter", "The request must contain the parameter VpcId")
	}
	if name == "" {
		return errf("MissingParameter", "The request must contain the parameter ServiceName")
	}
	typ := get(f, "VpcEndpointType")
	if typ == "" {
		typ = typeGateway
	}
	if typ != typeGateway && typ != typeInterface && typ != typeGatewayLoadBalancer {
		return errf("InvalidParameterValue", "Value (%s) for parameter VpcEndpointType is invalid. Valid values: Gateway, Interface, GatewayLoadBalancer.", typ)
	}
	rts, subnets, groups := list(f, "RouteTableId"), list(f, "SubnetId"), list(f, "SecurityGroupId")
	if e := firstErr(malformed(vpcID, "vpc"), malformedAny(subnets, "subnet"), malformedAny(rts, "rtb"), malformedAny(groups, "sg")); e != nil {
		return e
	}
	v, ok := st.vpcs[vpcID]
	if !ok {
		return notFound(vpcID)
	}
	svcRegion, svcRegionSet := f["ServiceRegion"]
	if svcRegionSet && len(svcRegion) > 0 && svcRegion[0] == r.region {
		// AWS looks a ServiceRegion up as a remote region: the caller's own region has no remote services.
		return errf("InvalidServiceName", "The Vpc Endpoint Service '%s' does not exist", name)
	}
	svc, e := resolveService(r.region, get(f, "ServiceRegion"), name, typ)
	if e != nil {
		return e
	}
	d, e := dnsParams(f)
	if e != nil {
		return e
	}
	if e := checkTypeFields(typ, len(rts) > 0, len(subnets) > 0, len(groups) > 0, d.privateSet && d.private, d.recordType != "", d.inboundSet); e != nil {
		return e
	}
	if d.inboundSet && !inboundSupported(svc) {
		return errInboundNotSupported
	}
	if typ == typeGatewayLoadBalancer {
		if e := checkGatewayLoadBalancer(len(subnets), get(f, "PolicyDocument") != ""); e != nil {
			return e
		}
	}
	if e := st.checkRouteTables(vpcID, svc, rts, ""); e != nil {
		return e
	}
	if e := st.checkSubnets(vpcID, svc, subnets, nil, r.region); e != nil {
		return e
	}
	if e := st.checkGroups(vpcID, groups); e != nil {
		return e
	}
	policy := get(f, "PolicyDocument")
	switch {
	case typ == typeGatewayLoadBalancer:
		policy = "" // a Gateway Load Balancer endpoint has no policy
	case policy != "":
		if e := checkPolicy(svc, policy); e != nil {
			return e
		}
	default:
		policy = DefaultPolicy
	}
	ipType := get(f, "IpAddressType")
	if ipType == "" {
		ipType = "ipv4"
	}
	if e := checkIPTypes(svc, ipType, d.recordType); e != nil {
		return e
	}
	var inbound *bool // PrivateDnsOnlyForInboundResolverEndpoint as stored
	if typ == typeInterface {
		if !d.privateSet {
			d.private = svc.privateDNS != "" && svc.owner == "amazon"
		}
		if d.private {
			if e := st.checkPrivateDNS(v, svc, "", r.now); e != nil {
				return e
			}
		}
		if inboundSupported(svc) && d.private {
			b := !d.inboundSet || d.inbound // AWS defaults the option to true
			inbound = &b
		}
		if d.inboundSet && d.inbound || inbound != nil && *inbound {
			if e := st.checkInboundOnly(v, svc, d.private); e != nil {
				return e
			}
		}
	}
	if e := st.checkQuota(s, v, typ); e != nil {
		return e
	}
	tags, e := tagSpecs(f, "vpc-endpoint")
	if e != nil {
		return e
	}
	svcRegionName := r.region
	if svcRegionSet && len(svcRegion) > 0 && svcRegion[0] != "" {
		svcRegionName = svcRegion[0]
	}
	ep := &endpoint{id: newID("vpce"), typ: typ, vpc: vpcID, serviceName: name, serviceRegion: svcRegionName, svc: svc,
		routeTables: rts, policy: policy, ipType: ipType, created: r.now,
		readyAt: r.now.Add(s.scaled(s.pending)), visibleAt: r.now.Add(s.consistencyWindow()), needsAccept: svc.acceptance}
	if fail := s.takeEndpointFailure(); fail != nil {
		ep.failCode, ep.failMessage = fail.Code, fail.Message
	}
	if typ == typeInterface {
		ep.privateDNS = d.private
		ep.dnsSuffix = randHex(8)
		ep.hostedZone = "Z" + strings.ToUpper(randHex(20))
		if d.recordType == "" {
			d.recordType = ipType
		}
		ep.dnsRecordIPType = d.recordType
		ep.inboundOnly = inbound
		if len(groups) == 0 {
			groups = []string{v.defaultSG}
		}
		ep.groups = groups
		for _, sid := range subnets {
			st.addENI(ep, sid)
		}
	}
	if typ == typeGatewayLoadBalancer {
		st.addENI(ep, subnets[0])
	}
	st.endpoints[ep.id] = ep
	setTags(st, ep.id, tags)
	if token != "" {
		st.tokens[token] = tokenEntry{fingerprint: fingerprint(f), endpoint: ep.id}
	}
	return writeCreated(out, st.xmlEndpoint(ep, r.now), token)
}

// firstErr returns the first non-nil error.
func firstErr(errs ...*apiError) *apiError {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func writeCreated(out *bytes.Buffer, x xEndpoint, token string) *apiError {
	return encodeBody(out, struct {
		Endpoint xEndpoint `xml:"vpcEndpoint"`
		Token    string    `xml:"clientToken,omitempty"`
	}{x, token})
}

func (st *regionState) addENI(ep *endpoint, subnetID string) {
	sn := st.subnets[subnetID]
	n := &eni{id: newID("eni"), endpoint: ep.id, subnet: subnetID, ip: sn.allocIP(), mac: "02:" + strings.Join(splitPairs(randHex(10)), ":")}
	st.enis[n.id] = n
	ep.subnets = append(ep.subnets, subnetID)
}

func splitPairs(h string) []string {
	var out []string
	for i := 0; i+1 < len(h); i += 2 {
		out = append(out, h[i:i+2])
	}
	return out
}

// checkGatewayLoadBalancer checks what only a Gateway Load Balancer endpoint requires: exactly one
// subnet, and no policy (see doc.go: these messages approximate AWS's).
func checkGatewayLoadBalancer(subnets int, policy bool) *apiError {
	if subnets != 1 {
		return invalidParameter("A GatewayLoadBalancer type VPC Endpoint requires exactly one subnet, got %d.", subnets)
	}
	if policy {
		return invalidParameter("VPC endpoint policies are not supported for GatewayLoadBalancer type VPC Endpoint.")
	}
	return nil
}

// checkTypeFields rejects arguments that do not belong to the endpoint type.
func checkTypeFields(typ string, rts, subnets, groups, privateDNS, recordType, inbound bool) *apiError {
	if (typ == typeInterface || typ == typeGatewayLoadBalancer) && rts {
		return invalidParameter("Route table IDs are only supported for Gateway type VPC Endpoint.")
	}
	if typ == typeGatewayLoadBalancer {
		switch {
		case groups:
			return invalidParameter("Security group IDs are only supported for Interface type VPC Endpoint.")
		case privateDNS:
			return invalidParameter("Private DNS is only supported for Interface type VPC Endpoint.")
		case inbound:
			return invalidParameter("DnsOptions PrivateDnsOnlyForInboundResolverEndpoint is applicable only to Interface VPC Endpoints.")
		case recordType:
			return invalidParameter("DnsOptions DnsRecordIpType is applicable only to Interface VPC Endpoints.")
		}
	}
	if typ == typeGateway {
		switch {
		case subnets:
			return invalidParameter("Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints.")
		case groups:
			return invalidParameter("Security group IDs are only supported for Interface type VPC Endpoint.")
		case privateDNS:
			return invalidParameter("Private DNS is only supported for Interface type VPC Endpoint.")
		case inbound:
			return invalidParameter("DnsOptions PrivateDnsOnlyForInboundResolverEndpoint is applicable only to Interface VPC Endpoints.")
		case recordType:
			return invalidParameter("DnsOptions DnsRecordIpType is applicable only to Interface VPC Endpoints.")
		}
	}
	return nil
}

func hDescribeVpcEndpoints(s *Server, r *request, out *bytes.Buffer) *apiError {
	st := r.st
	visible := map[string]*endpoint{} // an endpoint is not seen until the API is consistent
	for id, e := range st.endpoints {
		if !r.now.Before(e.visibleAt) {
			visible[id] = e
		}
	}
	ids, err := selectIDs(r, "VpcEndpointId", visible, notFound, nil, func(id string, e *endpoint, n string) ([]string, bool) {
		switch n {
		case "vpc-id":
			return []string{e.vpc}, true
		case "service-name":
			return []string{e.serviceName}, true
		case "vpc-endpoint-type":
			return []string{e.typ, strings.ToLower(e.typ)}, true
		case "vpc-endpoint-state":
			state := e.state(r.now)
			return []string{state, strings.ToLower(state)}, true
		case "vpc-endpoint-id":
			return []string{e.id}, true
		case "ip-address-type":
			return []string{e.ipType}, true
		case "service-region":
			return []string{e.serviceRegion}, true
		}
		return nil, false
	})
	if err != nil {
		return err
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := visible[ids[i]], visible[ids[j]]
		if !a.created.Equal(b.created) {
			return a.created.Before(b.created)
		}
		return a.id < b.id
	})
	var res []xEndpoint
	for _, id := range ids {
		res = append(res, st.xmlEndpoint(visible[id], r.now))
	}
	from, to, next, e := page(r.form, len(res), 1)
	if e != nil {
		return e
	}
	return encodeBody(out, struct {
		Endpoints []xEndpoint `xml:"vpcEndpointSet>item"`
		Next      string      `xml:"nextToken,omitempty"`
	}{res[from:to], next})
}
