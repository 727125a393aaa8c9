package planner

import (
	"testing"
)

func ssmFacts() *ServiceFacts {
	return &ServiceFacts{
		ServiceName:             "com.amazonaws.us-east-1.ssm",
		ServiceTypes:            []string{TypeInterface},
		AvailabilityZones:       []string{"us-east-1a", "us-east-1b", "us-east-1c"},
		PrivateDNSNames:         []string{"ssm.us-east-1.amazonaws.com"},
		PolicySupported:         true,
		SupportedIPAddressTypes: []string{"ipv4", "ipv6"},
	}
}

func s3Facts() *ServiceFacts {
	return &ServiceFacts{
		ServiceName:             "com.amazonaws.us-east-1.s3",
		ServiceTypes:            []string{TypeGateway, TypeInterface},
		AvailabilityZones:       []string{"us-east-1a", "us-east-1b"},
		PrivateDNSNames:         []string{"*.s3.us-east-1.amazonaws.com"},
		PolicySupported:         true,
		SupportedIPAddressTypes: []string{"ipv4"},
	}
}

func baseInterfaceFacts() InterfaceFacts {
	return InterfaceFacts{
		Service: ssmFacts(),
		VPC:     &VPCFacts{VPCID: "vpc-1", EnableDNSSupport: true, EnableDNSHostnames: true},
		Subnets: map[string]SubnetFacts{
			"subnet-a":  {SubnetID: "subnet-a", VPCID: "vpc-1", AvailabilityZone: "us-east-1a", HasIPv4: true},
			"subnet-b":  {SubnetID: "subnet-b", VPCID: "vpc-1", AvailabilityZone: "us-east-1b", HasIPv4: true, HasIPv6: true},
			"subnet-a2": {SubnetID: "subnet-a2", VPCID: "vpc-1", AvailabilityZone: "us-east-1a", HasIPv4: true},
			"subnet-d":  {SubnetID: "subnet-d", VPCID: "vpc-1", AvailabilityZone: "us-east-1d", HasIPv4: true},
			"subnet-x":  {SubnetID: "subnet-x", VPCID: "vpc-2", AvailabilityZone: "us-east-1c", HasIPv4: true},
			"subnet-6":  {SubnetID: "subnet-6", VPCID: "vpc-1", AvailabilityZone: "us-east-1c", HasIPv6: true},
			"subnet-?":  {SubnetID: "subnet-?", VPCID: "vpc-1", AvailabilityZone: "us-east-1c"},
		},
		SecurityGroups: map[string]SecurityGroupFacts{
			"sg-1": {GroupID: "sg-1", VPCID: "vpc-1"},
			"sg-2": {GroupID: "sg-2", VPCID: "vpc-2"},
		},
	}
}

