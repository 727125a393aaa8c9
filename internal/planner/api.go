package planner

// This file fixes the planner's API that the provider layer calls. Bodies live in the rule files.

// GatewayConfig is the planner's view of a vpce_gateway_endpoint (or association) configuration.
// A value unknown at plan time is marked so; rules that need it are skipped.
type GatewayConfig struct {
	Region               string // the provider's region
	VPCID                string // "" when unknown
	Service              string // the `service` argument as written; "" when unknown
	RouteTableIDs        []string
	RouteTableIDsSet     bool // route_table_ids is set in the configuration (may still hold unknowns)
	RouteTableIDsUnknown bool // the set, or one element, is unknown
	Policy               string
	PolicySet            bool // policy is set (non-null) in the configuration
	PolicyUnknown        bool
	// EndpointID is the endpoint's own id when planning an update ("" on create), so that its own
	// routes are not reported as conflicts by P7.
	EndpointID string
}

// GatewayFacts is what the AWS layer gathered for one gateway plan.
type GatewayFacts struct {
	Service      *ServiceFacts // nil when DescribeVpcEndpointServices does not know the service
	RouteTables  map[string]RouteTableFacts
	PrefixList   *PrefixListFacts // the service's prefix list, nil when unknown
	Endpoints    []EndpointFacts  // existing endpoints in the VPC (for P12)
	GatewayQuota int              // gateway endpoints per region; 0 = unknown
	GatewayCount int              // existing gateway endpoints in the region
	VPCNotFound  bool             // DescribeVpcs says the VPC does not exist (P10)
	// ServiceCandidates are the short names of the region's services, gathered only when the
	// service was not found, to suggest the nearest (P1).
	ServiceCandidates []string
}

// InterfaceConfig is the planner's view of a vpce_interface_endpoint configuration.
type InterfaceConfig struct {
	Region                  string
	VPCID                   string
	Service                 string
	ServiceRegion           string // "" = the provider's region
	SubnetIDs               []string
	SubnetIDsSet            bool
	SubnetIDsUnknown        bool
	SecurityGroupIDs        []string
	SecurityGroupIDsSet     bool
	SecurityGroupIDsUnknown bool
	PrivateDNSEnabled       *bool // nil = unset (the planner chooses) or unknown
	PrivateDNSUnknown       bool
	DNSRecordIPType         string // "" = unset
	// PrivateDNSOnlyForInboundResolverEndpoint: nil = unset (decided when the endpoint is created).
	PrivateDNSOnlyForInboundResolverEndpoint *bool
	// InboundResolverKept: the option is unset but the endpoint already has a value, which is kept
	// (an update): nothing is decided and nothing is said about it.
	InboundResolverKept bool
	IPAddressType       string // "" = unset (the planner chooses ipv4)
	// IPAddressTypeUnknown / DNSRecordIPTypeUnknown mark ip_address_type / dns_record_ip_type as
	// unknown at plan time; an empty string without the flag means unset. (Added by the planner.)
	IPAddressTypeUnknown   bool
	DNSRecordIPTypeUnknown bool
	Policy                 string
	PolicySet              bool
	PolicyUnknown          bool
	EndpointID             string // "" on create
}

// InterfaceFacts is what the AWS layer gathered for one interface plan.
type InterfaceFacts struct {
	Service        *ServiceFacts
	VPC            *VPCFacts
	Subnets        map[string]SubnetFacts
	SecurityGroups map[string]SecurityGroupFacts
	Endpoints      []EndpointFacts // existing endpoints in the VPC, other than EndpointID
	InterfaceQuota int             // interface endpoints per VPC; 0 = unknown
	VPCNotFound    bool            // DescribeVpcs says the VPC does not exist (P10)
	// ServiceCandidates: see GatewayFacts.
	ServiceCandidates []string
}

// InterfaceDecisions are the values the planner chooses for unset arguments.
type InterfaceDecisions struct {
	PrivateDNSEnabled                        bool
	PrivateDNSOnlyForInboundResolverEndpoint *bool // nil = not decided at plan (see InboundResolverAtApply)
	// InboundResolverAtApply: the option applies (S3 with private DNS) but is unset, and whether it
	// can be true depends on a gateway endpoint that the same apply may create or destroy: it is
	// planned unknown and decided when the endpoint is created (or private DNS turned on).
	InboundResolverAtApply bool
	DNSRecordIPType        string
	IPAddressType          string
}
