package emulator_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

func TestGatewayLoadBalancerEndpoint_validation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	other := e.network(false)
	own, noAccept := emulator.GatewayLoadBalancerServiceNames(region)
	acceptOwn, _, _ := emulator.CustomerServiceNames(region)
	gwlb := types.VpcEndpointTypeGatewayLoadBalancer
	one := []string{n.subnets[0]}

	for _, tc := range []struct {
		name      string
		in        ec2.CreateVpcEndpointInput
		code, msg string
	}{
		{"interface type for a GWLB service", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &own, VpcEndpointType: types.VpcEndpointTypeInterface, SubnetIds: one},
			"InvalidParameter", "Endpoint type (Interface) does not match available service types ([GatewayLoadBalancer])."},
		{"GWLB type for an interface service", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &acceptOwn, VpcEndpointType: gwlb, SubnetIds: one},
			"InvalidParameter", "Endpoint type (GatewayLoadBalancer) does not match available service types ([Interface])."},
		{"GWLB type for a gateway service", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3express")), VpcEndpointType: gwlb, SubnetIds: one},
			"InvalidParameter", "Endpoint type (GatewayLoadBalancer) does not match available service types ([Gateway])."},
		{"no subnet", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &own, VpcEndpointType: gwlb},
			"InvalidParameter", "A GatewayLoadBalancer type VPC Endpoint requires exactly one subnet, got 0."},
		{"two subnets", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &own, VpcEndpointType: gwlb, SubnetIds: n.subnets[:2]},
			"InvalidParameter", "A GatewayLoadBalancer type VPC Endpoint requires exactly one subnet, got 2."},
		{"security groups", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &own, VpcEndpointType: gwlb, SubnetIds: one, SecurityGroupIds: []string{n.sg}},
			"InvalidParameter", "Security group IDs are only supported for Interface type VPC Endpoint."},
		{"private DNS", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &own, VpcEndpointType: gwlb, SubnetIds: one, PrivateDnsEnabled: aws.Bool(true)},
			"InvalidParameter", "Private DNS is only supported for Interface type VPC Endpoint."},
		{"route tables", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &own, VpcEndpointType: gwlb, SubnetIds: one, RouteTableIds: []string{n.rts[0]}},
			"InvalidParameter", "Route table IDs are only supported for Gateway type VPC Endpoint."},
		{"policy", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &own, VpcEndpointType: gwlb, SubnetIds: one, PolicyDocument: aws.String(emulator.DefaultPolicy)},
			"InvalidParameter", "VPC endpoint policies are not supported for GatewayLoadBalancer type VPC Endpoint."},
		{"zone not offered", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &noAccept, VpcEndpointType: gwlb, SubnetIds: []string{n.subnets[2]}},
			"InvalidParameter", "The VPC endpoint service " + noAccept + " does not support the availability zone of the subnet: " + n.subnets[2] + "."},
		{"subnet of another VPC", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &own, VpcEndpointType: gwlb, SubnetIds: []string{other.subnets[0]}},
			"InvalidParameter", "The subnet " + other.subnets[0] + " does not belong to the VPC " + n.vpc + "."},
		{"ipv6", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &own, VpcEndpointType: gwlb, SubnetIds: one, IpAddressType: types.IpAddressTypeIpv6},
			"InvalidParameter", "The IP address type ipv6 is not supported for GatewayLoadBalancer type VPC Endpoint. Valid values: ipv4, dualstack."},
		{"dualstack on an ipv4 service", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &noAccept, VpcEndpointType: gwlb, SubnetIds: one, IpAddressType: types.IpAddressTypeDualstack},
			"InvalidParameter", "The VPC endpoint service " + noAccept + " does not support the IP address type dualstack."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			_, err := e.ec2.CreateVpcEndpoint(e.ctx, &in)
			wantErr(t, err, tc.code, tc.msg)
		})
	}
}

