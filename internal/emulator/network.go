package emulator

import (
	"bytes"
	"fmt"
	"strings"
)

type xVpc struct {
	VpcID       string   `xml:"vpcId"`
	OwnerID     string   `xml:"ownerId"`
	State       string   `xml:"state"`
	CidrBlock   string   `xml:"cidrBlock"`
	CidrAssocs  []xAssoc `xml:"cidrBlockAssociationSet>item"`
	DhcpOptions string   `xml:"dhcpOptionsId"`
	Tenancy     string   `xml:"instanceTenancy"`
	IsDefault   bool     `xml:"isDefault"`
	Tags        []tag    `xml:"tagSet>item"`
}

type xAssoc struct {
	AssociationID string `xml:"associationId"`
	CidrBlock     string `xml:"cidrBlock"`
	State         string `xml:"cidrBlockState>state"`
}

func (st *regionState) xmlVpc(v *vpc) xVpc {
	return xVpc{VpcID: v.id, OwnerID: st.account, State: "available", CidrBlock: v.cidr,
		CidrAssocs:  []xAssoc{{v.assoc, v.cidr, "associated"}},
		DhcpOptions: v.dhcp, Tenancy: "default", Tags: st.tags[v.id]}
}

func hCreateVpc(s *Server, r *request, out *bytes.Buffer) *apiError {
	cidr := get(r.form, "CidrBlock")
	_, l, ok := parseCIDR(cidr)
	if !ok {
		return errf("InvalidParameterValue", "Value (%s) for parameter cidrBlock is invalid. This is not a valid CIDR block.", cidr)
	}
	if l < 16 || l > 28 {
		return errf("InvalidVpc.Range", "The CIDR '%s' is invalid.", cidr)
	}
	tags, e := tagSpecs(r.form, "vpc")
	if e != nil {
		return e
	}
	st := r.st
	v := &vpc{id: newID("vpc"), cidr: cidr, dhcp: newID("dopt"), assoc: newID("vpc-cidr-assoc"), dnsSupport: true}
	rt := &routeTable{id: newID("rtb"), vpc: v.id, main: true, assoc: newID("rtbassoc")}
	sg := &securityGroup{id: newID("sg"), vpc: v.id, name: "default", desc: "default VPC security group"}
	v.mainRT, v.defaultSG = rt.id, sg.id
	st.vpcs[v.id], st.routeTables[rt.id], st.groups[sg.id] = v, rt, sg
	setTags(st, v.id, tags)
	return encodeBody(out, struct {
		Vpc xVpc `xml:"vpc"`
	}{st.xmlVpc(v)})
}

func hDeleteVpc(s *Server, r *request, out *bytes.Buffer) *apiError {
	st, id := r.st, get(r.form, "VpcId")
	v, ok := st.vpcs[id]
	if !ok {
		return notFound(id)
	}
	dep := false
	for _, sn := range st.subnets {
		dep = dep || sn.vpc == id
	}
	for _, rt := range st.routeTables {
		dep = dep || (rt.vpc == id && !rt.main)
	}
	for _, g := range st.groups {
		dep = dep || (g.vpc == id && g.id != v.defaultSG)
	}
	for _, e := range st.endpoints {
		dep = dep || (e.vpc == id && e.live())
	}
	if dep {
		return errf("DependencyViolation", "The vpc '%s' has dependencies and cannot be deleted.", id)
	}
	for _, e := range st.endpoints {
		if e.vpc == id {
			delete(st.endpoints, e.id)
		}
	}
	for _, x := range []string{id, v.mainRT, v.defaultSG} {
		delete(st.tags, x)
	}
	delete(st.routeTables, v.mainRT)
	delete(st.groups, v.defaultSG)
	delete(st.vpcs, id)
	return writeReturn(out)
}

func hDescribeVpcs(s *Server, r *request, out *bytes.Buffer) *apiError {
	st := r.st
	ids, e := selectIDs(r, "VpcId", st.vpcs, notFound, nil, func(id string, v *vpc, n string) ([]string, bool) {
		switch n {
		case "vpc-id":
			return []string{id}, true
		case "cidr", "cidr-block-association.cidr-block":
			return []string{v.cidr}, true
		case "state":
			return []string{"available"}, true
		case "owner-id":
			return []string{st.account}, true
		case "is-default":
			return []string{"false"}, true
		}
		return nil, false
	})
	if e != nil {
		return e
	}
	var res []xVpc
	for _, id := range ids {
		res = append(res, st.xmlVpc(st.vpcs[id]))
	}
	return encodeBody(out, struct {
		Vpcs []xVpc `xml:"vpcSet>item"`
	}{res})
}

