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
	// PrivateDNSOnlyForInboundResolverEndpoint: nil = unset (the planner chooses on create).
	PrivateDNSOnlyForInboundResolverEndpoint *bool
	IPAddressType                            string // "" = unset (the planner chooses ipv4)
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
}

// InterfaceDecisions are the values the planner chooses for unset arguments.
type InterfaceDecisions struct {
	PrivateDNSEnabled                        bool
	PrivateDNSOnlyForInboundResolverEndpoint *bool // nil = do not send (service does not support it)
	DNSRecordIPType                          string
	IPAddressType                            string
}
