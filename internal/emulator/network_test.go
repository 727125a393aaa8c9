package emulator_test

import (
	"net/netip"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestVPC(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	id := e.vpc(false)
	attr := func(a types.VpcAttributeName) bool {
		out, err := e.ec2.DescribeVpcAttribute(e.ctx, &ec2.DescribeVpcAttributeInput{VpcId: &id, Attribute: a})
		e.must(err)
		if a == types.VpcAttributeNameEnableDnsSupport {
			return aws.ToBool(out.EnableDnsSupport.Value)
		}
		return aws.ToBool(out.EnableDnsHostnames.Value)
	}
	if !attr(types.VpcAttributeNameEnableDnsSupport) || attr(types.VpcAttributeNameEnableDnsHostnames) {
		t.Fatal("new VPC: want DNS support on, hostnames off")
	}
	_, err := e.ec2.ModifyVpcAttribute(e.ctx, &ec2.ModifyVpcAttributeInput{VpcId: &id, EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}})
	e.must(err)
	if !attr(types.VpcAttributeNameEnableDnsHostnames) {
		t.Fatal("hostnames not set")
	}
	out, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{filter("vpc-id", id)}})
	e.must(err)
	if len(out.Vpcs) != 1 || aws.ToString(out.Vpcs[0].CidrBlock) != "10.0.0.0/16" || len(aws.ToString(out.Vpcs[0].VpcId)) != len("vpc-")+17 {
		t.Fatalf("%+v", out.Vpcs)
	}
	_, err = e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{"vpc-00000000000000000"}})
	wantErr(t, err, "InvalidVpcID.NotFound", "The vpc ID 'vpc-00000000000000000' does not exist")
	_, err = e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{filter("bogus", "x")}})
	wantErr(t, err, "InvalidParameterValue", "The filter 'bogus' is invalid")

	sn, err := e.ec2.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &id, CidrBlock: aws.String("10.0.1.0/24")})
	e.must(err)
	_, err = e.ec2.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &id})
	wantErr(t, err, "DependencyViolation", "The vpc '"+id+"' has dependencies and cannot be deleted.")
	_, err = e.ec2.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: sn.Subnet.SubnetId})
	e.must(err)
	_, err = e.ec2.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &id})
	e.must(err)
	_, err = e.ec2.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &id})
	wantErr(t, err, "InvalidVpcID.NotFound", "")
}

func TestSubnet(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	id := e.vpc(false)
	sn, err := e.ec2.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &id, CidrBlock: aws.String("10.0.1.0/24")})
	e.must(err)
	if aws.ToString(sn.Subnet.AvailabilityZone) != "us-east-1a" || aws.ToString(sn.Subnet.AvailabilityZoneId) != "use1-az1" {
		t.Fatalf("default zone: %+v", sn.Subnet)
	}
	_, err = e.ec2.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &id, CidrBlock: aws.String("10.1.0.0/24")})
	wantErr(t, err, "InvalidSubnet.Range", "The CIDR '10.1.0.0/24' is invalid.")
	_, err = e.ec2.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &id, CidrBlock: aws.String("10.0.1.128/25")})
	wantErr(t, err, "InvalidSubnet.Conflict", "The CIDR '10.0.1.128/25' conflicts with another subnet")
	_, err = e.ec2.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &id, CidrBlock: aws.String("10.0.2.0/24"), AvailabilityZone: aws.String("us-east-1z")})
	wantErr(t, err, "InvalidParameterValue", "")
	_, err = e.ec2.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: aws.String("vpc-1"), CidrBlock: aws.String("10.0.2.0/24")})
	wantErr(t, err, "InvalidVpcID.NotFound", "The vpc ID 'vpc-1' does not exist")
	_, err = e.ec2.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &id, CidrBlock: aws.String("10.0.2.0/24"), AvailabilityZone: aws.String("us-east-1c")})
	e.must(err)
	for _, tc := range []struct {
		f    types.Filter
		want int
	}{
		{filter("vpc-id", id), 2},
		{filter("availability-zone", "us-east-1c"), 1},
		{filter("subnet-id", aws.ToString(sn.Subnet.SubnetId)), 1},
		{filter("vpc-id", "vpc-nope"), 0},
	} {
		out, err := e.ec2.DescribeSubnets(e.ctx, &ec2.DescribeSubnetsInput{Filters: []types.Filter{tc.f}})
		e.must(err)
		if len(out.Subnets) != tc.want {
			t.Fatalf("%s: %d subnets, want %d", aws.ToString(tc.f.Name), len(out.Subnets), tc.want)
		}
	}
	_, err = e.ec2.DescribeSubnets(e.ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{"subnet-1"}})
	wantErr(t, err, "InvalidSubnetID.NotFound", "The subnet ID 'subnet-1' does not exist")
}

