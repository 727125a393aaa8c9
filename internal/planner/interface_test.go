package planner

import (
	"testing"
)

func TestCheckInterfaceStatic(t *testing.T) {
	t.Parallel()
	base := InterfaceConfig{Region: "us-east-1", VPCID: "vpc-1", Service: "ssm"}
	with := func(mod func(*InterfaceConfig)) InterfaceConfig {
		c := base
		mod(&c)
		return c
	}
	tests := []struct {
		name string
		cfg  InterfaceConfig
		want []want
	}{
		{name: "minimal ok", cfg: base},
		{name: "unknown service", cfg: with(func(c *InterfaceConfig) { c.Service = "" })},
		{name: "privatelink ok", cfg: with(func(c *InterfaceConfig) { c.Service = "com.amazonaws.vpce.us-east-1.vpce-svc-0123abcd" })},
		{
			name: "malformed service",
			cfg:  with(func(c *InterfaceConfig) { c.Service = "ecr api" }),
			want: []want{{"P1", SeverityError, "service", "Invalid service name", []string{"white space", "PrivateLink service name"}}},
		},
		{
			name: "invalid policy",
			cfg:  with(func(c *InterfaceConfig) { c.PolicySet = true; c.Policy = "nope" }),
			want: []want{{"P6", SeverityError, "policy", "Invalid policy JSON", nil}},
		},
		{name: "ipv4 ipv4", cfg: with(func(c *InterfaceConfig) { c.IPAddressType = "ipv4"; c.DNSRecordIPType = "ipv4" })},
		{name: "dualstack dualstack", cfg: with(func(c *InterfaceConfig) { c.IPAddressType = "dualstack"; c.DNSRecordIPType = "dualstack" })},
		{name: "dualstack ipv4", cfg: with(func(c *InterfaceConfig) { c.IPAddressType = "dualstack"; c.DNSRecordIPType = "ipv4" })},
		{name: "dualstack ipv6", cfg: with(func(c *InterfaceConfig) { c.IPAddressType = "dualstack"; c.DNSRecordIPType = "ipv6" })},
		{name: "dualstack service-defined", cfg: with(func(c *InterfaceConfig) { c.IPAddressType = "dualstack"; c.DNSRecordIPType = "service-defined" })},
		{name: "ipv6 ipv6", cfg: with(func(c *InterfaceConfig) { c.IPAddressType = "ipv6"; c.DNSRecordIPType = "ipv6" })},
		{name: "unset ipv4 record", cfg: with(func(c *InterfaceConfig) { c.DNSRecordIPType = "ipv4" })},
		{name: "ip type alone", cfg: with(func(c *InterfaceConfig) { c.IPAddressType = "ipv6" })},
		{
			name: "invalid ip address type",
			cfg:  with(func(c *InterfaceConfig) { c.IPAddressType = "IPv4" }),
			want: []want{{"P8", SeverityError, "ip_address_type", "Invalid IP address type", []string{`"IPv4" is not one of ipv4, dualstack and ipv6`}}},
		},
		{
			name: "invalid dns record type",
			cfg:  with(func(c *InterfaceConfig) { c.DNSRecordIPType = "both" }),
			want: []want{{"P8", SeverityError, "dns_options.dns_record_ip_type", "Invalid DNS record IP type", []string{"service-defined"}}},
		},
		{
			name: "ipv6 records on ipv4 addresses",
			cfg:  with(func(c *InterfaceConfig) { c.IPAddressType = "ipv4"; c.DNSRecordIPType = "ipv6" }),
			want: []want{{"P8", SeverityError, "dns_options.dns_record_ip_type", "DNS record IP type does not match IP address type", []string{
				"needs an ip_address_type of ipv6 or dualstack, but the ip_address_type is ipv4", "(ipv4)",
			}}},
		},
		{
			name: "ipv4 records on ipv6 addresses",
			cfg:  with(func(c *InterfaceConfig) { c.IPAddressType = "ipv6"; c.DNSRecordIPType = "ipv4" }),
			want: []want{{"P8", SeverityError, "dns_options.dns_record_ip_type", "DNS record IP type does not match IP address type", []string{"ipv4 or dualstack"}}},
		},
		{
			name: "dualstack records on ipv6 addresses",
			cfg:  with(func(c *InterfaceConfig) { c.IPAddressType = "ipv6"; c.DNSRecordIPType = "dualstack" }),
			want: []want{{"P8", SeverityError, "dns_options.dns_record_ip_type", "DNS record IP type does not match IP address type", []string{"ip_address_type to dualstack"}}},
		},
		{
			name: "service-defined records on ipv4 addresses",
			cfg:  with(func(c *InterfaceConfig) { c.IPAddressType = "ipv4"; c.DNSRecordIPType = "service-defined" }),
			want: []want{{"P8", SeverityError, "dns_options.dns_record_ip_type", "DNS record IP type does not match IP address type", nil}},
		},
		{
			name: "dualstack records with unset address type",
			cfg:  with(func(c *InterfaceConfig) { c.DNSRecordIPType = "dualstack" }),
			want: []want{{"P8", SeverityError, "dns_options.dns_record_ip_type", "DNS record IP type does not match IP address type", []string{"ip_address_type is unset"}}},
		},
		{name: "unknown address type skips the combination", cfg: with(func(c *InterfaceConfig) { c.IPAddressTypeUnknown = true; c.DNSRecordIPType = "dualstack" })},
		{name: "unknown record type skips the combination", cfg: with(func(c *InterfaceConfig) { c.IPAddressType = "ipv4"; c.DNSRecordIPTypeUnknown = true })},
		{name: "inbound resolver on s3", cfg: with(func(c *InterfaceConfig) { c.Service = "s3"; c.PrivateDNSOnlyForInboundResolverEndpoint = ptr(true) })},
		{name: "inbound resolver on s3 with private dns", cfg: with(func(c *InterfaceConfig) {
			c.Service = "s3"
			c.PrivateDNSEnabled = ptr(true)
			c.PrivateDNSOnlyForInboundResolverEndpoint = ptr(false)
		})},
		{
			name: "inbound resolver with private dns off",
			cfg: with(func(c *InterfaceConfig) {
				c.Service = "s3"
				c.PrivateDNSEnabled = ptr(false)
				c.PrivateDNSOnlyForInboundResolverEndpoint = ptr(true)
			}),
			want: []want{{"P5", SeverityError, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "DNS option applies only to S3 with private DNS", []string{
				"private_dns_enabled is false.", "only applies to S3 interface endpoints with private DNS",
			}}},
		},
		{name: "inbound resolver with private dns unknown", cfg: with(func(c *InterfaceConfig) {
			c.Service = "s3"
			c.PrivateDNSUnknown = true
			c.PrivateDNSOnlyForInboundResolverEndpoint = ptr(true)
		})},
		{
			name: "inbound resolver on another service",
			cfg:  with(func(c *InterfaceConfig) { c.PrivateDNSOnlyForInboundResolverEndpoint = ptr(false) }),
			want: []want{{"P5", SeverityError, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "DNS option applies only to S3 with private DNS", []string{"com.amazonaws.us-east-1.ssm is not S3"}}},
		},
		{name: "cross-region ok", cfg: with(func(c *InterfaceConfig) { c.ServiceRegion = "us-west-2" })},
		{
			name: "service region equals region",
			cfg:  with(func(c *InterfaceConfig) { c.ServiceRegion = "us-east-1" }),
			want: []want{{"P9", SeverityError, "service_region", "Service region equals the provider region", []string{"omit", "Omit service_region", "InvalidServiceName"}}},
		},
		{
			name: "service region malformed",
			cfg:  with(func(c *InterfaceConfig) { c.ServiceRegion = "west" }),
			want: []want{{"P9", SeverityError, "service_region", "Invalid service region", []string{`"west"`}}},
		},
		{
			name: "many findings in a fixed order",
			cfg: with(func(c *InterfaceConfig) {
				c.ServiceRegion = "us-east-1"
				c.IPAddressType = "ipv4"
				c.DNSRecordIPType = "ipv6"
				c.PolicySet = true
				c.Policy = "1"
				c.PrivateDNSEnabled = ptr(false)
				c.PrivateDNSOnlyForInboundResolverEndpoint = ptr(true)
			}),
			want: []want{
				{"P5", SeverityError, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "DNS option applies only to S3 with private DNS", []string{"is not S3"}},
				{"P5", SeverityError, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "DNS option applies only to S3 with private DNS", []string{"private_dns_enabled is false"}},
				{"P6", SeverityError, "policy", "Invalid policy JSON", []string{"it is a number"}},
				{"P8", SeverityError, "dns_options.dns_record_ip_type", "DNS record IP type does not match IP address type", nil},
				{"P9", SeverityError, "service_region", "Service region equals the provider region", nil},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkFindings(t, CheckInterfaceStatic(tt.cfg), tt.want)
		})
	}
}

func TestDefaultDNSRecordIPType(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", "ipv4"},
		{"ipv4", "ipv4"},
		{"dualstack", "dualstack"},
		{"ipv6", "ipv6"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := DefaultDNSRecordIPType(tt.in); got != tt.want {
				t.Errorf("DefaultDNSRecordIPType(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	// Every default is a combination the static rule accepts.
	for _, ip := range IPAddressTypes() {
		cfg := InterfaceConfig{Region: "us-east-1", Service: "ssm", IPAddressType: ip, DNSRecordIPType: DefaultDNSRecordIPType(ip)}
		if fs := CheckInterfaceStatic(cfg); len(fs) != 0 {
			t.Errorf("default for %s rejected: %s", ip, dump(fs))
		}
	}
}
