package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Endpoint types and IP address types as EC2 spells them.
const (
	typeGateway             = "Gateway"
	typeInterface           = "Interface"
	typeGatewayLoadBalancer = "GatewayLoadBalancer"
)

// CrossRegionServiceRegions are the regions that the cross-region capable
// services (the s3 interface service and the no-acceptance customer service)
// can be reached from and in.
var CrossRegionServiceRegions = []string{"us-east-1", "us-west-2", "eu-west-1"}

// service is one (name, type) entry of a region's catalogue.
type service struct {
	name          string
	short         string // "s3", "ecr.api", "vpce-svc-…"
	typ           string
	privateDNS    string // empty: none
	policy        bool
	ipv6          bool   // supports ipv4 and ipv6; else ipv4 only
	excludedZones string // zone letters the service is not offered in
	acceptance    bool
	owner         string // "amazon" or an account id
	crossRegion   bool
	region        string
	tags          []tag // the owner's tags on the service (customer services only)
}

// interfaceServices is the table of AWS interface services: short name,
// policy support, IPv6 support, excluded zone letters.
var interfaceServices = []struct {
	short    string
	policy   bool
	ipv6     bool
	excluded string
}{
	{"ec2", true, true, ""},
	{"ec2messages", false, false, ""},
	{"ecr.api", true, true, ""},
	{"ecr.dkr", true, true, ""},
	{"ecs", true, false, "ef"},
	{"elasticloadbalancing", true, true, ""},
	{"execute-api", true, true, ""},
	{"kms", true, true, ""},
	{"lambda", true, true, "f"},
	{"logs", true, true, ""},
	{"monitoring", true, true, ""},
	{"secretsmanager", true, true, ""},
	{"sns", true, true, ""},
	{"sqs", true, true, ""},
	{"ssm", true, true, ""},
	{"ssm-contacts", true, false, "c"},
	{"ssmmessages", false, false, ""},
	{"sts", true, true, ""},
	{"athena", true, false, ""},
	{"glue", true, false, ""},
}

// CustomerServiceNames returns the names of the three customer PrivateLink
// services of a region: one requiring acceptance owned by DefaultAccountID,
// one requiring acceptance owned by OtherAccountID, and one that does not
// require acceptance (owned by OtherAccountID).
func CustomerServiceNames(region string) (acceptOwn, acceptOther, noAccept string) {
	return "com.amazonaws.vpce." + region + "." + customerServiceID(region, "accept-own"),
		"com.amazonaws.vpce." + region + "." + customerServiceID(region, "accept-other"),
		"com.amazonaws.vpce." + region + "." + customerServiceID(region, "no-accept")
}

// GatewayLoadBalancerServiceNames returns the names of the two customer Gateway Load Balancer
// endpoint services of a region (the emulator has no CreateVpcEndpointServiceConfiguration: they
// are seeded). acceptOwn requires acceptance, is owned by DefaultAccountID (so its connections can
// be accepted by the caller), supports ipv4 and ipv6 (dualstack endpoints) and is offered in every
// zone. noAccept does not require acceptance, is owned by OtherAccountID, supports ipv4 only and is
// offered only in the zones ending in a and b (us-east-1a, us-east-1b).
func GatewayLoadBalancerServiceNames(region string) (acceptOwn, noAccept string) {
	return "com.amazonaws.vpce." + region + "." + customerServiceID(region, "gwlb-accept-own"),
		"com.amazonaws.vpce." + region + "." + customerServiceID(region, "gwlb-no-accept")
}

// ServiceID returns the vpce-svc-… id of a catalogue service name and type.
func ServiceID(name, typ string) string {
	if i := strings.LastIndex(name, ".vpce-svc-"); i >= 0 {
		return name[i+1:]
	}
	return "vpce-svc-" + hash17(name+"/"+typ)
}

func customerServiceID(region, kind string) string { return "vpce-svc-" + hash17(region+"/"+kind) }

func hash17(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])[:17]
}