func TestRouteTablesAndGatewayRoutes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	_, err := e.ec2.DeleteRouteTable(e.ctx, &ec2.DeleteRouteTableInput{RouteTableId: &n.mainRT})
	wantErr(t, err, "DependencyViolation", "")
	out, err := e.ec2.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{n.mainRT}})
	e.must(err)
	rt := out.RouteTables[0]
	if !aws.ToBool(rt.Associations[0].Main) || aws.ToString(rt.Routes[0].GatewayId) != "local" || aws.ToString(rt.Routes[0].DestinationCidrBlock) != "10.0.0.0/16" {
		t.Fatalf("%+v", rt)
	}
	gw := e.gateway(n, "s3", n.rts[0], n.rts[1])
	pls, err := e.ec2.DescribePrefixLists(e.ctx, &ec2.DescribePrefixListsInput{Filters: []types.Filter{filter("prefix-list-name", svc("s3"))}})
	e.must(err)
	pl := aws.ToString(pls.PrefixLists[0].PrefixListId)
	if pl != "pl-63a5400a" || len(pls.PrefixLists[0].Cidrs) == 0 {
		t.Fatalf("%+v", pls.PrefixLists)
	}
	routes := func(rtb string) []types.Route {
		out, err := e.ec2.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("route-table-id", rtb)}})
		e.must(err)
		return out.RouteTables[0].Routes
	}
	r := routes(n.rts[0])
	if len(r) != 2 || aws.ToString(r[1].DestinationPrefixListId) != pl || aws.ToString(r[1].GatewayId) != aws.ToString(gw.VpcEndpointId) || r[1].State != types.RouteStateActive {
		t.Fatalf("%+v", r)
	}
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: gw.VpcEndpointId, RemoveRouteTableIds: []string{n.rts[0]}})
	e.must(err)
	if len(routes(n.rts[0])) != 1 || len(routes(n.rts[1])) != 2 {
		t.Fatal("route not removed on detach")
	}
	_, err = e.ec2.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{aws.ToString(gw.VpcEndpointId)}})
	e.must(err)
	if len(routes(n.rts[1])) != 1 {
		t.Fatal("route not removed on delete")
	}
	_, err = e.ec2.DeleteRouteTable(e.ctx, &ec2.DeleteRouteTableInput{RouteTableId: &n.rts[1]})
	e.must(err)
	_, err = e.ec2.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{n.rts[1]}})
	wantErr(t, err, "InvalidRouteTableID.NotFound", "The routeTable ID '"+n.rts[1]+"' does not exist")
	main, err := e.ec2.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("vpc-id", n.vpc), filter("association.main", "false")}})
	e.must(err)
	if len(main.RouteTables) != 1 {
		t.Fatalf("%d non-main tables", len(main.RouteTables))
	}
	all, err := e.ec2.DescribePrefixLists(e.ctx, &ec2.DescribePrefixListsInput{})
	e.must(err)
	if len(all.PrefixLists) != 3 {
		t.Fatalf("%d prefix lists", len(all.PrefixLists))
	}
	byID, err := e.ec2.DescribePrefixLists(e.ctx, &ec2.DescribePrefixListsInput{Filters: []types.Filter{filter("prefix-list-id", "pl-02cd2c6b")}})
	e.must(err)
	if aws.ToString(byID.PrefixLists[0].PrefixListName) != svc("dynamodb") {
		t.Fatalf("%+v", byID.PrefixLists)
	}
}

func TestSecurityGroups(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	_, err := e.ec2.AuthorizeSecurityGroupIngress(e.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: &n.sg,
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}}}})
	e.must(err)
	out, err := e.ec2.DescribeSecurityGroups(e.ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{n.sg}})
	e.must(err)
	g := out.SecurityGroups[0]
	if aws.ToString(g.GroupName) != "ep" || len(g.IpPermissions) != 1 || aws.ToInt32(g.IpPermissions[0].FromPort) != 443 || len(g.IpPermissionsEgress) != 1 {
		t.Fatalf("%+v", g)
	}
	byVPC, err := e.ec2.DescribeSecurityGroups(e.ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{filter("vpc-id", n.vpc)}})
	e.must(err)
	if len(byVPC.SecurityGroups) != 2 {
		t.Fatalf("%d groups", len(byVPC.SecurityGroups))
	}
	_, err = e.ec2.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{VpcId: &n.vpc, GroupName: aws.String("ep"), Description: aws.String("x")})
	wantErr(t, err, "InvalidGroup.Duplicate", "")
	ep := e.iface(n, svc("sqs"), false, n.subnets[0])
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: ep.VpcEndpointId, AddSecurityGroupIds: []string{n.sg}})
	e.must(err)
	_, err = e.ec2.DeleteSecurityGroup(e.ctx, &ec2.DeleteSecurityGroupInput{GroupId: &n.sg})
	wantErr(t, err, "DependencyViolation", "resource "+n.sg+" has a dependent object")
	_, err = e.ec2.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{aws.ToString(ep.VpcEndpointId)}})
	e.must(err)
	e.waitState(aws.ToString(ep.VpcEndpointId), "deleted")
	_, err = e.ec2.DeleteSecurityGroup(e.ctx, &ec2.DeleteSecurityGroupInput{GroupId: &n.sg})
	e.must(err)
	_, err = e.ec2.DescribeSecurityGroups(e.ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{n.sg}})
	wantErr(t, err, "InvalidGroup.NotFound", "The security group '"+n.sg+"' does not exist")
}

