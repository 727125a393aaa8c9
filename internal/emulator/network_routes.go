package emulator

import (
	"bytes"
	"fmt"
)

type xRoute struct {
	DestinationCidr   string `xml:"destinationCidrBlock,omitempty"`
	DestinationPrefix string `xml:"destinationPrefixListId,omitempty"`
	GatewayID         string `xml:"gatewayId"`
	State             string `xml:"state"`
	Origin            string `xml:"origin"`
}

type xRTAssoc struct {
	ID           string `xml:"routeTableAssociationId"`
	RouteTableID string `xml:"routeTableId"`
	Main         bool   `xml:"main"`
	State        string `xml:"associationState>state"`
}

type xRouteTable struct {
	RouteTableID string     `xml:"routeTableId"`
	VpcID        string     `xml:"vpcId"`
	OwnerID      string     `xml:"ownerId"`
	Routes       []xRoute   `xml:"routeSet>item"`
	Associations []xRTAssoc `xml:"associationSet>item"`
	Tags         []tag      `xml:"tagSet>item"`
}

// gatewayRoutes returns the prefix-list routes that live gateway endpoints put in a route table.
func (st *regionState) gatewayRoutes(rtb string) []xRoute {
	var out []xRoute
	for _, id := range sortedKeys(st.endpoints) {
		e := st.endpoints[id]
		if e.typ != typeGateway || !e.holds() || !contains(e.routeTables, rtb) {
			continue
		}
		out = append(out, xRoute{DestinationPrefix: prefixListFor(e.svc.region, e.serviceName).id, GatewayID: e.id, State: "active", Origin: "CreateRoute"})
	}
	return out
}

func (st *regionState) xmlRouteTable(rt *routeTable) xRouteTable {
	v := st.vpcs[rt.vpc]
	x := xRouteTable{RouteTableID: rt.id, VpcID: rt.vpc, OwnerID: st.account, Tags: st.tags[rt.id]}
	x.Routes = append([]xRoute{{DestinationCidr: v.cidr, GatewayID: "local", State: "active", Origin: "CreateRouteTable"}}, st.gatewayRoutes(rt.id)...)
	if rt.main {
		x.Associations = []xRTAssoc{{ID: rt.assoc, RouteTableID: rt.id, Main: true, State: "associated"}}
	}
	return x
}

func hCreateRouteTable(s *Server, r *request, out *bytes.Buffer) *apiError {
	vid := get(r.form, "VpcId")
	if _, ok := r.st.vpcs[vid]; !ok {
		return notFound(vid)
	}
	tags, e := tagSpecs(r.form, "route-table")
	if e != nil {
		return e
	}
	rt := &routeTable{id: newID("rtb"), vpc: vid}
	r.st.routeTables[rt.id] = rt
	setTags(r.st, rt.id, tags)
	return encodeBody(out, struct {
		RT xRouteTable `xml:"routeTable"`
	}{r.st.xmlRouteTable(rt)})
}

func hDeleteRouteTable(s *Server, r *request, out *bytes.Buffer) *apiError {
	id := get(r.form, "RouteTableId")
	rt, ok := r.st.routeTables[id]
	if !ok {
		return notFound(id)
	}
	if rt.main {
		return errf("DependencyViolation", "The routeTable '%s' has dependencies and cannot be deleted.", id)
	}
	for _, e := range r.st.endpoints {
		e.routeTables = remove(e.routeTables, id)
	}
	delete(r.st.routeTables, id)
	delete(r.st.tags, id)
	return writeReturn(out)
}

func hDescribeRouteTables(s *Server, r *request, out *bytes.Buffer) *apiError {
	st := r.st
	ids, e := selectIDs(r, "RouteTableId", st.routeTables, notFound, nil, func(id string, rt *routeTable, n string) ([]string, bool) {
		switch n {
		case "vpc-id":
			return []string{rt.vpc}, true
		case "route-table-id":
			return []string{id}, true
		case "association.main":
			return []string{boolStr(rt.main)}, true
		case "route.destination-prefix-list-id":
			var v []string
			for _, rr := range st.xmlRouteTable(rt).Routes {
				v = append(v, rr.DestinationPrefix)
			}
			return v, true
		case "route.gateway-id":
			var v []string
			for _, rr := range st.xmlRouteTable(rt).Routes {
				v = append(v, rr.GatewayID)
			}
			return v, true
		}
		return nil, false
	})
	if e != nil {
		return e
	}
	var res []xRouteTable
	for _, id := range ids {
		res = append(res, st.xmlRouteTable(st.routeTables[id]))
	}
	return encodeBody(out, struct {
		RTs []xRouteTable `xml:"routeTableSet>item"`
	}{res})
}

type xIPRange struct {
	CidrIP string `xml:"cidrIp"`
}