func hDescribeVpcAttribute(s *Server, r *request, out *bytes.Buffer) *apiError {
	id := get(r.form, "VpcId")
	v, ok := r.st.vpcs[id]
	if !ok {
		return notFound(id)
	}
	attr := get(r.form, "Attribute")
	var val bool
	switch attr {
	case "enableDnsSupport":
		val = v.dnsSupport
	case "enableDnsHostnames":
		val = v.dnsHostnms
	case "enableNetworkAddressUsageMetrics":
	default:
		return errf("InvalidParameterValue", "Value (%s) for parameter attribute is invalid. Unknown attribute.", attr)
	}
	fmt.Fprintf(out, "<vpcId>%s</vpcId><%s><value>%t</value></%s>", id, attr, val, attr)
	return nil
}

func hModifyVpcAttribute(s *Server, r *request, out *bytes.Buffer) *apiError {
	id := get(r.form, "VpcId")
	v, ok := r.st.vpcs[id]
	if !ok {
		return notFound(id)
	}
	sup, hasSup, e := optBool(r.form, "EnableDnsSupport.Value")
	if e != nil {
		return e
	}
	hn, hasHn, e := optBool(r.form, "EnableDnsHostnames.Value")
	if e != nil {
		return e
	}
	if hasSup && hasHn {
		return errf("InvalidParameterCombination", "Fields for multiple attribute types specified: enableDnsSupport, enableDnsHostnames")
	}
	if hasSup {
		v.dnsSupport = sup
	}
	if hasHn {
		v.dnsHostnms = hn
	}
	return writeReturn(out)
}

type xSubnet struct {
	SubnetID     string `xml:"subnetId"`
	VpcID        string `xml:"vpcId"`
	State        string `xml:"state"`
	CidrBlock    string `xml:"cidrBlock"`
	AZ           string `xml:"availabilityZone"`
	AZID         string `xml:"availabilityZoneId"`
	AvailableIPs int    `xml:"availableIpAddressCount"`
	OwnerID      string `xml:"ownerId"`
	Arn          string `xml:"subnetArn"`
	DefaultForAz bool   `xml:"defaultForAz"`
	MapPublicIP  bool   `xml:"mapPublicIpOnLaunch"`
	AssignIPv6   bool   `xml:"assignIpv6AddressOnCreation"`
	IPv6Native   bool   `xml:"ipv6Native"`
	Tags         []tag  `xml:"tagSet>item"`
}

func (st *regionState) xmlSubnet(sn *subnet) xSubnet {
	z, _ := zoneByName(st.region, sn.az)
	_, l, _ := parseCIDR(sn.cidr)
	used := 0
	for _, n := range st.enis {
		if n.subnet == sn.id {
			used++
		}
	}
	return xSubnet{SubnetID: sn.id, VpcID: sn.vpc, State: "available", CidrBlock: sn.cidr, AZ: sn.az, AZID: z.id,
		AvailableIPs: (1 << (32 - l)) - 5 - used, OwnerID: st.account,
		Arn:  fmt.Sprintf("arn:aws:ec2:%s:%s:subnet/%s", st.region, st.account, sn.id),
		Tags: st.tags[sn.id]}
}

func hCreateSubnet(s *Server, r *request, out *bytes.Buffer) *apiError {
	st := r.st
	vid := get(r.form, "VpcId")
	v, ok := st.vpcs[vid]
	if !ok {
		return notFound(vid)
	}
	cidr := get(r.form, "CidrBlock")
	if _, l, ok := parseCIDR(cidr); !ok || l < 16 || l > 28 {
		return errf("InvalidSubnet.Range", "The CIDR '%s' is invalid.", cidr)
	}
	if !cidrContains(v.cidr, cidr) {
		return errf("InvalidSubnet.Range", "The CIDR '%s' is invalid.", cidr)
	}
	for _, o := range st.subnets {
		if o.vpc == vid && cidrOverlap(o.cidr, cidr) {
			return errf("InvalidSubnet.Conflict", "The CIDR '%s' conflicts with another subnet", cidr)
		}
	}
	az := get(r.form, "AvailabilityZone")
	if az == "" {
		az = get(r.form, "AvailabilityZoneId")
	}
	all := zones(st.region)
	z := all[0]
	if az != "" {
		var found bool
		if z, found = zoneByName(st.region, az); !found {
			names := make([]string, len(all))
			for i, z := range all {
				names[i] = z.name
			}
			return errf("InvalidParameterValue", "Value (%s) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: %s.", az, strings.Join(names, ", "))
		}
	}
	tags, e := tagSpecs(r.form, "subnet")
	if e != nil {
		return e
	}
	sn := &subnet{id: newID("subnet"), vpc: vid, cidr: cidr, az: z.name}
	st.subnets[sn.id] = sn
	setTags(st, sn.id, tags)
	return encodeBody(out, struct {
		Subnet xSubnet `xml:"subnet"`
	}{st.xmlSubnet(sn)})
}