func TestGatewayLoadBalancerEndpoint_lifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	own, noAccept := emulator.GatewayLoadBalancerServiceNames(region)

	svcs, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{own, noAccept}})
	e.must(err)
	if len(svcs.ServiceDetails) != 2 {
		t.Fatalf("services: %+v", svcs.ServiceDetails)
	}
	for _, d := range svcs.ServiceDetails {
		if len(d.ServiceType) != 1 || d.ServiceType[0].ServiceType != types.ServiceTypeGatewayLoadBalancer {
			t.Errorf("%s: service types %+v", aws.ToString(d.ServiceName), d.ServiceType)
		}
		if aws.ToString(d.ServiceName) == noAccept && (len(d.AvailabilityZones) != 2 || aws.ToBool(d.AcceptanceRequired)) {
			t.Errorf("%s: zones %v, acceptance %v", noAccept, d.AvailabilityZones, aws.ToBool(d.AcceptanceRequired))
		}
		if aws.ToString(d.ServiceName) == own && (len(d.AvailabilityZones) != 6 || !aws.ToBool(d.AcceptanceRequired)) {
			t.Errorf("%s: zones %v, acceptance %v", own, d.AvailabilityZones, aws.ToBool(d.AcceptanceRequired))
		}
	}

	out, err := e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &own,
		VpcEndpointType: types.VpcEndpointTypeGatewayLoadBalancer, SubnetIds: []string{n.subnets[1]}, IpAddressType: types.IpAddressTypeDualstack})
	e.must(err)
	ep := out.VpcEndpoint
	id := aws.ToString(ep.VpcEndpointId)
	if ep.State != "pendingAcceptance" || ep.VpcEndpointType != types.VpcEndpointTypeGatewayLoadBalancer || len(ep.NetworkInterfaceIds) != 1 ||
		len(ep.SubnetIds) != 1 || len(ep.Groups) != 0 || len(ep.DnsEntries) != 0 || ep.DnsOptions != nil || aws.ToString(ep.PolicyDocument) != "" ||
		ep.IpAddressType != types.IpAddressTypeDualstack {
		t.Fatalf("created: %+v", ep)
	}
	// The caller owns the service: its connections list the endpoint with the Gateway Load Balancer.
	conns, err := e.ec2.DescribeVpcEndpointConnections(e.ctx, &ec2.DescribeVpcEndpointConnectionsInput{})
	e.must(err)
	if len(conns.VpcEndpointConnections) != 1 || len(conns.VpcEndpointConnections[0].GatewayLoadBalancerArns) != 1 ||
		len(conns.VpcEndpointConnections[0].NetworkLoadBalancerArns) != 0 {
		t.Fatalf("connections: %+v", conns.VpcEndpointConnections)
	}
	_, err = e.ec2.AcceptVpcEndpointConnections(e.ctx, &ec2.AcceptVpcEndpointConnectionsInput{
		ServiceId: conns.VpcEndpointConnections[0].ServiceId, VpcEndpointIds: []string{id}})
	e.must(err)
	e.waitState(id, "available")

	for _, tc := range []struct {
		name string
		in   ec2.ModifyVpcEndpointInput
		msg  string
	}{
		{"add subnet", ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddSubnetIds: []string{n.subnets[0]}},
			"The subnet of a GatewayLoadBalancer type VPC Endpoint cannot be changed."},
		{"policy", ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, PolicyDocument: aws.String(emulator.DefaultPolicy)},
			"VPC endpoint policies are not supported for GatewayLoadBalancer type VPC Endpoint."},
		{"security group", ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddSecurityGroupIds: []string{n.sg}},
			"Security group IDs are only supported for Interface type VPC Endpoint."},
	} {
		in := tc.in
		_, err := e.ec2.ModifyVpcEndpoint(e.ctx, &in)
		wantErr(t, err, "InvalidParameter", tc.msg)
	}

	eni := ep.NetworkInterfaceIds[0]
	_, err = e.ec2.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
	e.must(err)
	e.waitState(id, "")
	_, err = e.ec2.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{eni}})
	wantErr(t, err, "InvalidNetworkInterfaceID.NotFound", "")
}
