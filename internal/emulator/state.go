package emulator

import (
	"encoding/binary"
	"net"
	"regexp"
	"strings"
	"time"
)

// regionState holds the resources of one account in one region.
type regionState struct {
	account, region string
	vpcs            map[string]*vpc
	subnets         map[string]*subnet
	routeTables     map[string]*routeTable
	groups          map[string]*securityGroup
	endpoints       map[string]*endpoint
	enis            map[string]*eni
	tags            map[string][]tag
	reservations    []dnsReservation
	tokens          map[string]tokenEntry
}

type vpc struct {
	id, cidr, dhcp, assoc  string
	dnsSupport, dnsHostnms bool
	mainRT, defaultSG      string
}

type subnet struct {
	id, vpc, cidr, az string
	nextHost          uint32
}

type routeTable struct {
	id, vpc, assoc string
	main           bool
}

type ipPerm struct {
	protocol string
	from, to string
	cidrs    []string
}

type securityGroup struct {
	id, vpc, name, desc string
	ingress             []ipPerm
}

type eni struct {
	id, endpoint, subnet, ip, mac string
}

type dnsReservation struct {
	vpc, domain string
	until       time.Time
}

type tokenEntry struct {
	fingerprint, endpoint string
}

type endpoint struct {
	id, typ, vpc, serviceName, serviceRegion string
	svc                                      *service
	routeTables, subnets, groups             []string
	policy                                   string
	privateDNS                               bool
	dnsRecordIPType                          string
	inboundOnly                              *bool
	ipType                                   string
	created, readyAt, visibleAt, busyUntil   time.Time
	needsAccept, accepted, rejected          bool
	deleteRequested                          bool
	deletedAt, goneAt                        time.Time
	dnsSuffix, hostedZone                    string
	failCode, failMessage                    string // set: the endpoint lands in "failed" at readyAt
	failedDone                               bool   // it is "failed": its routes, ENIs and DNS name are released
}

func (e *endpoint) state(now time.Time) string {
	switch {
	case e.deleteRequested && now.Before(e.deletedAt):
		return "deleting"
	case e.deleteRequested:
		return "deleted"
	case e.rejected:
		return "rejected"
	case e.needsAccept && !e.accepted:
		return "pendingAcceptance"
	case now.Before(e.readyAt) || now.Before(e.busyUntil):
		return "pending"
	case e.failCode != "":
		return "failed"
	}
	return "available"
}

// live reports whether the endpoint still counts (not being deleted).
func (e *endpoint) live() bool { return !e.deleteRequested }

// holds reports whether the endpoint still holds its routes and private DNS name: live and not
// failed.
func (e *endpoint) holds() bool { return e.live() && !e.failedDone }

func (s *Server) state(account, region string) *regionState {
	k := regionKey{account, region}
	st, ok := s.regions[k]
	if !ok {
		st = &regionState{
			account: account, region: region,
			vpcs: map[string]*vpc{}, subnets: map[string]*subnet{}, routeTables: map[string]*routeTable{},
			groups: map[string]*securityGroup{}, endpoints: map[string]*endpoint{}, enis: map[string]*eni{},
			tags: map[string][]tag{}, tokens: map[string]tokenEntry{},
		}
		s.regions[k] = st
	}
	return st
}

// sweep releases the network interfaces of endpoints that reached "deleted"
// and forgets endpoints past their retention, in every account of region.
func (s *Server) sweep(region string, now time.Time) {
	for k, st := range s.regions {
		if k.region != region {
			continue
		}
		for id, e := range st.endpoints {
			if !e.failedDone && e.live() && e.state(now) == "failed" {
				e.failedDone = true
				for eid, n := range st.enis {
					if n.endpoint == id {
						delete(st.enis, eid)
					}
				}
			}
			if !e.deleteRequested || now.Before(e.deletedAt) {
				continue
			}
			for eid, n := range st.enis {
				if n.endpoint == id {
					delete(st.enis, eid)
				}
			}
			if !now.Before(e.goneAt) {
				delete(st.endpoints, id)
				delete(st.tags, id)
			}
		}
		kept := st.reservations[:0]
		for _, r := range st.reservations {
			if now.Before(r.until) {
				kept = append(kept, r)
			}
		}
		st.reservations = kept
	}
}

// resourceType names the EC2 resource type of an id for DescribeTags.
func resourceType(id string) string {
	prefix, _, _ := strings.Cut(id, "-")
	switch prefix {
	case "vpc":
		return "vpc"
	case "subnet":
		return "subnet"
	case "rtb":
		return "route-table"
	case "sg":
		return "security-group"
	case "vpce":
		return "vpc-endpoint"
	case "eni":
		return "network-interface"
	}
	return prefix
}

