package planner

import "testing"

func TestCheckRouteTableAssociation(t *testing.T) {
	t.Parallel()
	gw := EndpointFacts{VPCEndpointID: "vpce-1", VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", Type: TypeGateway}
	iface := EndpointFacts{VPCEndpointID: "vpce-2", VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.ssm", Type: TypeInterface}
	pl := &PrefixListFacts{PrefixListID: "pl-s3"}
	for name, tc := range map[string]struct {
		ep    EndpointFacts
		rt    *RouteTableFacts
		pl    *PrefixListFacts
		wants []want
	}{
		"ok":        {ep: gw, rt: &RouteTableFacts{RouteTableID: "rtb-1", VPCID: "vpc-1"}, pl: pl},
		"ownRoute":  {ep: gw, rt: &RouteTableFacts{RouteTableID: "rtb-1", VPCID: "vpc-1", Routes: []Route{{"pl-s3", "vpce-1"}}}, pl: pl},
		"noFacts":   {ep: gw, rt: &RouteTableFacts{RouteTableID: "rtb-1"}},
		"notFound":  {ep: gw, wants: []want{{"P7", SeverityError, "route_table_id", "Route table not found", []string{"rtb-1", "InvalidRouteTableId.NotFound"}}}},
		"otherVPC":  {ep: gw, rt: &RouteTableFacts{RouteTableID: "rtb-1", VPCID: "vpc-2"}, wants: []want{{"P7", SeverityError, "route_table_id", "Route table in another VPC", []string{"rtb-1 belongs to vpc-2", "vpce-1 is in vpc-1"}}}},
		"interface": {ep: iface, rt: &RouteTableFacts{RouteTableID: "rtb-1", VPCID: "vpc-1"}, wants: []want{{"P11", SeverityError, "vpc_endpoint_id", "Association of the wrong endpoint type", []string{"vpce-2 is an Interface endpoint", "Route table IDs are only supported for Gateway type VPC Endpoint."}}}},
		"routedElsewhere": {ep: gw, pl: pl, rt: &RouteTableFacts{RouteTableID: "rtb-1", VPCID: "vpc-1", Routes: []Route{{"pl-s3", "vpce-9"}}},
			wants: []want{{"P7", SeverityWarning, "route_table_id", "Route table already routes the service", []string{"through vpce-9", "RouteAlreadyExists"}}}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkFindings(t, CheckRouteTableAssociation(tc.ep, "rtb-1", tc.rt, tc.pl), tc.wants)
		})
	}
}

func TestCheckSubnetAssociation(t *testing.T) {
	t.Parallel()
	iface := EndpointFacts{VPCEndpointID: "vpce-2", VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.ecs", Type: TypeInterface}
	gw := EndpointFacts{VPCEndpointID: "vpce-1", VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", Type: TypeGateway}
	svc := &ServiceFacts{ServiceName: "com.amazonaws.us-east-1.ecs", ServiceTypes: []string{TypeInterface},
		AvailabilityZones: []string{"us-east-1a", "us-east-1b", "us-east-1c"}}
	snA := &SubnetFacts{SubnetID: "subnet-a", VPCID: "vpc-1", AvailabilityZone: "us-east-1a"}
	for name, tc := range map[string]struct {
		ep     EndpointFacts
		sn     *SubnetFacts
		svc    *ServiceFacts
		others []SubnetFacts
		wants  []want
	}{
		"ok":           {ep: iface, sn: snA, svc: svc, others: []SubnetFacts{{SubnetID: "subnet-b", AvailabilityZone: "us-east-1b"}}},
		"self":         {ep: iface, sn: snA, svc: svc, others: []SubnetFacts{*snA}},
		"noService":    {ep: iface, sn: &SubnetFacts{SubnetID: "subnet-a", VPCID: "vpc-1", AvailabilityZone: "us-east-1e"}},
		"gateway":      {ep: gw, sn: snA, svc: svc, wants: []want{{"P11", SeverityError, "vpc_endpoint_id", "Association of the wrong endpoint type", []string{"Subnet IDs are only supported for Interface type"}}}},
		"notFound":     {ep: iface, svc: svc, wants: []want{{"P10", SeverityError, "subnet_id", "Subnet not found", []string{"subnet-a"}}}},
		"otherVPC":     {ep: iface, svc: svc, sn: &SubnetFacts{SubnetID: "subnet-a", VPCID: "vpc-9", AvailabilityZone: "us-east-1a"}, wants: []want{{"P10", SeverityError, "subnet_id", "Subnet in another VPC", []string{"vpc-9", "does not belong to the VPC vpc-1"}}}},
		"zone":         {ep: iface, svc: svc, sn: &SubnetFacts{SubnetID: "subnet-e", VPCID: "vpc-1", AvailabilityZone: "us-east-1e"}, wants: []want{{"P2", SeverityError, "subnet_id", "Subnet in unsupported Availability Zone", []string{"us-east-1e", "does not support the availability zone of the subnet: subnet-e."}}}},
		"zoneTaken":    {ep: iface, svc: svc, sn: snA, others: []SubnetFacts{{SubnetID: "subnet-a2", AvailabilityZone: "us-east-1a"}}, wants: []want{{"P2", SeverityError, "subnet_id", "Availability Zone already used by the endpoint", []string{"subnet-a2 in us-east-1a", "DuplicateSubnetsInSameZone"}}}},
		"unknownZone":  {ep: iface, svc: svc, sn: &SubnetFacts{SubnetID: "subnet-a", VPCID: "vpc-1"}},
		"unknownTypes": {ep: EndpointFacts{VPCEndpointID: "vpce-3", VPCID: "vpc-1"}, sn: snA, svc: svc},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			id := "subnet-a"
			if tc.sn != nil {
				id = tc.sn.SubnetID
			}
			checkFindings(t, CheckSubnetAssociation(tc.ep, id, tc.sn, tc.svc, tc.others), tc.wants)
		})
	}
}

func TestCheckSecurityGroupAssociation(t *testing.T) {
	t.Parallel()
	iface := EndpointFacts{VPCEndpointID: "vpce-2", VPCID: "vpc-1", Type: TypeInterface}
	gw := EndpointFacts{VPCEndpointID: "vpce-1", VPCID: "vpc-1", Type: TypeGateway}
	for name, tc := range map[string]struct {
		ep    EndpointFacts
		sg    *SecurityGroupFacts
		wants []want
	}{
		"ok":       {ep: iface, sg: &SecurityGroupFacts{GroupID: "sg-1", VPCID: "vpc-1"}},
		"gateway":  {ep: gw, sg: &SecurityGroupFacts{GroupID: "sg-1", VPCID: "vpc-1"}, wants: []want{{"P11", SeverityError, "vpc_endpoint_id", "Association of the wrong endpoint type", []string{"Security group IDs are only supported for Interface type"}}}},
		"notFound": {ep: iface, wants: []want{{"P10", SeverityError, "security_group_id", "Security group not found", []string{"sg-1"}}}},
		"otherVPC": {ep: iface, sg: &SecurityGroupFacts{GroupID: "sg-1", VPCID: "vpc-9"}, wants: []want{{"P10", SeverityError, "security_group_id", "Security group in another VPC", []string{"vpc-9"}}}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkFindings(t, CheckSecurityGroupAssociation(tc.ep, "sg-1", tc.sg), tc.wants)
		})
	}
}
