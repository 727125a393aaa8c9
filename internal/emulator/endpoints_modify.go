package emulator

import (
	"bytes"
)

func hModifyVpcEndpoint(s *Server, r *request, out *bytes.Buffer) *apiError {
	st, f := r.st, r.form
	id := get(f, "VpcEndpointId")
	addRT, rmRT := list(f, "AddRouteTableId"), list(f, "RemoveRouteTableId")
	addSN, rmSN := list(f, "AddSubnetId"), list(f, "RemoveSubnetId")
	addSG, rmSG := list(f, "AddSecurityGroupId"), list(f, "RemoveSecurityGroupId")
	if e := firstErr(malformed(id, "vpce"), malformedAny(append(addRT, rmRT...), "rtb"), malformedAny(append(addSN, rmSN...), "subnet"),
		malformedAny(append(addSG, rmSG...), "sg")); e != nil {
		return e
	}
	ep, ok := st.endpoints[id]
	if !ok || !ep.live() {
		return notFound(id)
	}
	if s.modifyConflicts && r.now.Before(ep.busyUntil) {
		return errf("OperationInProgress", "VpcEndpoint modify operation in progress")
	}
	v := st.vpcs[ep.vpc]
	d, e := dnsParams(f)
	if e != nil {
		return e
	}
	reset, _, e := optBool(f, "ResetPolicy")
	if e != nil {
		return e
	}
	ipType, policy := get(f, "IpAddressType"), get(f, "PolicyDocument")
	if e := checkTypeFields(ep.typ, len(addRT)+len(rmRT) > 0, len(addSN)+len(rmSN) > 0, len(addSG)+len(rmSG) > 0,
		d.privateSet, d.recordType != "", d.inboundSet); e != nil {
		return e
	}
	if d.inboundSet && !inboundSupported(ep.svc) {
		return errInboundNotSupported
	}
	if ep.typ == typeGatewayLoadBalancer {
		if len(addSN)+len(rmSN) > 0 {
			return invalidParameter("The subnet of a GatewayLoadBalancer type VPC Endpoint cannot be changed.")
		}
		if policy != "" || reset {
			return invalidParameter("VPC endpoint policies are not supported for GatewayLoadBalancer type VPC Endpoint.")
		}
	}
	var newRT []string
	for _, rt := range addRT {
		if !contains(ep.routeTables, rt) {
			newRT = append(newRT, rt)
		}
	}
	if e := st.checkRouteTables(ep.vpc, ep.svc, newRT, ep.id); e != nil {
		return e
	}
	for _, rt := range rmRT {
		if _, ok := st.routeTables[rt]; !ok {
			return notFound(rt)
		}
	}
	remaining := ep.subnets
	for _, sn := range rmSN {
		if !contains(ep.subnets, sn) {
			return invalidParameter("The subnet %s is not associated with the VPC endpoint %s.", sn, id)
		}
		remaining = remove(remaining, sn)
	}
	var newSN []string
	for _, sn := range addSN {
		if !contains(ep.subnets, sn) {
			newSN = append(newSN, sn)
		}
	}
	if e := st.checkSubnets(ep.vpc, ep.svc, newSN, remaining, r.region); e != nil {
		return e
	}
	if e := st.checkGroups(ep.vpc, addSG); e != nil {
		return e
	}
	if policy != "" {
		if e := checkPolicy(ep.svc, policy); e != nil {
			return e
		}
	}
	newIP := ep.ipType
	if ipType != "" {
		newIP = ipType
	}
	if ipType != "" || d.recordType != "" {
		if e := checkIPTypes(ep.svc, newIP, d.recordType); e != nil {
			return e
		}
	}
	newPrivate := ep.privateDNS
	if d.privateSet {
		newPrivate = d.private
	}
	if newPrivate && !ep.privateDNS {
		if e := st.checkPrivateDNS(v, ep.svc, ep.id, r.now); e != nil {
			return e
		}
	}
	inbound := ep.inboundOnly // PrivateDnsOnlyForInboundResolverEndpoint after the call
	switch {
	case !inboundSupported(ep.svc) || !newPrivate:
		inbound = nil
		if d.inboundSet && d.inbound {
			return st.checkInboundOnly(v, ep.svc, false)
		}
	case d.inboundSet:
		inbound = &d.inbound
	case !ep.privateDNS || inbound == nil:
		b := true // turning private DNS on: AWS defaults the option to true, as on create
		inbound = &b
	}
	if inbound != nil && *inbound && (d.inboundSet || !ep.privateDNS) {
		if e := st.checkInboundOnly(v, ep.svc, true); e != nil {
			return e
		}
	}

	// Apply.
	for _, rt := range rmRT {
		ep.routeTables = remove(ep.routeTables, rt)
	}
	ep.routeTables = append(ep.routeTables, newRT...)
	for _, sn := range rmSN {
		for nid, n := range st.enis {
			if n.endpoint == ep.id && n.subnet == sn {
				delete(st.enis, nid)
			}
		}
	}
	ep.subnets = remaining
	for _, sn := range newSN {
		st.addENI(ep, sn)
	}
	for _, g := range rmSG {
		ep.groups = remove(ep.groups, g)
	}
	for _, g := range addSG {
		if !contains(ep.groups, g) {
			ep.groups = append(ep.groups, g)
		}
	}
	if reset {
		ep.policy = DefaultPolicy
	} else if policy != "" {
		ep.policy = policy
	}
	ep.ipType = newIP
	if d.recordType != "" {
		ep.dnsRecordIPType = d.recordType
	} else if ipType != "" {
		ep.dnsRecordIPType = newIP
	}
	if ep.privateDNS && !newPrivate {
		st.reservations = append(st.reservations, dnsReservation{vpc: ep.vpc, domain: ep.svc.privateDNS, until: r.now.Add(s.scaled(s.dnsWindow))})
	}
	ep.privateDNS = newPrivate
	ep.inboundOnly = inbound
	ep.busyUntil = r.now.Add(s.scaled(s.modifyDuration))
	return writeReturn(out)
}