// exists reports whether a taggable resource exists, or the error for it.
func (st *regionState) exists(id string) *apiError {
	found := false
	switch resourceType(id) {
	case "vpc":
		_, found = st.vpcs[id]
	case "subnet":
		_, found = st.subnets[id]
	case "route-table":
		_, found = st.routeTables[id]
	case "security-group":
		_, found = st.groups[id]
	case "vpc-endpoint":
		_, found = st.endpoints[id]
	case "network-interface":
		_, found = st.enis[id]
	}
	if !found {
		return notFound(id)
	}
	return nil
}

func notFound(id string) *apiError {
	switch resourceType(id) {
	case "vpc":
		return errf("InvalidVpcID.NotFound", "The vpc ID '%s' does not exist", id)
	case "subnet":
		return errf("InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist", id)
	case "route-table":
		return errf("InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist", id)
	case "security-group":
		return errf("InvalidGroup.NotFound", "The security group '%s' does not exist", id)
	case "vpc-endpoint":
		return errf("InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '%s' does not exist", id)
	case "network-interface":
		return errf("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '%s' does not exist", id)
	}
	return errf("InvalidID", "The ID '%s' is not valid", id)
}

// idPattern is what EC2 accepts as a resource id: a prefix, one dash, lowercase alphanumerics.
var idPattern = regexp.MustCompile(`^([a-z]+)-[a-z0-9]+$`)

// malformedSuffix ends the messages of the VPC endpoint API for malformed ids.
const malformedSuffix = "; the Id may only contain lowercase alphanumeric characters and a single dash')"

// malformed returns the error for an id of the wrong form for its kind (vpc, subnet, rtb, sg,
// vpce), or nil. The subnet wording is AWS's (seen from ModifyVpcEndpoint), the vpc wording AWS's
// for VPC ids; the others follow them.
func malformed(id, prefix string) *apiError {
	if m := idPattern.FindStringSubmatch(id); m != nil && m[1] == prefix {
		return nil
	}
	switch prefix {
	case "subnet":
		return errf("InvalidSubnetId.Malformed", "Invalid Subnet Id: '%s' (expecting 'subnet-...%s", id, malformedSuffix)
	case "vpc":
		return errf("InvalidVpcId.Malformed", "Invalid Id: '%s' (expecting 'vpc-...%s", id, malformedSuffix)
	case "rtb":
		return errf("InvalidRouteTableId.Malformed", "Invalid Id: '%s' (expecting 'rtb-...%s", id, malformedSuffix)
	case "sg":
		return errf("InvalidGroupId.Malformed", "Invalid Id: '%s' (expecting 'sg-...%s", id, malformedSuffix)
	}
	return errf("InvalidVpcEndpointId.Malformed", "Invalid Id: '%s' (expecting 'vpce-...%s", id, malformedSuffix)
}

// malformedAny returns the error for the first malformed id of ids, or nil.
func malformedAny(ids []string, prefix string) *apiError {
	for _, id := range ids {
		if e := malformed(id, prefix); e != nil {
			return e
		}
	}
	return nil
}

// parseCIDR returns the network and prefix length of an IPv4 CIDR.
func parseCIDR(c string) (uint32, int, bool) {
	_, n, err := net.ParseCIDR(c)
	if err != nil || n.IP.To4() == nil {
		return 0, 0, false
	}
	ones, _ := n.Mask.Size()
	return binary.BigEndian.Uint32(n.IP.To4()), ones, true
}

func cidrContains(outer, inner string) bool {
	on, ol, ok1 := parseCIDR(outer)
	in, il, ok2 := parseCIDR(inner)
	if !ok1 || !ok2 || il < ol {
		return false
	}
	mask := ^uint32(0) << (32 - ol)
	return in&mask == on
}

func cidrOverlap(a, b string) bool { return cidrContains(a, b) || cidrContains(b, a) }

// allocIP returns the next free address of a subnet, after the four that AWS reserves.
func (sn *subnet) allocIP() string {
	n, l, _ := parseCIDR(sn.cidr)
	size := uint32(1) << (32 - l)
	if sn.nextHost < 4 || sn.nextHost >= size-1 {
		sn.nextHost = 4
	}
	ip := make(net.IP, 4)
	binary.BigEndian.PutUint32(ip, n+sn.nextHost)
	sn.nextHost++
	return ip.String()
}