type xIPPerm struct {
	Protocol string     `xml:"ipProtocol"`
	FromPort string     `xml:"fromPort,omitempty"`
	ToPort   string     `xml:"toPort,omitempty"`
	Ranges   []xIPRange `xml:"ipRanges>item"`
}

type xGroup struct {
	GroupID     string    `xml:"groupId"`
	GroupName   string    `xml:"groupName"`
	Description string    `xml:"groupDescription"`
	VpcID       string    `xml:"vpcId"`
	OwnerID     string    `xml:"ownerId"`
	Arn         string    `xml:"securityGroupArn"`
	Ingress     []xIPPerm `xml:"ipPermissions>item"`
	Egress      []xIPPerm `xml:"ipPermissionsEgress>item"`
	Tags        []tag     `xml:"tagSet>item"`
}

func (st *regionState) xmlGroup(g *securityGroup) xGroup {
	x := xGroup{GroupID: g.id, GroupName: g.name, Description: g.desc, VpcID: g.vpc, OwnerID: st.account,
		Arn:    fmt.Sprintf("arn:aws:ec2:%s:%s:security-group/%s", st.region, st.account, g.id),
		Egress: []xIPPerm{{Protocol: "-1", Ranges: []xIPRange{{"0.0.0.0/0"}}}}, Tags: st.tags[g.id]}
	for _, p := range g.ingress {
		xp := xIPPerm{Protocol: p.protocol, FromPort: p.from, ToPort: p.to}
		for _, c := range p.cidrs {
			xp.Ranges = append(xp.Ranges, xIPRange{c})
		}
		x.Ingress = append(x.Ingress, xp)
	}
	return x
}

func hCreateSecurityGroup(s *Server, r *request, out *bytes.Buffer) *apiError {
	vid, name, desc := get(r.form, "VpcId"), get(r.form, "GroupName"), get(r.form, "GroupDescription")
	if _, ok := r.st.vpcs[vid]; !ok {
		return notFound(vid)
	}
	if name == "" {
		return errf("MissingParameter", "The request must contain the parameter groupName")
	}
	if desc == "" {
		return errf("MissingParameter", "The request must contain the parameter groupDescription")
	}
	for _, g := range r.st.groups {
		if g.vpc == vid && g.name == name {
			return errf("InvalidGroup.Duplicate", "The security group '%s' already exists for VPC '%s'", name, vid)
		}
	}
	tags, e := tagSpecs(r.form, "security-group")
	if e != nil {
		return e
	}
	g := &securityGroup{id: newID("sg"), vpc: vid, name: name, desc: desc}
	r.st.groups[g.id] = g
	setTags(r.st, g.id, tags)
	return encodeBody(out, struct {
		GroupID string `xml:"groupId"`
		Arn     string `xml:"securityGroupArn"`
		Tags    []tag  `xml:"tagSet>item"`
	}{g.id, r.st.xmlGroup(g).Arn, tags})
}

func (st *regionState) groupParam(r *request) (*securityGroup, *apiError) {
	id := get(r.form, "GroupId")
	if id == "" {
		return nil, errf("MissingParameter", "The request must contain the parameter groupId")
	}
	g, ok := st.groups[id]
	if !ok {
		return nil, notFound(id)
	}
	return g, nil
}

func hDeleteSecurityGroup(s *Server, r *request, out *bytes.Buffer) *apiError {
	g, e := r.st.groupParam(r)
	if e != nil {
		return e
	}
	if g.name == "default" {
		return errf("CannotDelete", "the specified group: \"%s\" name: \"default\" cannot be deleted by a user", g.id)
	}
	for _, ep := range r.st.endpoints {
		if contains(ep.groups, g.id) && (ep.live() || ep.state(r.now) == "deleting") {
			return errf("DependencyViolation", "resource %s has a dependent object", g.id)
		}
	}
	delete(r.st.groups, g.id)
	delete(r.st.tags, g.id)
	return encodeBody(out, struct {
		Return  bool   `xml:"return"`
		GroupID string `xml:"groupId"`
	}{true, g.id})
}