func hDeleteSubnet(s *Server, r *request, out *bytes.Buffer) *apiError {
	st, id := r.st, get(r.form, "SubnetId")
	if _, ok := st.subnets[id]; !ok {
		return notFound(id)
	}
	for _, n := range st.enis {
		if n.subnet == id {
			return errf("DependencyViolation", "The subnet '%s' has dependencies and cannot be deleted.", id)
		}
	}
	delete(st.subnets, id)
	delete(st.tags, id)
	return writeReturn(out)
}

func hDescribeSubnets(s *Server, r *request, out *bytes.Buffer) *apiError {
	st := r.st
	ids, e := selectIDs(r, "SubnetId", st.subnets, notFound, nil, func(id string, sn *subnet, n string) ([]string, bool) {
		switch n {
		case "vpc-id":
			return []string{sn.vpc}, true
		case "subnet-id":
			return []string{id}, true
		case "availability-zone":
			return []string{sn.az}, true
		case "availability-zone-id":
			z, _ := zoneByName(st.region, sn.az)
			return []string{z.id}, true
		case "cidr-block", "cidr", "cidrBlock":
			return []string{sn.cidr}, true
		case "state":
			return []string{"available"}, true
		}
		return nil, false
	})
	if e != nil {
		return e
	}
	var res []xSubnet
	for _, id := range ids {
		res = append(res, st.xmlSubnet(st.subnets[id]))
	}
	return encodeBody(out, struct {
		Subnets []xSubnet `xml:"subnetSet>item"`
	}{res})
}

func hDescribeAvailabilityZones(s *Server, r *request, out *bytes.Buffer) *apiError {
	type xAZ struct {
		ZoneName     string `xml:"zoneName"`
		ZoneID       string `xml:"zoneId"`
		ZoneState    string `xml:"zoneState"`
		RegionName   string `xml:"regionName"`
		GroupName    string `xml:"groupName"`
		BorderGroup  string `xml:"networkBorderGroup"`
		OptInStatus  string `xml:"optInStatus"`
		ZoneType     string `xml:"zoneType"`
		GroupLongNam string `xml:"groupLongName"`
	}
	names := append(list(r.form, "ZoneName"), list(r.form, "ZoneId")...)
	for _, n := range names {
		if _, ok := zoneByName(r.region, n); !ok {
			return errf("InvalidParameterValue", "Invalid availability zone: [%s]", n)
		}
	}
	fs := filters(r.form)
	var res []xAZ
	for _, z := range zones(r.region) {
		if len(names) > 0 && !contains(names, z.name) && !contains(names, z.id) {
			continue
		}
		ok, e := matchFilters(fs, nil, func(n string) ([]string, bool) {
			switch n {
			case "zone-name":
				return []string{z.name}, true
			case "zone-id":
				return []string{z.id}, true
			case "state":
				return []string{"available"}, true
			case "region-name", "group-name":
				return []string{r.region}, true
			case "zone-type":
				return []string{"availability-zone"}, true
			case "opt-in-status":
				return []string{"opt-in-not-required"}, true
			}
			return nil, false
		})
		if e != nil {
			return e
		}
		if ok {
			res = append(res, xAZ{z.name, z.id, "available", r.region, r.region, r.region, "opt-in-not-required", "availability-zone", r.region})
		}
	}
	return encodeBody(out, struct {
		Zones []xAZ `xml:"availabilityZoneInfo>item"`
	}{res})
}

func hDescribePrefixLists(s *Server, r *request, out *bytes.Buffer) *apiError {
	type xPL struct {
		ID    string   `xml:"prefixListId"`
		Name  string   `xml:"prefixListName"`
		Cidrs []string `xml:"cidrSet>item"`
	}
	all := prefixLists(r.region)
	byID := map[string]prefixList{}
	for _, pl := range all {
		byID[pl.id] = pl
	}
	missing := func(id string) *apiError {
		return errf("InvalidPrefixListID.NotFound", "The prefix list ID '%s' does not exist", id)
	}
	ids, e := selectIDs(r, "PrefixListId", byID, missing, nil, func(id string, pl prefixList, n string) ([]string, bool) {
		switch n {
		case "prefix-list-id":
			return []string{pl.id}, true
		case "prefix-list-name":
			return []string{pl.name}, true
		}
		return nil, false
	})
	if e != nil {
		return e
	}
	var res []xPL
	for _, pl := range all { // in catalogue order
		if contains(ids, pl.id) {
			res = append(res, xPL{pl.id, pl.name, pl.cidrs})
		}
	}
	return encodeBody(out, struct {
		PLs []xPL `xml:"prefixListSet>item"`
	}{res})
}
