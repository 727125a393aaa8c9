package planner

import (
	"strings"
	"testing"
)

const testGWLBService = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"

func TestCheckGatewayLoadBalancerStatic(t *testing.T) {
	t.Parallel()
	base := GatewayLoadBalancerConfig{Region: "us-east-1", VPCID: "vpc-1", Service: testGWLBService, SubnetID: "subnet-1"}
	with := func(mod func(*GatewayLoadBalancerConfig)) GatewayLoadBalancerConfig {
		c := base
		mod(&c)
		return c
	}
	for _, tc := range []struct {
		name string
		cfg  GatewayLoadBalancerConfig
		want []want
	}{
		{name: "ok", cfg: base},
		{name: "ok at validate (no region)", cfg: with(func(c *GatewayLoadBalancerConfig) { c.Region = "" })},
		{name: "unknown service", cfg: with(func(c *GatewayLoadBalancerConfig) { c.Service = "" })},
		{name: "dualstack", cfg: with(func(c *GatewayLoadBalancerConfig) { c.IPAddressType = "dualstack" })},
		{
			name: "interface AWS service",
			cfg:  with(func(c *GatewayLoadBalancerConfig) { c.Service = "ssm" }),
			want: []want{{"P1", SeverityError, "service", "Service does not support Gateway Load Balancer endpoints", []string{
				"com.amazonaws.us-east-1.ssm is an AWS service", "Endpoint type (GatewayLoadBalancer) does not match available service types ([Interface])",
				"Use vpce_interface_endpoint",
			}}},
		},
		{
			name: "gateway AWS service",
			cfg:  with(func(c *GatewayLoadBalancerConfig) { c.Service = "com.amazonaws.us-east-1.s3" }),
			want: []want{{"P1", SeverityError, "service", "Service does not support Gateway Load Balancer endpoints", []string{
				"([Gateway, Interface])", "Use vpce_gateway_endpoint (free) or vpce_interface_endpoint",
			}}},
		},
		{
			name: "malformed PrivateLink name",
			cfg:  with(func(c *GatewayLoadBalancerConfig) { c.Service = "com.amazonaws.vpce.us-east-1.svc-1" }),
			want: []want{{"P1", SeverityError, "service", "Invalid service name", []string{"not a valid PrivateLink service name"}}},
		},
		{
			name: "ipv6",
			cfg:  with(func(c *GatewayLoadBalancerConfig) { c.IPAddressType = "ipv6" }),
			want: []want{{"P8", SeverityError, "ip_address_type", "IP address type not supported by Gateway Load Balancer endpoints", []string{
				"cannot be IPv6-only", "ipv4 or dualstack",
			}}},
		},
		{
			name: "invalid ip type",
			cfg:  with(func(c *GatewayLoadBalancerConfig) { c.IPAddressType = "both" }),
			want: []want{{"P8", SeverityError, "ip_address_type", "IP address type not supported by Gateway Load Balancer endpoints", []string{
				`"both" is not one of ipv4 and dualstack`,
			}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkFindings(t, CheckGatewayLoadBalancerStatic(tc.cfg), tc.want)
		})
	}
}

func TestCheckGatewayLoadBalancerLive(t *testing.T) {
	t.Parallel()
	gwlb := &ServiceFacts{ServiceName: testGWLBService, ServiceTypes: []string{TypeGatewayLoadBalancer},
		AvailabilityZones: []string{"us-east-1a", "us-east-1b"}, SupportedIPAddressTypes: []string{"ipv4"}, AcceptanceRequired: true}
	iface := &ServiceFacts{ServiceName: testGWLBService, ServiceTypes: []string{TypeInterface}, AvailabilityZones: []string{"us-east-1a"}}
	subnets := map[string]SubnetFacts{
		"subnet-a": {SubnetID: "subnet-a", VPCID: "vpc-1", AvailabilityZone: "us-east-1a"},
		"subnet-c": {SubnetID: "subnet-c", VPCID: "vpc-1", AvailabilityZone: "us-east-1c"},
		"subnet-o": {SubnetID: "subnet-o", VPCID: "vpc-2", AvailabilityZone: "us-east-1a"},
	}
	cfg := func(subnet, ipType string) GatewayLoadBalancerConfig {
		return GatewayLoadBalancerConfig{Region: "us-east-1", VPCID: "vpc-1", Service: testGWLBService, SubnetID: subnet, IPAddressType: ipType}
	}
	for _, tc := range []struct {
		name  string
		cfg   GatewayLoadBalancerConfig
		facts GatewayLoadBalancerFacts
		want  []want
	}{
		{name: "ok", cfg: cfg("subnet-a", ""), facts: GatewayLoadBalancerFacts{Service: gwlb, Subnets: subnets}},
		{name: "subnet unknown", cfg: cfg("", ""), facts: GatewayLoadBalancerFacts{Service: gwlb, Subnets: subnets}},
		{
			name: "service not found", cfg: cfg("subnet-a", ""), facts: GatewayLoadBalancerFacts{Subnets: subnets},
			want: []want{{"P1", SeverityError, "service", "Service not found in region", []string{"The Vpc Endpoint Service '" + testGWLBService + "' does not exist"}}},
		},
		{
			name: "interface service", cfg: cfg("subnet-c", ""), facts: GatewayLoadBalancerFacts{Service: iface, Subnets: subnets},
			// The interface service's zones say nothing here: only P1.
			want: []want{{"P1", SeverityError, "service", "Service does not support Gateway Load Balancer endpoints", []string{
				"offers Interface endpoints", "Endpoint type (GatewayLoadBalancer) does not match available service types ([Interface]).",
				"Use vpce_interface_endpoint for this service",
			}}},
		},
		{
			name: "zone not offered", cfg: cfg("subnet-c", ""), facts: GatewayLoadBalancerFacts{Service: gwlb, Subnets: subnets},
			want: []want{{"P2", SeverityError, "subnet_id", "Subnet in unsupported Availability Zone", []string{
				"subnet-c is in us-east-1c", "us-east-1a and us-east-1b",
				"The VPC endpoint service " + testGWLBService + " does not support the availability zone of the subnet: subnet-c.",
			}}},
		},
		{
			name: "subnet of another VPC", cfg: cfg("subnet-o", ""), facts: GatewayLoadBalancerFacts{Service: gwlb, Subnets: subnets},
			want: []want{{"P10", SeverityError, "subnet_id", "Subnet in another VPC", []string{"subnet-o belongs to vpc-2", "does not belong to the VPC vpc-1"}}},
		},
		{
			name: "subnet missing", cfg: cfg("subnet-x", ""), facts: GatewayLoadBalancerFacts{Service: gwlb, Subnets: subnets},
			want: []want{{"P10", SeverityError, "subnet_id", "Subnet not found", []string{"InvalidSubnetID.NotFound"}}},
		},
		{
			name: "vpc missing", cfg: cfg("subnet-x", ""), facts: GatewayLoadBalancerFacts{Service: gwlb, Subnets: map[string]SubnetFacts{}, VPCNotFound: true},
			want: []want{
				{"P10", SeverityError, "subnet_id", "Subnet not found", nil},
				{"P10", SeverityError, "vpc_id", "VPC not found", []string{"InvalidVpcID.NotFound"}},
			},
		},
		{
			name: "dualstack on an ipv4 service", cfg: cfg("subnet-a", "dualstack"), facts: GatewayLoadBalancerFacts{Service: gwlb, Subnets: subnets},
			want: []want{{"P8", SeverityError, "ip_address_type", "Service does not support IPv6", []string{"supports only ipv4"}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkFindings(t, CheckGatewayLoadBalancerLive(tc.cfg, tc.facts), tc.want)
		})
	}
}

func TestResourceForTypes(t *testing.T) {
	t.Parallel()
	for types, want := range map[string][]string{
		"vpce_gateway_load_balancer_endpoint": {TypeGatewayLoadBalancer},
		"vpce_gateway_endpoint":               {TypeGateway},
		"vpce_interface_endpoint":             {TypeGateway, TypeInterface},
	} {
		if got := ResourceForTypes(want); got != types {
			t.Errorf("ResourceForTypes(%v) = %s, want %s", want, got, types)
		}
	}
	// An interface or gateway endpoint given a Gateway Load Balancer service names this resource.
	_, fs := CheckInterfaceLive(InterfaceConfig{Region: "us-east-1", VPCID: "vpc-1", Service: testGWLBService},
		InterfaceFacts{Service: &ServiceFacts{ServiceName: testGWLBService, ServiceTypes: []string{TypeGatewayLoadBalancer}}})
	checkFindings(t, fs, []want{{"P1", SeverityError, "service", "Service does not support Interface endpoints", []string{
		"Endpoint type (Interface) does not match available service types ([GatewayLoadBalancer]).", "Use vpce_gateway_load_balancer_endpoint",
	}}})
	fs = CheckGatewayLive(GatewayConfig{Region: "us-east-1", VPCID: "vpc-1", Service: testGWLBService},
		GatewayFacts{Service: &ServiceFacts{ServiceName: testGWLBService, ServiceTypes: []string{TypeGatewayLoadBalancer}}})
	checkFindings(t, fs, []want{{"P1", SeverityError, "service", "Service does not support Gateway endpoints", []string{
		"offers GatewayLoadBalancer endpoints", "Use vpce_gateway_load_balancer_endpoint",
	}}})
}

func TestPreferredTypeGatewayLoadBalancer(t *testing.T) {
	t.Parallel()
	gwlb := []string{TypeGatewayLoadBalancer}
	if got := PreferredType(gwlb); got != TypeGatewayLoadBalancer {
		t.Errorf("PreferredType(%v) = %s", gwlb, got)
	}
	if got := PreferredType([]string{TypeInterface}); got != TypeInterface {
		t.Errorf("PreferredType(Interface) = %s", got)
	}
	for _, reach := range [][]string{nil, {ReachTransitGateway}} {
		typ, reason, err := PreferredTypeFor(gwlb, reach)
		if err != nil || typ != TypeGatewayLoadBalancer || !strings.Contains(reason, "vpce_gateway_load_balancer_endpoint") {
			t.Errorf("PreferredTypeFor(%v, %v) = %q, %q, %v", gwlb, reach, typ, reason, err)
		}
	}
}