func hAuthorizeSecurityGroupIngress(s *Server, r *request, out *bytes.Buffer) *apiError {
	g, e := r.st.groupParam(r)
	if e != nil {
		return e
	}
	if p := get(r.form, "IpProtocol"); p != "" {
		g.ingress = append(g.ingress, ipPerm{protocol: p, from: get(r.form, "FromPort"), to: get(r.form, "ToPort"), cidrs: nonEmpty(get(r.form, "CidrIp"))})
	}
	for i := 1; ; i++ {
		pre := fmt.Sprintf("IpPermissions.%d.", i)
		p := get(r.form, pre+"IpProtocol")
		if p == "" {
			break
		}
		perm := ipPerm{protocol: p, from: get(r.form, pre+"FromPort"), to: get(r.form, pre+"ToPort")}
		for j := 1; ; j++ {
			c := get(r.form, fmt.Sprintf("%sIpRanges.%d.CidrIp", pre, j))
			if c == "" {
				break
			}
			perm.cidrs = append(perm.cidrs, c)
		}
		g.ingress = append(g.ingress, perm)
	}
	return writeReturn(out)
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func hDescribeSecurityGroups(s *Server, r *request, out *bytes.Buffer) *apiError {
	st := r.st
	names := list(r.form, "GroupName")
	named := func(id string, g *securityGroup) bool { return len(names) == 0 || contains(names, g.name) }
	ids, e := selectIDs(r, "GroupId", st.groups, notFound, named, func(id string, g *securityGroup, n string) ([]string, bool) {
		switch n {
		case "vpc-id":
			return []string{g.vpc}, true
		case "group-id":
			return []string{id}, true
		case "group-name":
			return []string{g.name}, true
		case "owner-id":
			return []string{st.account}, true
		}
		return nil, false
	})
	if e != nil {
		return e
	}
	var res []xGroup
	for _, id := range ids {
		res = append(res, st.xmlGroup(st.groups[id]))
	}
	return encodeBody(out, struct {
		Groups []xGroup `xml:"securityGroupInfo>item"`
	}{res})
}

type xENI struct {
	ID               string     `xml:"networkInterfaceId"`
	SubnetID         string     `xml:"subnetId"`
	VpcID            string     `xml:"vpcId"`
	AZ               string     `xml:"availabilityZone"`
	AZID             string     `xml:"availabilityZoneId"`
	Description      string     `xml:"description"`
	OwnerID          string     `xml:"ownerId"`
	RequesterID      string     `xml:"requesterId"`
	RequesterManaged bool       `xml:"requesterManaged"`
	Status           string     `xml:"status"`
	MAC              string     `xml:"macAddress"`
	PrivateIP        string     `xml:"privateIpAddress"`
	SourceDestCheck  bool       `xml:"sourceDestCheck"`
	InterfaceType    string     `xml:"interfaceType"`
	Groups           []xGroupID `xml:"groupSet>item"`
	PrivateIPs       []xPrivIP  `xml:"privateIpAddressesSet>item"`
}

type xGroupID struct {
	GroupID   string `xml:"groupId"`
	GroupName string `xml:"groupName"`
}

type xPrivIP struct {
	IP      string `xml:"privateIpAddress"`
	Primary bool   `xml:"primary"`
}

func (st *regionState) groupIDs(ids []string) []xGroupID {
	var out []xGroupID
	for _, id := range ids {
		name := ""
		if g, ok := st.groups[id]; ok {
			name = g.name
		}
		out = append(out, xGroupID{id, name})
	}
	return out
}

func (st *regionState) xmlENI(n *eni) xENI {
	sn, ep := st.subnets[n.subnet], st.endpoints[n.endpoint]
	z, _ := zoneByName(st.region, sn.az)
	return xENI{ID: n.id, SubnetID: sn.id, VpcID: sn.vpc, AZ: sn.az, AZID: z.id, Description: "VPC Endpoint Interface " + n.endpoint,
		OwnerID: st.account, RequesterID: "727180483921", RequesterManaged: true, Status: "in-use", MAC: n.mac,
		PrivateIP: n.ip, InterfaceType: "vpc_endpoint", Groups: st.groupIDs(ep.groups), PrivateIPs: []xPrivIP{{n.ip, true}}}
}

func hDescribeNetworkInterfaces(s *Server, r *request, out *bytes.Buffer) *apiError {
	st := r.st
	ids, e := selectIDs(r, "NetworkInterfaceId", st.enis, notFound, nil, func(id string, n *eni, f string) ([]string, bool) {
		x := st.xmlENI(n)
		switch f {
		case "network-interface-id":
			return []string{id}, true
		case "vpc-id":
			return []string{x.VpcID}, true
		case "subnet-id":
			return []string{x.SubnetID}, true
		case "availability-zone":
			return []string{x.AZ}, true
		case "interface-type":
			return []string{x.InterfaceType}, true
		case "requester-managed":
			return []string{"true"}, true
		case "status":
			return []string{x.Status}, true
		case "description":
			return []string{x.Description}, true
		case "group-id":
			return st.endpoints[n.endpoint].groups, true
		}
		return nil, false
	})
	if e != nil {
		return e
	}
	var res []xENI
	for _, id := range ids {
		res = append(res, st.xmlENI(st.enis[id]))
	}
	from, to, next, e := page(r.form, len(res), 5)
	if e != nil {
		return e
	}
	return encodeBody(out, struct {
		ENIs []xENI `xml:"networkInterfaceSet>item"`
		Next string `xml:"nextToken,omitempty"`
	}{res[from:to], next})
}

func remove(xs []string, x string) []string {
	var out []string
	for _, v := range xs {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}