func TestCheckInterfaceLive(t *testing.T) {
	t.Parallel()
	base := InterfaceConfig{
		Region: "us-east-1", VPCID: "vpc-1", Service: "ssm",
		SubnetIDs: []string{"subnet-a", "subnet-b"}, SubnetIDsSet: true,
		SecurityGroupIDs: []string{"sg-1"}, SecurityGroupIDsSet: true,
	}
	cfgWith := func(mod func(*InterfaceConfig)) InterfaceConfig {
		c := base
		mod(&c)
		return c
	}
	factsWith := func(mod func(*InterfaceFacts)) InterfaceFacts {
		f := baseInterfaceFacts()
		mod(&f)
		return f
	}
	tests := []struct {
		name  string
		cfg   InterfaceConfig
		facts InterfaceFacts
		want  []want
	}{
		{name: "all good", cfg: base, facts: baseInterfaceFacts()},
		{name: "no facts", cfg: base, facts: InterfaceFacts{Service: ssmFacts()}},
		{
			name: "service not found", cfg: base, facts: factsWith(func(f *InterfaceFacts) { f.Service = nil }),
			want: []want{{"P1", SeverityError, "service", "Service not found in region", []string{
				"in the region us-east-1", "InvalidServiceName: The Vpc Endpoint Service 'com.amazonaws.us-east-1.ssm' does not exist",
			}}},
		},
		{name: "unknown service", cfg: cfgWith(func(c *InterfaceConfig) { c.Service = "" }), facts: factsWith(func(f *InterfaceFacts) { f.Service = nil })},
		{
			name: "gateway-only service",
			cfg:  cfgWith(func(c *InterfaceConfig) { c.Service = "s3express" }),
			facts: factsWith(func(f *InterfaceFacts) {
				f.Service = &ServiceFacts{ServiceName: "com.amazonaws.us-east-1.s3express", ServiceTypes: []string{TypeGateway}, PolicySupported: true}
			}),
			want: []want{{"P1", SeverityError, "service", "Service does not support Interface endpoints", []string{
				"Endpoint type (Interface) does not match available service types ([Gateway]).", "Use vpce_gateway_endpoint",
			}}},
		},
		{
			name: "subnet in unsupported zone", cfg: cfgWith(func(c *InterfaceConfig) { c.SubnetIDs = []string{"subnet-a", "subnet-d"} }),
			facts: baseInterfaceFacts(),
			want: []want{{"P2", SeverityError, "subnet_ids", "Subnet in unsupported Availability Zone", []string{
				"subnet-d is in us-east-1d", "us-east-1a, us-east-1b and us-east-1c",
				"InvalidParameter: The VPC endpoint service com.amazonaws.us-east-1.ssm does not support the availability zone of the subnet: subnet-d.",
			}}},
		},
		{
			name: "cross-region skips the zone check",
			cfg: cfgWith(func(c *InterfaceConfig) {
				c.ServiceRegion = "us-west-2"
				c.SubnetIDs = []string{"subnet-a", "subnet-d"}
			}),
			facts: factsWith(func(f *InterfaceFacts) {
				f.Service.ServiceName = "com.amazonaws.us-west-2.ssm"
				f.Service.AvailabilityZones = []string{"us-west-2a", "us-west-2b"}
			}),
		},
		{
			name: "two subnets in one zone", cfg: cfgWith(func(c *InterfaceConfig) { c.SubnetIDs = []string{"subnet-a2", "subnet-a", "subnet-b"} }),
			facts: baseInterfaceFacts(),
			want: []want{{"P2", SeverityError, "subnet_ids", "Several subnets in one Availability Zone", []string{
				"subnet-a and subnet-a2 are all in us-east-1a", "DuplicateSubnetsInSameZone", "Keep one subnet in us-east-1a",
			}}},
		},
		{name: "duplicate id is one subnet", cfg: cfgWith(func(c *InterfaceConfig) { c.SubnetIDs = []string{"subnet-a", "subnet-a"} }), facts: baseInterfaceFacts()},
		{
			name: "subnet not found", cfg: cfgWith(func(c *InterfaceConfig) { c.SubnetIDs = []string{"subnet-zz"} }), facts: baseInterfaceFacts(),
			want: []want{{"P10", SeverityError, "subnet_ids", "Subnet not found", []string{"InvalidSubnetID.NotFound: The subnet ID 'subnet-zz' does not exist"}}},
		},
		{
			name: "subnet in another VPC", cfg: cfgWith(func(c *InterfaceConfig) { c.SubnetIDs = []string{"subnet-x"} }), facts: baseInterfaceFacts(),
			want: []want{{"P10", SeverityError, "subnet_ids", "Subnet in another VPC", []string{"subnet-x belongs to vpc-2", "endpoint is in vpc-1"}}},
		},
		{name: "unknown subnets skipped", cfg: cfgWith(func(c *InterfaceConfig) { c.SubnetIDs = []string{""}; c.SubnetIDsUnknown = true }), facts: baseInterfaceFacts()},
		{name: "subnet facts missing", cfg: cfgWith(func(c *InterfaceConfig) { c.SubnetIDs = []string{"subnet-zz"} }), facts: factsWith(func(f *InterfaceFacts) { f.Subnets = nil })},
		{
			name: "security group in another VPC", cfg: cfgWith(func(c *InterfaceConfig) { c.SecurityGroupIDs = []string{"sg-2", "sg-1"} }), facts: baseInterfaceFacts(),
			want: []want{{"P10", SeverityError, "security_group_ids", "Security group in another VPC", []string{"sg-2 belongs to vpc-2"}}},
		},
		{
			name: "security group not found", cfg: cfgWith(func(c *InterfaceConfig) { c.SecurityGroupIDs = []string{"sg-9"} }), facts: baseInterfaceFacts(),
			want: []want{{"P10", SeverityError, "security_group_ids", "Security group not found", []string{"InvalidGroup.NotFound"}}},
		},
		{
			name: "VPC without DNS hostnames", cfg: base,
			facts: factsWith(func(f *InterfaceFacts) { f.VPC.EnableDNSHostnames = false }),
			want: []want{{"P3", SeverityWarning, "private_dns_enabled", "VPC DNS attributes do not allow private DNS", []string{
				"the VPC vpc-1 has enableDnsHostnames turned off",
				"InvalidParameter: Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for vpc-1",
				"enable_dns_hostnames = true",
			}}},
		},
		{name: "VPC DNS irrelevant without private DNS", cfg: cfgWith(func(c *InterfaceConfig) { c.PrivateDNSEnabled = ptr(false) }), facts: factsWith(func(f *InterfaceFacts) { f.VPC.EnableDNSHostnames = false })},
		{name: "VPC DNS irrelevant when private DNS unknown", cfg: cfgWith(func(c *InterfaceConfig) { c.PrivateDNSUnknown = true }), facts: factsWith(func(f *InterfaceFacts) { f.VPC.EnableDNSSupport = false })},
		{name: "VPC facts missing", cfg: base, facts: factsWith(func(f *InterfaceFacts) { f.VPC = nil })},
		{
			name: "private DNS on a service without a name",
			cfg:  cfgWith(func(c *InterfaceConfig) { c.PrivateDNSEnabled = ptr(true) }),
			facts: factsWith(func(f *InterfaceFacts) {
				f.Service.PrivateDNSNames = nil
				f.VPC.EnableDNSHostnames = false
			}),
			want: []want{{"P3", SeverityError, "private_dns_enabled", "Service has no private DNS name", []string{"does not provide a private DNS name"}}},
		},
		{
			name:  "VPC with DNS support off",
			cfg:   cfgWith(func(c *InterfaceConfig) { c.VPCID = "" }),
			facts: factsWith(func(f *InterfaceFacts) { f.VPC.EnableDNSSupport = false }),
			want: []want{{"P3", SeverityWarning, "private_dns_enabled", "VPC DNS attributes do not allow private DNS", []string{
				"the VPC vpc-1 has enableDnsSupport turned off", "set to true for vpc-1",
			}}},
		},
		{
			name: "conflicting private DNS",
			cfg:  base,
			facts: factsWith(func(f *InterfaceFacts) {
				f.Endpoints = []EndpointFacts{
					{VPCEndpointID: "vpce-old", VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.ssm", Type: TypeInterface, State: "available", PrivateDNSEnabled: true},
					{VPCEndpointID: "vpce-gone", VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.ssm", Type: TypeInterface, State: "Deleting", PrivateDNSEnabled: true},
					{VPCEndpointID: "vpce-nodns", VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.ssm", Type: TypeInterface, State: "available"},
					{VPCEndpointID: "vpce-other", VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.kms", Type: TypeInterface, State: "available", PrivateDNSEnabled: true},
				}
			}),
			want: []want{{"P4", SeverityWarning, "private_dns_enabled", "Another endpoint already has private DNS for this service", []string{
				"vpce-old",
				"InvalidParameter: private-dns-enabled cannot be set because there is already a conflicting DNS domain for ssm.us-east-1.amazonaws.com in the VPC vpc-1",
			}}},
		},
		{
			name: "own endpoint is no conflict",
			cfg:  cfgWith(func(c *InterfaceConfig) { c.EndpointID = "vpce-self" }),
			facts: factsWith(func(f *InterfaceFacts) {
				f.Endpoints = []EndpointFacts{{VPCEndpointID: "vpce-self", VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.ssm", Type: TypeInterface, State: "available", PrivateDNSEnabled: true}}
			}),
		},
		{
			name:  "policy unsupported",
			cfg:   cfgWith(func(c *InterfaceConfig) { c.PolicySet = true; c.Policy = validPolicy }),
			facts: factsWith(func(f *InterfaceFacts) { f.Service.PolicySupported = false }),
			want:  []want{{"P6", SeverityError, "policy", "Service does not support endpoint policies", []string{"Service com.amazonaws.us-east-1.ssm only supports the full-access endpoint policy."}}},
		},
		{
			name:  "ipv6 on an ipv4-only service",
			cfg:   cfgWith(func(c *InterfaceConfig) { c.IPAddressType = "dualstack"; c.SubnetIDs = []string{"subnet-b"} }),
			facts: factsWith(func(f *InterfaceFacts) { f.Service.SupportedIPAddressTypes = []string{"ipv4"} }),
			want:  []want{{"P8", SeverityError, "ip_address_type", "Service does not support IPv6", []string{"supports only ipv4"}}},
		},
		{name: "dualstack with dualstack subnets", cfg: cfgWith(func(c *InterfaceConfig) { c.IPAddressType = "dualstack"; c.SubnetIDs = []string{"subnet-b"} }), facts: baseInterfaceFacts()},
		{name: "ipv6 with an ipv6-only subnet", cfg: cfgWith(func(c *InterfaceConfig) { c.IPAddressType = "ipv6"; c.SubnetIDs = []string{"subnet-6"} }), facts: baseInterfaceFacts()},
		{name: "subnet without address facts is skipped", cfg: cfgWith(func(c *InterfaceConfig) { c.IPAddressType = "ipv6"; c.SubnetIDs = []string{"subnet-?"} }), facts: baseInterfaceFacts()},
		{
			name:  "dualstack with an ipv4-only subnet",
			cfg:   cfgWith(func(c *InterfaceConfig) { c.IPAddressType = "dualstack" }),
			facts: baseInterfaceFacts(),
			want:  []want{{"P8", SeverityWarning, "subnet_ids", "Subnet lacks the endpoint's IP address type", []string{"subnet-a has no IPv6 CIDR block"}}},
		},
		{
			name:  "ipv6 with a dual-stack subnet",
			cfg:   cfgWith(func(c *InterfaceConfig) { c.IPAddressType = "ipv6"; c.SubnetIDs = []string{"subnet-b"} }),
			facts: baseInterfaceFacts(),
			want:  []want{{"P8", SeverityWarning, "subnet_ids", "Subnet lacks the endpoint's IP address type", []string{"subnet-b is not IPv6-only"}}},
		},
		{
			name:  "ipv4 with an ipv6-only subnet",
			cfg:   cfgWith(func(c *InterfaceConfig) { c.SubnetIDs = []string{"subnet-6"} }),
			facts: baseInterfaceFacts(),
			want:  []want{{"P8", SeverityWarning, "subnet_ids", "Subnet lacks the endpoint's IP address type", []string{"subnet-6 is IPv6-only (no IPv4 CIDR block)"}}},
		},
		{ // one finding per fact, listing the subnets, not one per subnet
			name: "dualstack with several ipv4-only subnets",
			cfg: cfgWith(func(c *InterfaceConfig) {
				c.IPAddressType = "dualstack"
				c.SubnetIDs = []string{"subnet-a", "subnet-d", "subnet-b"}
			}),
			facts: factsWith(func(f *InterfaceFacts) {
				f.Service.AvailabilityZones = append(f.Service.AvailabilityZones, "us-east-1d")
			}),
			want: []want{{"P8", SeverityWarning, "subnet_ids", "Subnet lacks the endpoint's IP address type", []string{
				"The subnets subnet-a and subnet-d have no IPv6 CIDR block", "ip_address_type dualstack needs subnets with both IPv4 and IPv6",
			}}},
		},
		{ // the zone error makes the subnet's IPv6 warning moot
			name:  "subnet rejected by P2 is not warned about by P8",
			cfg:   cfgWith(func(c *InterfaceConfig) { c.IPAddressType = "dualstack"; c.SubnetIDs = []string{"subnet-d"} }),
			facts: baseInterfaceFacts(),
			want:  []want{{"P2", SeverityError, "subnet_ids", "Subnet in unsupported Availability Zone", nil}},
		},
		{
			name:  "private DNS on by default says so",
			cfg:   cfgWith(func(c *InterfaceConfig) { c.SubnetIDs = nil }),
			facts: factsWith(func(f *InterfaceFacts) { f.VPC.EnableDNSHostnames = false }),
			want: []want{{"P3", SeverityWarning, "private_dns_enabled", "VPC DNS attributes do not allow private DNS", []string{
				"enabled by default", "private_dns_enabled is unset",
			}}},
		},
		{
			name:  "VPC not found",
			cfg:   cfgWith(func(c *InterfaceConfig) { c.SubnetIDs = nil }),
			facts: factsWith(func(f *InterfaceFacts) { f.VPC = nil; f.VPCNotFound = true }),
			want:  []want{{"P10", SeverityError, "vpc_id", "VPC not found", []string{"InvalidVpcID.NotFound: The vpc ID 'vpc-1' does not exist"}}},
		},
		{
			name: "service not found suggests the nearest",
			cfg:  cfgWith(func(c *InterfaceConfig) { c.Service = "secretmanager"; c.SubnetIDs = nil }),
			facts: factsWith(func(f *InterfaceFacts) {
				f.Service = nil
				f.ServiceCandidates = []string{"ssm", "secretsmanager", "sqs"}
			}),
			want: []want{{"P1", SeverityError, "service", "Service not found in region", []string{"Did you mean `secretsmanager`?"}}},
		},
		{name: "ip type unknown skips P8", cfg: cfgWith(func(c *InterfaceConfig) { c.IPAddressTypeUnknown = true; c.SubnetIDs = []string{"subnet-6"} }), facts: baseInterfaceFacts()},
		{
			name: "cross-region not offered",
			cfg:  cfgWith(func(c *InterfaceConfig) { c.ServiceRegion = "eu-west-1"; c.SubnetIDs = nil }),
			facts: factsWith(func(f *InterfaceFacts) {
				f.Service.ServiceName = "com.amazonaws.eu-west-1.ssm"
				f.Service.SupportedRegions = []string{"us-west-2", "us-east-2"}
			}),
			want: []want{{"P9", SeverityError, "service_region", "Service not available in service region", []string{
				"com.amazonaws.eu-west-1.ssm", "us-east-2 and us-west-2", "InvalidServiceName",
			}}},
		},
		{
			name:  "cross-region offered",
			cfg:   cfgWith(func(c *InterfaceConfig) { c.ServiceRegion = "us-west-2"; c.SubnetIDs = nil }),
			facts: factsWith(func(f *InterfaceFacts) { f.Service.SupportedRegions = []string{"us-west-2"} }),
		},
		{
			name: "quota reached",
			cfg:  base,
			facts: factsWith(func(f *InterfaceFacts) {
				f.InterfaceQuota = 2
				f.Endpoints = []EndpointFacts{
					{VPCEndpointID: "vpce-1", VPCID: "vpc-1", Type: TypeInterface, State: "available"},
					{VPCEndpointID: "vpce-2", VPCID: "vpc-1", Type: TypeInterface, State: "pendingAcceptance"},
					{VPCEndpointID: "vpce-3", VPCID: "vpc-1", Type: TypeInterface, State: "deleted"},
					{VPCEndpointID: "vpce-4", VPCID: "vpc-1", Type: TypeGateway, State: "available"},
				}
			}),
			want: []want{{"P12", SeverityWarning, "vpc_id", "Interface endpoint quota reached", []string{"2 interface endpoints", "VpcEndpointLimitExceeded"}}},
		},
		{
			name: "quota not reached",
			cfg:  base,
			facts: factsWith(func(f *InterfaceFacts) {
				f.InterfaceQuota = 2
				f.Endpoints = []EndpointFacts{{VPCEndpointID: "vpce-1", VPCID: "vpc-1", Type: TypeInterface, State: "available"}}
			}),
		},
		{
			name: "quota ignored on update",
			cfg:  cfgWith(func(c *InterfaceConfig) { c.EndpointID = "vpce-self" }),
			facts: factsWith(func(f *InterfaceFacts) {
				f.InterfaceQuota = 1
				f.Endpoints = []EndpointFacts{{VPCEndpointID: "vpce-1", VPCID: "vpc-1", Type: TypeInterface, State: "available"}}
			}),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, fs := CheckInterfaceLive(tt.cfg, tt.facts)
			checkFindings(t, fs, tt.want)
		})
	}
}

func TestCheckInterfaceLiveS3(t *testing.T) {
	t.Parallel()
	base := InterfaceConfig{Region: "us-east-1", VPCID: "vpc-1", Service: "s3", SubnetIDs: []string{"subnet-a"}, SubnetIDsSet: true}
	gateway := EndpointFacts{VPCEndpointID: "vpce-gw", VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", Type: TypeGateway, State: "available"}
	facts := func(endpoints ...EndpointFacts) InterfaceFacts {
		f := baseInterfaceFacts()
		f.Service = s3Facts()
		f.Endpoints = endpoints
		return f
	}
	deletedGateway := gateway
	deletedGateway.State = "deleted"
	otherVPCGateway := gateway
	otherVPCGateway.VPCID = "vpc-2"
	dynamoGateway := gateway
	dynamoGateway.ServiceName = "com.amazonaws.us-east-1.dynamodb"
	tests := []struct {
		name        string
		cfg         InterfaceConfig
		facts       InterfaceFacts
		wantDNS     bool
		wantInbound *bool
		wantAtApply bool
		want        []want
	}{
		// Unset: decided at create (a gateway may be created or destroyed in the same apply); the
		// finding says what the VPC has now.
		{name: "unset with gateway is decided at create", cfg: base, facts: facts(gateway), wantDNS: true, wantAtApply: true,
			want: []want{{"P5", SeverityWarning, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "Inbound-resolver option decided when the endpoint is created", []string{"has the Gateway endpoint vpce-gw for S3 now", "vpc-1"}}}},
		{name: "unset without gateway is decided at create", cfg: base, facts: facts(), wantDNS: true, wantAtApply: true,
			want: []want{{"P5", SeverityWarning, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "Inbound-resolver option decided when the endpoint is created", []string{"has no Gateway endpoint for S3 now", "vpc-1"}}}},
		{name: "deleted gateway does not count", cfg: base, facts: facts(deletedGateway), wantDNS: true, wantAtApply: true, want: []want{{"P5", SeverityWarning, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "Inbound-resolver option decided when the endpoint is created", []string{"has no Gateway endpoint", "vpc-1"}}}},
		{name: "gateway in another VPC does not count", cfg: base, facts: facts(otherVPCGateway), wantDNS: true, wantAtApply: true, want: []want{{"P5", SeverityWarning, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "Inbound-resolver option decided when the endpoint is created", []string{"has no Gateway endpoint", "vpc-1"}}}},
		{name: "gateway for another service does not count", cfg: base, facts: facts(dynamoGateway), wantDNS: true, wantAtApply: true, want: []want{{"P5", SeverityWarning, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "Inbound-resolver option decided when the endpoint is created", []string{"has no Gateway endpoint", "vpc-1"}}}},
		{
			name: "unset on update keeps the endpoint's value", cfg: func() InterfaceConfig { c := base; c.InboundResolverKept = true; return c }(),
			facts: facts(), wantDNS: true,
		},
		{
			name: "true with gateway", cfg: func() InterfaceConfig { c := base; c.PrivateDNSOnlyForInboundResolverEndpoint = ptr(true); return c }(),
			facts: facts(gateway), wantDNS: true, wantInbound: ptr(true),
		},
		{
			name: "false without gateway", cfg: func() InterfaceConfig { c := base; c.PrivateDNSOnlyForInboundResolverEndpoint = ptr(false); return c }(),
			facts: facts(), wantDNS: true, wantInbound: ptr(false),
		},
		{
			name: "true without gateway warns", cfg: func() InterfaceConfig { c := base; c.PrivateDNSOnlyForInboundResolverEndpoint = ptr(true); return c }(),
			facts: facts(), wantDNS: true, wantInbound: ptr(true),
			want: []want{{"P5", SeverityWarning, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "No S3 gateway endpoint in the VPC", []string{
				"InvalidParameter: To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC vpc-1 must have a Gateway endpoint for the service.",
				"vpce_gateway_endpoint",
			}}},
		},
		{
			name: "private DNS off sends nothing", cfg: func() InterfaceConfig { c := base; c.PrivateDNSEnabled = ptr(false); return c }(),
			facts: facts(gateway), wantDNS: false, wantInbound: nil,
		},
		{
			name: "private DNS off with the option set", cfg: func() InterfaceConfig {
				c := base
				c.PrivateDNSEnabled = ptr(false)
				c.PrivateDNSOnlyForInboundResolverEndpoint = ptr(false)
				return c
			}(),
			facts: facts(gateway), wantDNS: false, wantInbound: nil,
			want: []want{{"P5", SeverityError, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "DNS option applies only to S3 with private DNS", []string{"Private DNS is not enabled"}}},
		},
		{
			name: "private DNS unknown keeps the configuration", cfg: func() InterfaceConfig {
				c := base
				c.PrivateDNSUnknown = true
				c.PrivateDNSOnlyForInboundResolverEndpoint = ptr(true)
				return c
			}(),
			facts: facts(), wantDNS: false, wantInbound: ptr(true),
		},
		{
			name: "service facts missing", cfg: base,
			facts:   func() InterfaceFacts { f := facts(gateway); f.Service = nil; return f }(),
			wantDNS: false, wantInbound: nil,
			want: []want{{"P1", SeverityError, "service", "Service not found in region", nil}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dec, fs := CheckInterfaceLive(tt.cfg, tt.facts)
			checkFindings(t, fs, tt.want)
			if dec.PrivateDNSEnabled != tt.wantDNS {
				t.Errorf("PrivateDNSEnabled = %v, want %v", dec.PrivateDNSEnabled, tt.wantDNS)
			}
			got := dec.PrivateDNSOnlyForInboundResolverEndpoint
			if (got == nil) != (tt.wantInbound == nil) || (got != nil && *got != *tt.wantInbound) {
				t.Errorf("PrivateDNSOnlyForInboundResolverEndpoint = %v, want %v", fmtBool(got), fmtBool(tt.wantInbound))
			}
			if got != nil && got == tt.cfg.PrivateDNSOnlyForInboundResolverEndpoint {
				t.Error("decision aliases the configuration's pointer")
			}
			if dec.InboundResolverAtApply != tt.wantAtApply {
				t.Errorf("InboundResolverAtApply = %v, want %v", dec.InboundResolverAtApply, tt.wantAtApply)
			}
		})
	}
}

func TestCheckInterfaceLiveDecisions(t *testing.T) {
	t.Parallel()
	base := InterfaceConfig{Region: "us-east-1", VPCID: "vpc-1", Service: "ssm"}
	noDNS := ssmFacts()
	noDNS.PrivateDNSNames = nil
	tests := []struct {
		name  string
		cfg   InterfaceConfig
		facts InterfaceFacts
		want  InterfaceDecisions
	}{
		{
			name: "defaults", cfg: base, facts: InterfaceFacts{Service: ssmFacts()},
			want: InterfaceDecisions{PrivateDNSEnabled: true, IPAddressType: "ipv4", DNSRecordIPType: "ipv4"},
		},
		{
			name: "service without private DNS name", cfg: base, facts: InterfaceFacts{Service: noDNS},
			want: InterfaceDecisions{PrivateDNSEnabled: false, IPAddressType: "ipv4", DNSRecordIPType: "ipv4"},
		},
		{
			name: "explicit false", cfg: func() InterfaceConfig { c := base; c.PrivateDNSEnabled = ptr(false); return c }(),
			facts: InterfaceFacts{Service: ssmFacts()},
			want:  InterfaceDecisions{PrivateDNSEnabled: false, IPAddressType: "ipv4", DNSRecordIPType: "ipv4"},
		},
		{
			name: "dualstack", cfg: func() InterfaceConfig { c := base; c.IPAddressType = "dualstack"; return c }(),
			facts: InterfaceFacts{Service: ssmFacts()},
			want:  InterfaceDecisions{PrivateDNSEnabled: true, IPAddressType: "dualstack", DNSRecordIPType: "dualstack"},
		},
		{
			name: "ipv6", cfg: func() InterfaceConfig { c := base; c.IPAddressType = "ipv6"; return c }(),
			facts: InterfaceFacts{Service: ssmFacts()},
			want:  InterfaceDecisions{PrivateDNSEnabled: true, IPAddressType: "ipv6", DNSRecordIPType: "ipv6"},
		},
		{
			name: "explicit record type kept", cfg: func() InterfaceConfig {
				c := base
				c.IPAddressType = "dualstack"
				c.DNSRecordIPType = "service-defined"
				return c
			}(),
			facts: InterfaceFacts{Service: ssmFacts()},
			want:  InterfaceDecisions{PrivateDNSEnabled: true, IPAddressType: "dualstack", DNSRecordIPType: "service-defined"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, fs := CheckInterfaceLive(tt.cfg, tt.facts)
			checkFindings(t, fs, nil)
			if got.PrivateDNSEnabled != tt.want.PrivateDNSEnabled || got.IPAddressType != tt.want.IPAddressType ||
				got.DNSRecordIPType != tt.want.DNSRecordIPType || got.PrivateDNSOnlyForInboundResolverEndpoint != nil {
				t.Errorf("decisions = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func fmtBool(b *bool) string {
	switch {
	case b == nil:
		return "nil"
	case *b:
		return "true"
	default:
		return "false"
	}
}