// catalog returns the service catalogue of a region, sorted by name.
func catalog(region string) []*service {
	p := "com.amazonaws." + region + "."
	var out []*service
	for _, g := range []string{"dynamodb", "s3", "s3express"} {
		out = append(out, &service{name: p + g, short: g, typ: typeGateway, policy: g != "s3express", ipv6: g != "s3express", owner: "amazon", region: region})
	}
	out = append(out,
		&service{name: p + "dynamodb", short: "dynamodb", typ: typeInterface, privateDNS: "*.ddb." + region + ".amazonaws.com", policy: true, owner: "amazon", region: region},
		&service{name: p + "s3", short: "s3", typ: typeInterface, privateDNS: "*.s3." + region + ".amazonaws.com", policy: true, ipv6: true, owner: "amazon", region: region, crossRegion: true},
	)
	for _, is := range interfaceServices {
		out = append(out, &service{name: p + is.short, short: is.short, typ: typeInterface, privateDNS: is.short + "." + region + ".amazonaws.com",
			policy: is.policy, ipv6: is.ipv6, excludedZones: is.excluded, owner: "amazon", region: region})
	}
	own, other, noAcc := CustomerServiceNames(region)
	for _, c := range []struct {
		name   string
		accept bool
		owner  string
		cross  bool
		kind   string
	}{{own, true, DefaultAccountID, false, "accept-own"}, {other, true, OtherAccountID, false, "accept-other"}, {noAcc, false, OtherAccountID, true, "no-accept"}} {
		out = append(out, &service{name: c.name, short: ServiceID(c.name, typeInterface), typ: typeInterface, acceptance: c.accept, owner: c.owner, crossRegion: c.cross, region: region,
			tags: []tag{{"Name", c.kind}, {"team", "platform"}}})
	}
	gwlbOwn, gwlbNoAcc := GatewayLoadBalancerServiceNames(region)
	out = append(out,
		&service{name: gwlbOwn, short: ServiceID(gwlbOwn, typeGatewayLoadBalancer), typ: typeGatewayLoadBalancer, ipv6: true,
			acceptance: true, owner: DefaultAccountID, region: region, tags: []tag{{"Name", "gwlb-accept-own"}, {"purpose", "inspection"}}},
		&service{name: gwlbNoAcc, short: ServiceID(gwlbNoAcc, typeGatewayLoadBalancer), typ: typeGatewayLoadBalancer, excludedZones: "cdef",
			owner: OtherAccountID, region: region, tags: []tag{{"Name", "gwlb-no-accept"}, {"purpose", "inspection"}}},
	)
	sortServices(out)
	return out
}

func sortServices(s []*service) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (s[j].name < s[j-1].name || (s[j].name == s[j-1].name && s[j].typ < s[j-1].typ)); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// lookupService finds a service of a region by name; typ "" matches any type.
func lookupService(region, name, typ string) []*service {
	var out []*service
	for _, s := range catalog(region) {
		if s.name == name && (typ == "" || s.typ == typ) {
			out = append(out, s)
		}
	}
	return out
}

func (s *service) id() string { return ServiceID(s.name, s.typ) }

func (s *service) offeredIn(az string) bool {
	return !strings.ContainsRune(s.excludedZones, rune(az[len(az)-1]))
}

func (s *service) ipTypes() []string {
	if s.ipv6 {
		return []string{"ipv4", "ipv6"}
	}
	return []string{"ipv4"}
}

func (s *service) baseDNSNames() []string {
	if s.typ == typeGateway {
		return []string{s.short + "." + s.region + ".amazonaws.com"}
	}
	return []string{s.short + "." + s.region + ".vpce.amazonaws.com"}
}

// zone is an availability zone.
type zone struct{ name, id string }

// zones returns the availability zones of a region: a–f in us-east-1, a–c elsewhere.
func zones(region string) []zone {
	letters := "abc"
	if region == "us-east-1" {
		letters = "abcdef"
	}
	var out []zone
	for i, l := range letters {
		out = append(out, zone{name: region + string(l), id: fmt.Sprintf("%s-az%d", regionAbbrev(region), i+1)})
	}
	return out
}

// remoteAccessZones returns the zones of region in which a cross-region (ServiceRegion) interface
// endpoint can have subnets: all but the third and the fifth (use1-az3 and use1-az5 in us-east-1,
// <abbrev>-az3 elsewhere), an emulator choice that gives the tests a zone to be refused.
func remoteAccessZones(region string) []zone {
	var out []zone
	for i, z := range zones(region) {
		if i != 2 && i != 4 {
			out = append(out, z)
		}
	}
	return out
}

func remoteAccessZone(region, az string) bool {
	for _, z := range remoteAccessZones(region) {
		if z.name == az {
			return true
		}
	}
	return false
}

func regionAbbrev(region string) string {
	parts := strings.Split(region, "-")
	if len(parts) != 3 || parts[1] == "" {
		return strings.ReplaceAll(region, "-", "")
	}
	return parts[0] + parts[1][:1] + parts[2]
}

func zoneByName(region, name string) (zone, bool) {
	for _, z := range zones(region) {
		if z.name == name || z.id == name {
			return z, true
		}
	}
	return zone{}, false
}

// prefixList is an AWS-managed prefix list of a gateway service.
type prefixList struct {
	id, name string
	cidrs    []string
}

func prefixLists(region string) []prefixList {
	p := "com.amazonaws." + region + "."
	id := func(s, published string) string {
		if region == "us-east-1" && published != "" {
			return published
		}
		return "pl-" + hash17(region + s)[:8]
	}
	return []prefixList{
		{id("dynamodb", "pl-02cd2c6b"), p + "dynamodb", []string{"3.218.180.0/22", "35.71.64.0/22", "52.94.0.0/22"}},
		{id("s3", "pl-63a5400a"), p + "s3", []string{"3.5.0.0/19", "16.182.0.0/16", "18.34.0.0/19", "52.216.0.0/15", "54.231.0.0/16"}},
		{id("s3express", ""), p + "s3express", []string{"3.33.0.0/20", "15.193.0.0/22"}},
	}
}

func prefixListFor(region, serviceName string) prefixList {
	for _, pl := range prefixLists(region) {
		if pl.name == serviceName {
			return pl
		}
	}
	return prefixList{}
}