func TestTags(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	out, err := e.ec2.CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpc, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("a")}}}}})
	e.must(err)
	id := aws.ToString(out.Vpc.VpcId)
	if len(out.Vpc.Tags) != 1 {
		t.Fatalf("%+v", out.Vpc.Tags)
	}
	_, err = e.ec2.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("dev")}, {Key: aws.String("Name"), Value: aws.String("b")}}})
	e.must(err)
	tags, err := e.ec2.DescribeTags(e.ctx, &ec2.DescribeTagsInput{Filters: []types.Filter{filter("resource-id", id)}})
	e.must(err)
	if len(tags.Tags) != 2 || aws.ToString(tags.Tags[0].Value) != "b" || tags.Tags[0].ResourceType != types.ResourceTypeVpc {
		t.Fatalf("%+v", tags.Tags)
	}
	byKey, err := e.ec2.DescribeTags(e.ctx, &ec2.DescribeTagsInput{Filters: []types.Filter{filter("key", "env")}})
	e.must(err)
	if len(byKey.Tags) != 1 {
		t.Fatalf("%+v", byKey.Tags)
	}
	vpcs, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{filter("tag:env", "dev")}})
	e.must(err)
	if len(vpcs.Vpcs) != 1 {
		t.Fatal("tag filter")
	}
	_, err = e.ec2.DeleteTags(e.ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("env")}}})
	e.must(err)
	tags, err = e.ec2.DescribeTags(e.ctx, &ec2.DescribeTagsInput{Filters: []types.Filter{filter("resource-id", id)}})
	e.must(err)
	if len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "Name" {
		t.Fatalf("%+v", tags.Tags)
	}
	_, err = e.ec2.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{"vpce-0"}, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	wantErr(t, err, "InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id 'vpce-0' does not exist")
}

func TestAvailabilityZones(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	out, err := e.ec2.DescribeAvailabilityZones(e.ctx, &ec2.DescribeAvailabilityZonesInput{})
	e.must(err)
	if len(out.AvailabilityZones) != 6 || aws.ToString(out.AvailabilityZones[5].ZoneName) != "us-east-1f" || aws.ToString(out.AvailabilityZones[5].ZoneId) != "use1-az6" {
		t.Fatalf("%+v", out.AvailabilityZones)
	}
	one, err := e.ec2.DescribeAvailabilityZones(e.ctx, &ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1b"}})
	e.must(err)
	if len(one.AvailabilityZones) != 1 {
		t.Fatal("zone name selection")
	}
}

func TestNetworkInterfaces(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	ep := e.iface(n, svc("kms"), false, n.subnets[0], n.subnets[1])
	id := aws.ToString(ep.VpcEndpointId)
	out, err := e.ec2.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{Filters: []types.Filter{filter("vpc-id", n.vpc)}})
	e.must(err)
	if len(out.NetworkInterfaces) != 2 {
		t.Fatalf("%d ENIs", len(out.NetworkInterfaces))
	}
	for _, ni := range out.NetworkInterfaces {
		ip := netip.MustParseAddr(aws.ToString(ni.PrivateIpAddress))
		sn, err := e.ec2.DescribeSubnets(e.ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{aws.ToString(ni.SubnetId)}})
		e.must(err)
		if !netip.MustParsePrefix(aws.ToString(sn.Subnets[0].CidrBlock)).Contains(ip) || !aws.ToBool(ni.RequesterManaged) ||
			ni.InterfaceType != "vpc_endpoint" || ni.Status != types.NetworkInterfaceStatusInUse || aws.ToString(ni.Groups[0].GroupId) != n.defSG {
			t.Fatalf("%+v", ni)
		}
	}
	bySubnet, err := e.ec2.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{Filters: []types.Filter{filter("subnet-id", n.subnets[1])}})
	e.must(err)
	if len(bySubnet.NetworkInterfaces) != 1 {
		t.Fatal("subnet-id filter")
	}
	byID, err := e.ec2.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{Filters: []types.Filter{filter("network-interface-id", ep.NetworkInterfaceIds[0])}})
	e.must(err)
	if len(byID.NetworkInterfaces) != 1 {
		t.Fatal("network-interface-id filter")
	}
	_, err = e.ec2.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: &n.subnets[0]})
	wantErr(t, err, "DependencyViolation", "The subnet '"+n.subnets[0]+"' has dependencies and cannot be deleted.")

	// removing a subnet releases its ENI
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, RemoveSubnetIds: []string{n.subnets[1]}})
	e.must(err)
	_, err = e.ec2.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: &n.subnets[1]})
	e.must(err)

	// deleting the endpoint releases the rest once it is deleted
	_, err = e.ec2.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
	e.must(err)
	if got := e.describe(id); got.State != "deleting" || len(got.NetworkInterfaceIds) != 1 {
		t.Fatalf("%+v", got)
	}
	e.waitState(id, "deleted")
	_, err = e.ec2.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: &n.subnets[0]})
	e.must(err)
	_, err = e.ec2.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{ep.NetworkInterfaceIds[0]}})
	wantErr(t, err, "InvalidNetworkInterfaceID.NotFound", "")
}
