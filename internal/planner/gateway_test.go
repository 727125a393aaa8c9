package planner

import (
	"strings"
	"testing"
)

const validPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`

func TestCheckGatewayStatic(t *testing.T) {
	t.Parallel()
	base := GatewayConfig{Region: "us-east-1", VPCID: "vpc-1", Service: "s3"}
	with := func(mod func(*GatewayConfig)) GatewayConfig {
		c := base
		mod(&c)
		return c
	}
	tests := []struct {
		name string
		cfg  GatewayConfig
		want []want
	}{
		{name: "s3 ok", cfg: base},
		{name: "dynamodb ok", cfg: with(func(c *GatewayConfig) { c.Service = "dynamodb" })},
		{name: "s3express ok", cfg: with(func(c *GatewayConfig) { c.Service = "s3express" })},
		{name: "full name ok", cfg: with(func(c *GatewayConfig) { c.Service = "com.amazonaws.us-east-1.dynamodb" })},
		{name: "china full name ok", cfg: with(func(c *GatewayConfig) { c.Region = "cn-north-1"; c.Service = "cn.com.amazonaws.cn-north-1.s3" })},
		{name: "unknown service skipped", cfg: with(func(c *GatewayConfig) { c.Service = "" })},
		{
			name: "interface-only service",
			cfg:  with(func(c *GatewayConfig) { c.Service = "ec2" }),
			want: []want{{"P1", SeverityError, "service", "Service does not support Gateway endpoints", []string{
				"com.amazonaws.us-east-1.ec2",
				"InvalidParameter: Endpoint type (Gateway) does not match available service types ([Interface]).",
				"vpce_interface_endpoint", "s3, dynamodb, s3express",
			}}},
		},
		{
			name: "full interface-only name",
			cfg:  with(func(c *GatewayConfig) { c.Service = "com.amazonaws.us-east-1.ecr.api" }),
			want: []want{{"P1", SeverityError, "service", "Service does not support Gateway endpoints", []string{"ecr.api"}}},
		},
		{
			name: "privatelink service",
			cfg:  with(func(c *GatewayConfig) { c.Service = "com.amazonaws.vpce.us-east-1.vpce-svc-0abc" }),
			want: []want{{"P1", SeverityError, "service", "Service does not support Gateway endpoints", []string{"PrivateLink", "vpce_interface_endpoint"}}},
		},
		{
			name: "sagemaker",
			cfg:  with(func(c *GatewayConfig) { c.Service = "aws.sagemaker.us-east-1.notebook" }),
			want: []want{{"P1", SeverityError, "service", "Service does not support Gateway endpoints", nil}},
		},
		{
			name: "malformed service",
			cfg:  with(func(c *GatewayConfig) { c.Service = "S3" }),
			want: []want{{"P1", SeverityError, "service", "Invalid service name", []string{"uppercase", "short name such as s3"}}},
		},
		{name: "valid policy", cfg: with(func(c *GatewayConfig) { c.PolicySet = true; c.Policy = validPolicy })},
		{name: "policy unset ignored", cfg: with(func(c *GatewayConfig) { c.Policy = "{" })},
		{name: "policy unknown ignored", cfg: with(func(c *GatewayConfig) { c.PolicySet = true; c.PolicyUnknown = true })},
		{
			name: "invalid policy JSON",
			cfg:  with(func(c *GatewayConfig) { c.PolicySet = true; c.Policy = `{"Statement":[}` }),
			want: []want{{"P6", SeverityError, "policy", "Invalid policy JSON", []string{"not valid JSON", "invalid character", "InvalidPolicyDocument"}}},
		},
		{
			name: "empty policy",
			cfg:  with(func(c *GatewayConfig) { c.PolicySet = true }),
			want: []want{{"P6", SeverityError, "policy", "Invalid policy JSON", []string{"unexpected end of JSON input"}}},
		},
		{
			name: "policy not an object",
			cfg:  with(func(c *GatewayConfig) { c.PolicySet = true; c.Policy = `["a"]` }),
			want: []want{{"P6", SeverityError, "policy", "Invalid policy JSON", []string{"not an object (it is an array)"}}},
		},
		{
			name: "policy is a string",
			cfg:  with(func(c *GatewayConfig) { c.PolicySet = true; c.Policy = `"x"` }),
			want: []want{{"P6", SeverityError, "policy", "Invalid policy JSON", []string{"it is a string"}}},
		},
		{
			name: "policy is null",
			cfg:  with(func(c *GatewayConfig) { c.PolicySet = true; c.Policy = `null` }),
			want: []want{{"P6", SeverityError, "policy", "Invalid policy JSON", []string{"it is null"}}},
		},
		{
			name: "policy is a boolean",
			cfg:  with(func(c *GatewayConfig) { c.PolicySet = true; c.Policy = `true` }),
			want: []want{{"P6", SeverityError, "policy", "Invalid policy JSON", []string{"it is a boolean"}}},
		},
		{
			name: "policy too long",
			cfg: with(func(c *GatewayConfig) {
				c.PolicySet = true
				c.Policy = `{"Sid":"` + strings.Repeat("x", PolicyMaxLength) + `"}`
			}),
			want: []want{{"P6", SeverityError, "policy", "Policy too long", []string{"20490 characters", "at most 20480"}}},
		},
		{
			name: "policy at the limit",
			cfg: with(func(c *GatewayConfig) {
				c.PolicySet = true
				c.Policy = `{"Sid":"` + strings.Repeat("x", PolicyMaxLength-10) + `"}`
			}),
		},
		{
			name: "several findings sorted",
			cfg:  with(func(c *GatewayConfig) { c.Service = "sqs"; c.PolicySet = true; c.Policy = "[]" }),
			want: []want{
				{"P1", SeverityError, "service", "Service does not support Gateway endpoints", nil},
				{"P6", SeverityError, "policy", "Invalid policy JSON", nil},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkFindings(t, CheckGatewayStatic(tt.cfg), tt.want)
		})
	}
}

func TestCheckGatewayLive(t *testing.T) {
	t.Parallel()
	s3 := &ServiceFacts{
		ServiceName:     "com.amazonaws.us-east-1.s3",
		ServiceTypes:    []string{TypeGateway, TypeInterface},
		PolicySupported: true,
	}
	pl := &PrefixListFacts{PrefixListID: "pl-63a5400a", PrefixListName: "com.amazonaws.us-east-1.s3"}
	base := GatewayConfig{Region: "us-east-1", VPCID: "vpc-1", Service: "s3", RouteTableIDs: []string{"rtb-a", "rtb-b"}, RouteTableIDsSet: true}
	facts := func(mod func(*GatewayFacts)) GatewayFacts {
		f := GatewayFacts{
			Service: s3,
			RouteTables: map[string]RouteTableFacts{
				"rtb-a": {RouteTableID: "rtb-a", VPCID: "vpc-1"},
				"rtb-b": {RouteTableID: "rtb-b", VPCID: "vpc-1"},
			},
			PrefixList: pl,
		}
		if mod != nil {
			mod(&f)
		}
		return f
	}
	cfgWith := func(mod func(*GatewayConfig)) GatewayConfig {
		c := base
		mod(&c)
		return c
	}
	conflict := func(gw string) func(*GatewayFacts) {
		return func(f *GatewayFacts) {
			f.RouteTables = map[string]RouteTableFacts{
				"rtb-a": {RouteTableID: "rtb-a", VPCID: "vpc-1", Routes: []Route{
					{DestinationPrefixListID: "pl-other", GatewayID: "vpce-x"},
					{DestinationPrefixListID: "pl-63a5400a", GatewayID: gw},
				}},
				"rtb-b": {RouteTableID: "rtb-b", VPCID: "vpc-1"},
			}
		}
	}
	tests := []struct {
		name  string
		cfg   GatewayConfig
		facts GatewayFacts
		want  []want
	}{
		{name: "all good", cfg: base, facts: facts(nil)},
		{name: "no facts at all", cfg: base, facts: GatewayFacts{Service: s3}},
		{
			name: "service not found", cfg: base, facts: facts(func(f *GatewayFacts) { f.Service = nil }),
			want: []want{{"P1", SeverityError, "service", "Service not found in region", []string{
				"InvalidServiceName: The Vpc Endpoint Service 'com.amazonaws.us-east-1.s3' does not exist",
			}}},
		},
		{name: "unknown service skips P1", cfg: cfgWith(func(c *GatewayConfig) { c.Service = "" }), facts: facts(func(f *GatewayFacts) { f.Service = nil })},
		{name: "malformed service skips P1", cfg: cfgWith(func(c *GatewayConfig) { c.Service = "S3" }), facts: facts(func(f *GatewayFacts) { f.Service = nil })},
		{
			name: "service without gateway type",
			cfg:  cfgWith(func(c *GatewayConfig) { c.Service = "ssm" }),
			facts: facts(func(f *GatewayFacts) {
				f.Service = &ServiceFacts{ServiceName: "com.amazonaws.us-east-1.ssm", ServiceTypes: []string{TypeInterface}, PolicySupported: true}
			}),
			want: []want{{"P1", SeverityError, "service", "Service does not support Gateway endpoints", []string{
				"offers Interface endpoints",
				"Endpoint type (Gateway) does not match available service types ([Interface]).",
			}}},
		},
		{
			name: "policy not supported",
			cfg:  cfgWith(func(c *GatewayConfig) { c.PolicySet = true; c.Policy = validPolicy }),
			facts: facts(func(f *GatewayFacts) {
				f.Service = &ServiceFacts{ServiceName: "com.amazonaws.us-east-1.s3", ServiceTypes: []string{TypeGateway}}
			}),
			want: []want{{"P6", SeverityError, "policy", "Service does not support endpoint policies", []string{
				"InvalidParameter: Service com.amazonaws.us-east-1.s3 only supports the full-access endpoint policy.",
				"Remove the policy",
			}}},
		},
		{name: "policy supported", cfg: cfgWith(func(c *GatewayConfig) { c.PolicySet = true; c.Policy = validPolicy }), facts: facts(nil)},
		{
			name: "policy unknown skips P6",
			cfg:  cfgWith(func(c *GatewayConfig) { c.PolicySet = true; c.PolicyUnknown = true }),
			facts: facts(func(f *GatewayFacts) {
				f.Service = &ServiceFacts{ServiceTypes: []string{TypeGateway}}
			}),
		},
		{
			name: "route table not found", cfg: cfgWith(func(c *GatewayConfig) { c.RouteTableIDs = []string{"rtb-a", "rtb-zz"} }), facts: facts(nil),
			want: []want{{"P7", SeverityError, "route_table_ids", "Route table not found", []string{"rtb-zz", "InvalidRouteTableId.NotFound"}}},
		},
		{
			name: "route table in another VPC", cfg: base,
			facts: facts(func(f *GatewayFacts) { f.RouteTables["rtb-b"] = RouteTableFacts{RouteTableID: "rtb-b", VPCID: "vpc-2"} }),
			want:  []want{{"P7", SeverityError, "route_table_ids", "Route table in another VPC", []string{"rtb-b belongs to vpc-2", "endpoint is in vpc-1"}}},
		},
		{
			name: "unknown VPC skips the VPC check", cfg: cfgWith(func(c *GatewayConfig) { c.VPCID = "" }),
			facts: facts(func(f *GatewayFacts) { f.RouteTables["rtb-b"] = RouteTableFacts{RouteTableID: "rtb-b", VPCID: "vpc-2"} }),
		},
		{
			name:  "unknown route table ids skipped",
			cfg:   cfgWith(func(c *GatewayConfig) { c.RouteTableIDs = []string{"rtb-a", ""}; c.RouteTableIDsUnknown = true }),
			facts: facts(nil),
		},
		{name: "route table facts missing skip P7", cfg: cfgWith(func(c *GatewayConfig) { c.RouteTableIDs = []string{"rtb-zz"} }), facts: facts(func(f *GatewayFacts) { f.RouteTables = nil })},
		{
			name: "route through another endpoint", cfg: base, facts: facts(conflict("vpce-other")),
			want: []want{{"P7", SeverityWarning, "route_table_ids", "Route table already routes the service", []string{
				"rtb-a", "vpce-other",
				"RouteAlreadyExists: route table rtb-a already has a route with destination-prefix-list-id pl-63a5400a",
				"Remove rtb-a from the other endpoint",
			}}},
		},
		{name: "own route on update is fine", cfg: cfgWith(func(c *GatewayConfig) { c.EndpointID = "vpce-self" }), facts: facts(conflict("vpce-self"))},
		{name: "prefix list unknown skips conflicts", cfg: base, facts: facts(func(f *GatewayFacts) { conflict("vpce-other")(f); f.PrefixList = nil })},
		{
			name: "quota reached on create", cfg: base, facts: facts(func(f *GatewayFacts) { f.GatewayQuota = 20; f.GatewayCount = 20 }),
			want: []want{{"P12", SeverityWarning, "", "Gateway endpoint quota reached", []string{"VpcEndpointLimitExceeded", "20 gateway endpoints"}}},
		},
		{name: "quota below", cfg: base, facts: facts(func(f *GatewayFacts) { f.GatewayQuota = 20; f.GatewayCount = 19 })},
		{name: "quota ignored on update", cfg: cfgWith(func(c *GatewayConfig) { c.EndpointID = "vpce-self" }), facts: facts(func(f *GatewayFacts) { f.GatewayQuota = 20; f.GatewayCount = 25 })},
		{name: "quota unknown", cfg: base, facts: facts(func(f *GatewayFacts) { f.GatewayCount = 25 })},
		{
			name: "errors before warnings",
			cfg:  cfgWith(func(c *GatewayConfig) { c.RouteTableIDs = []string{"rtb-a", "rtb-c"} }),
			facts: facts(func(f *GatewayFacts) {
				conflict("vpce-other")(f)
				f.GatewayQuota, f.GatewayCount = 1, 1
			}),
			want: []want{
				{"P7", SeverityError, "route_table_ids", "Route table not found", nil},
				{"P7", SeverityWarning, "route_table_ids", "Route table already routes the service", nil},
				{"P12", SeverityWarning, "", "Gateway endpoint quota reached", nil},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkFindings(t, CheckGatewayLive(tt.cfg, tt.facts), tt.want)
		})
	}
}
