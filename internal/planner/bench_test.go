package planner

import (
	"fmt"
	"testing"
)

// BenchmarkCheckInterfaceLive measures the live interface rules on a large VPC: 6 subnets, 4 security
// groups and 200 other endpoints to scan for P4/P5/P12.
func BenchmarkCheckInterfaceLive(b *testing.B) {
	cfg := InterfaceConfig{Region: "us-east-1", VPCID: "vpc-1", Service: "s3", SubnetIDsSet: true, SecurityGroupIDsSet: true}
	facts := InterfaceFacts{
		Service: &ServiceFacts{ServiceName: "com.amazonaws.us-east-1.s3", ServiceTypes: []string{TypeGateway, TypeInterface},
			AvailabilityZones: []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"},
			PrivateDNSNames:   []string{"*.s3.us-east-1.amazonaws.com"}, PolicySupported: true, SupportedIPAddressTypes: []string{"ipv4", "ipv6"}},
		VPC:            &VPCFacts{VPCID: "vpc-1", EnableDNSSupport: true, EnableDNSHostnames: true},
		Subnets:        map[string]SubnetFacts{},
		SecurityGroups: map[string]SecurityGroupFacts{},
		InterfaceQuota: 50,
	}
	for i, az := range facts.Service.AvailabilityZones {
		id := fmt.Sprintf("subnet-%d", i)
		cfg.SubnetIDs = append(cfg.SubnetIDs, id)
		facts.Subnets[id] = SubnetFacts{SubnetID: id, VPCID: "vpc-1", AvailabilityZone: az, HasIPv4: true}
	}
	for i := range 4 {
		id := fmt.Sprintf("sg-%d", i)
		cfg.SecurityGroupIDs = append(cfg.SecurityGroupIDs, id)
		facts.SecurityGroups[id] = SecurityGroupFacts{GroupID: id, VPCID: "vpc-1"}
	}
	for i := range 200 {
		facts.Endpoints = append(facts.Endpoints, EndpointFacts{VPCEndpointID: fmt.Sprintf("vpce-%d", i), VPCID: "vpc-1",
			ServiceName: fmt.Sprintf("com.amazonaws.us-east-1.svc%d", i%20), Type: TypeInterface, State: "available"})
	}
	b.ReportAllocs()
	for b.Loop() {
		_, fs := CheckInterfaceLive(cfg, facts)
		if fs.HasError() {
			b.Fatal(fs)
		}
	}
}

// BenchmarkResolveServiceName measures name resolution, run for every endpoint at every plan.
func BenchmarkResolveServiceName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ResolveServiceName("ecr.api", "us-east-1"); err != nil {
			b.Fatal(err)
		}
	}
}