type xUnsuccessful struct {
	Code       string `xml:"error>code"`
	Message    string `xml:"error>message"`
	ResourceID string `xml:"resourceId"`
}

func hDeleteVpcEndpoints(s *Server, r *request, out *bytes.Buffer) *apiError {
	st := r.st
	ids := list(r.form, "VpcEndpointId")
	if len(ids) == 0 {
		return errf("MissingParameter", "The request must contain the parameter VpcEndpointId")
	}
	var bad []xUnsuccessful
	for _, id := range ids {
		ep, ok := st.endpoints[id]
		if !ok {
			bad = append(bad, xUnsuccessful{"InvalidVpcEndpoint.NotFound", "The Vpc Endpoint Id '" + id + "' does not exist", id})
			continue
		}
		if !ep.live() {
			continue
		}
		ep.deleteRequested = true
		ep.deletedAt = r.now.Add(s.scaled(s.deleting))
		ep.goneAt = ep.deletedAt.Add(s.scaled(s.retention))
		if ep.privateDNS {
			st.reservations = append(st.reservations, dnsReservation{vpc: ep.vpc, domain: ep.svc.privateDNS, until: ep.deletedAt.Add(s.scaled(s.dnsWindow))})
		}
	}
	return encodeBody(out, struct {
		Unsuccessful []xUnsuccessful `xml:"unsuccessful>item"`
	}{bad})
}

// hAcceptVpcEndpointConnections accepts connections to a service owned by the caller's account.
func hAcceptVpcEndpointConnections(s *Server, r *request, out *bytes.Buffer) *apiError {
	return s.decideConnections(r, out, true)
}

func hRejectVpcEndpointConnections(s *Server, r *request, out *bytes.Buffer) *apiError {
	return s.decideConnections(r, out, false)
}

func (s *Server) decideConnections(r *request, out *bytes.Buffer, accept bool) *apiError {
	svcID := get(r.form, "ServiceId")
	owned := false
	for _, svc := range catalog(r.region) {
		owned = owned || (svc.id() == svcID && svc.owner == r.account)
	}
	if !owned {
		return errf("InvalidVpcEndpointServiceId.NotFound", "The VpcEndpointService Id '%s' does not exist", svcID)
	}
	var bad []xUnsuccessful
	for _, id := range list(r.form, "VpcEndpointId") {
		var ep *endpoint
		for k, st := range s.regions {
			if k.region != r.region {
				continue
			}
			if e, ok := st.endpoints[id]; ok && e.svc.id() == svcID {
				ep = e
			}
		}
		switch {
		case ep == nil:
			bad = append(bad, xUnsuccessful{"InvalidVpcEndpointId.NotFound", "The VpcEndpoint Id '" + id + "' does not exist", id})
		case ep.state(r.now) != "pendingAcceptance":
			bad = append(bad, xUnsuccessful{"InvalidState", "VPC endpoint " + id + " is not in pendingAcceptance state", id})
		case accept:
			ep.accepted = true
			ep.readyAt = r.now.Add(s.scaled(s.pending))
		default:
			ep.rejected = true
		}
	}
	return encodeBody(out, struct {
		Unsuccessful []xUnsuccessful `xml:"unsuccessful>item"`
	}{bad})
}
