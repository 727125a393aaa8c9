package planner

// Endpoint types, as EC2 spells them.
const (
	TypeGateway   = "Gateway"
	TypeInterface = "Interface"
)

// ServiceFacts is what DescribeVpcEndpointServices says of one service.
type ServiceFacts struct {
	ServiceName             string   // full name, e.g. com.amazonaws.us-east-1.s3
	ServiceRegion           string   // region the service is in ("" = the provider's region)
	ServiceTypes            []string // TypeGateway and/or TypeInterface
	AvailabilityZones       []string // zone names
	AvailabilityZoneIDs     []string
	PrivateDNSNames         []string // first is the primary one; empty when the service has none
	PolicySupported         bool     // VpcEndpointPolicySupported
	AcceptanceRequired      bool
	SupportedIPAddressTypes []string // "ipv4", "ipv6"
	Owner                   string   // "amazon" or an account id
	SupportedRegions        []string // for cross-region (P9): regions the service can be reached from
	// Not needed by the rules; shown by the data sources.
	ServiceID            string // vpce-svc-…; for a service listed once per type, the Gateway entry's
	BaseEndpointDNSNames []string
	ManagesVPCEndpoints  bool
	Tags                 map[string]string
}

// SubnetFacts is what DescribeSubnets says of one subnet.
type SubnetFacts struct {
	SubnetID           string
	VPCID              string
	AvailabilityZone   string
	AvailabilityZoneID string
	HasIPv4            bool // has an IPv4 CIDR (false for IPv6-only subnets)
	HasIPv6            bool // has an associated IPv6 CIDR
}

// SecurityGroupFacts is what DescribeSecurityGroups says of one group.
type SecurityGroupFacts struct {
	GroupID string
	VPCID   string
}

// Route is one route of a route table that targets a prefix list.
type Route struct {
	DestinationPrefixListID string
	GatewayID               string // e.g. vpce-…
}

// RouteTableFacts is what DescribeRouteTables says of one route table.
type RouteTableFacts struct {
	RouteTableID string
	VPCID        string
	Routes       []Route
}

// VPCFacts is what DescribeVpcs / DescribeVpcAttribute say of one VPC.
type VPCFacts struct {
	VPCID              string
	EnableDNSSupport   bool
	EnableDNSHostnames bool
	HasIPv6            bool
}

// EndpointFacts is what DescribeVpcEndpoints says of an existing endpoint (other than the one being
// planned), used by P4, P5, P7 and P12.
type EndpointFacts struct {
	VPCEndpointID     string
	VPCID             string
	ServiceName       string
	Type              string // TypeGateway or TypeInterface
	State             string
	PrivateDNSEnabled bool
	RouteTableIDs     []string
}

// PrefixListFacts is what DescribePrefixLists says of the service's prefix list.
type PrefixListFacts struct {
	PrefixListID   string
	PrefixListName string // the service name
	CIDRs          []string
}
