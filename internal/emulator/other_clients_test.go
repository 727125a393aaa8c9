package emulator_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// Item 10: the calls other EC2 clients make, in the order the hashicorp/aws provider's
// aws_vpc_endpoint* resources make them.

func TestDescribeVpcEndpointServiceConfigurations(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	acceptOwn, acceptOther, noAccept := emulator.CustomerServiceNames(region)

	mine, err := e.ec2.DescribeVpcEndpointServiceConfigurations(e.ctx, &ec2.DescribeVpcEndpointServiceConfigurationsInput{})
	e.must(err)
	// The caller owns one interface service and one Gateway Load Balancer service.
	gwlbOwn, _ := emulator.GatewayLoadBalancerServiceNames(region)
	if len(mine.ServiceConfigurations) != 2 {
		t.Fatalf("test owns two services: %+v", mine.ServiceConfigurations)
	}
	c, g := mine.ServiceConfigurations[0], mine.ServiceConfigurations[1]
	if aws.ToString(c.ServiceName) == gwlbOwn {
		c, g = g, c
	}
	if aws.ToString(g.ServiceName) != gwlbOwn || len(g.GatewayLoadBalancerArns) != 1 || len(g.NetworkLoadBalancerArns) != 0 ||
		len(g.ServiceType) != 1 || g.ServiceType[0].ServiceType != types.ServiceTypeGatewayLoadBalancer {
		t.Fatalf("%+v", g)
	}
	if aws.ToString(c.ServiceName) != acceptOwn || aws.ToString(c.ServiceId) != emulator.ServiceID(acceptOwn, "Interface") ||
		c.ServiceState != types.ServiceStateAvailable || !aws.ToBool(c.AcceptanceRequired) || len(c.AvailabilityZones) != 6 ||
		len(c.NetworkLoadBalancerArns) != 1 || len(c.ServiceType) != 1 || c.ServiceType[0].ServiceType != types.ServiceTypeInterface ||
		len(c.BaseEndpointDnsNames) != 1 || aws.ToBool(c.RemoteAccessEnabled) {
		t.Fatalf("%+v", c)
	}

	other := ec2Client(e.url, emulator.OtherAccessKeyID, emulator.OtherSecretAccessKey)
	theirs, err := other.DescribeVpcEndpointServiceConfigurations(e.ctx, &ec2.DescribeVpcEndpointServiceConfigurationsInput{
		Filters: []types.Filter{filter("service-name", noAccept)}})
	e.must(err)
	if len(theirs.ServiceConfigurations) != 1 || !aws.ToBool(theirs.ServiceConfigurations[0].RemoteAccessEnabled) ||
		len(theirs.ServiceConfigurations[0].SupportedRegions) != len(emulator.CrossRegionServiceRegions) {
		t.Fatalf("%+v", theirs.ServiceConfigurations)
	}
	byID, err := other.DescribeVpcEndpointServiceConfigurations(e.ctx, &ec2.DescribeVpcEndpointServiceConfigurationsInput{
		ServiceIds: []string{emulator.ServiceID(acceptOther, "Interface")}})
	e.must(err)
	if len(byID.ServiceConfigurations) != 1 || aws.ToString(byID.ServiceConfigurations[0].ServiceName) != acceptOther {
		t.Fatalf("%+v", byID.ServiceConfigurations)
	}
	none, err := e.ec2.DescribeVpcEndpointServiceConfigurations(e.ctx, &ec2.DescribeVpcEndpointServiceConfigurationsInput{
		Filters: []types.Filter{filter("service-name", noAccept)}})
	e.must(err)
	if len(none.ServiceConfigurations) != 0 {
		t.Fatal("another account's service is listed")
	}
	_, err = e.ec2.DescribeVpcEndpointServiceConfigurations(e.ctx, &ec2.DescribeVpcEndpointServiceConfigurationsInput{
		ServiceIds: []string{emulator.ServiceID(noAccept, "Interface")}})
	wantErr(t, err, "InvalidVpcEndpointServiceId.NotFound", "The VpcEndpointService Id '"+emulator.ServiceID(noAccept, "Interface")+"' does not exist")
	_, err = other.DescribeVpcEndpointServiceConfigurations(e.ctx, &ec2.DescribeVpcEndpointServiceConfigurationsInput{MaxResults: aws.Int32(1)})
	wantErr(t, err, "InvalidParameterValue", "")
	paged, err := other.DescribeVpcEndpointServiceConfigurations(e.ctx, &ec2.DescribeVpcEndpointServiceConfigurationsInput{MaxResults: aws.Int32(5)})
	e.must(err)
	if len(paged.ServiceConfigurations) != 3 || paged.NextToken != nil { // two interface services, one Gateway Load Balancer service
		t.Fatalf("%+v", paged)
	}
}

// TestAWSProvider_interfaceAutoAccept follows aws_vpc_endpoint with auto_accept = true on a service
// of the caller's own account, then the reads of its Read.
func TestAWSProvider_interfaceAutoAccept(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(true)
	acceptOwn, _, _ := emulator.CustomerServiceNames(region)
	out, err := e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{ClientToken: aws.String("terraform-1"), VpcId: &n.vpc,
		ServiceName: &acceptOwn, VpcEndpointType: types.VpcEndpointTypeInterface, PrivateDnsEnabled: aws.Bool(false),
		SubnetIds: []string{n.subnets[0], n.subnets[1]}, SecurityGroupIds: []string{n.sg},
		DnsOptions:        &types.DnsOptionsSpecification{DnsRecordIpType: types.DnsRecordIpTypeIpv4},
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpcEndpoint, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("x")}}}}})
	e.must(err)
	id := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	if out.VpcEndpoint.State != "pendingAcceptance" {
		t.Fatalf("state %s", out.VpcEndpoint.State)
	}
	cfg, err := e.ec2.DescribeVpcEndpointServiceConfigurations(e.ctx, &ec2.DescribeVpcEndpointServiceConfigurationsInput{
		Filters: []types.Filter{filter("service-name", acceptOwn)}})
	e.must(err)
	svcID := cfg.ServiceConfigurations[0].ServiceId
	conns, err := e.ec2.DescribeVpcEndpointConnections(e.ctx, &ec2.DescribeVpcEndpointConnectionsInput{
		Filters: []types.Filter{filter("service-id", aws.ToString(svcID)), filter("vpc-endpoint-id", id)}})
	e.must(err)
	if len(conns.VpcEndpointConnections) != 1 || conns.VpcEndpointConnections[0].VpcEndpointState != "pendingAcceptance" ||
		aws.ToString(conns.VpcEndpointConnections[0].VpcEndpointOwner) != emulator.DefaultAccountID ||
		aws.ToString(conns.VpcEndpointConnections[0].VpcEndpointRegion) != region {
		t.Fatalf("%+v", conns.VpcEndpointConnections)
	}
	acc, err := e.ec2.AcceptVpcEndpointConnections(e.ctx, &ec2.AcceptVpcEndpointConnectionsInput{ServiceId: svcID, VpcEndpointIds: []string{id}})
	e.must(err)
	if len(acc.Unsuccessful) != 0 {
		t.Fatalf("%+v", acc.Unsuccessful)
	}
	e.waitState(id, "available")
	conns, err = e.ec2.DescribeVpcEndpointConnections(e.ctx, &ec2.DescribeVpcEndpointConnectionsInput{
		Filters: []types.Filter{filter("vpc-endpoint-state", "available")}})
	e.must(err)
	if len(conns.VpcEndpointConnections) != 1 || len(conns.VpcEndpointConnections[0].DnsEntries) != 3 {
		t.Fatalf("%+v", conns.VpcEndpointConnections)
	}

	// Read: the endpoint by id, the prefix list by name (none for an interface service), each ENI.
	ep := e.describe(id)
	pl, err := e.ec2.DescribePrefixLists(e.ctx, &ec2.DescribePrefixListsInput{Filters: []types.Filter{filter("prefix-list-name", acceptOwn)}})
	e.must(err)
	if len(pl.PrefixLists) != 0 {
		t.Fatalf("%+v", pl.PrefixLists)
	}
	for _, eni := range ep.NetworkInterfaceIds {
		ni, err := e.ec2.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{eni}})
		e.must(err)
		if len(ni.NetworkInterfaces) != 1 || aws.ToString(ni.NetworkInterfaces[0].PrivateIpAddress) == "" ||
			!contains(ep.SubnetIds, aws.ToString(ni.NetworkInterfaces[0].SubnetId)) {
			t.Fatalf("%+v", ni.NetworkInterfaces)
		}
	}

	// aws_vpc_endpoint_security_group_association with replace_default_association.
	def, err := e.ec2.DescribeSecurityGroups(e.ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{filter("group-name", "default"), filter("vpc-id", n.vpc)}})
	e.must(err)
	defID := aws.ToString(def.SecurityGroups[0].GroupId)
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddSecurityGroupIds: []string{defID}})
	e.must(err)
	e.waitState(id, "available")
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, RemoveSecurityGroupIds: []string{n.sg}})
	e.must(err)
	e.waitState(id, "available")
	if got := e.describe(id); len(got.Groups) != 1 || aws.ToString(got.Groups[0].GroupId) != defID {
		t.Fatalf("%+v", got.Groups)
	}
	// aws_vpc_endpoint_subnet_association, then its removal.
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddSubnetIds: []string{n.subnets[2]}})
	e.must(err)
	e.waitState(id, "available")
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, RemoveSubnetIds: []string{n.subnets[2]}})
	e.must(err)
	e.waitState(id, "available")
	// Tags updated in place.
	_, err = e.ec2.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("dev")}}})
	e.must(err)
	_, err = e.ec2.DeleteTags(e.ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("Name")}}})
	e.must(err)
	if got := e.describe(id); len(got.Tags) != 1 || aws.ToString(got.Tags[0].Key) != "env" {
		t.Fatalf("%+v", got.Tags)
	}
	del, err := e.ec2.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
	e.must(err)
	if len(del.Unsuccessful) != 0 {
		t.Fatalf("%+v", del.Unsuccessful)
	}
	e.waitState(id, "")
}

// TestAWSProvider_gatewayAndRouteTableAssociation follows aws_vpc_endpoint for a gateway (it always
// sends PrivateDnsEnabled, false) and aws_vpc_endpoint_route_table_association.
func TestAWSProvider_gatewayAndRouteTableAssociation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	out, err := e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{ClientToken: aws.String("terraform-2"), VpcId: &n.vpc,
		ServiceName: aws.String(svc("s3")), VpcEndpointType: types.VpcEndpointTypeGateway, PrivateDnsEnabled: aws.Bool(false),
		RouteTableIds: []string{n.rts[0]}})
	e.must(err)
	id := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	e.waitState(id, "available")
	pl, err := e.ec2.DescribePrefixLists(e.ctx, &ec2.DescribePrefixListsInput{Filters: []types.Filter{filter("prefix-list-name", svc("s3"))}})
	e.must(err)
	if len(pl.PrefixLists) != 1 || aws.ToString(pl.PrefixLists[0].PrefixListId) != "pl-63a5400a" || len(pl.PrefixLists[0].Cidrs) == 0 {
		t.Fatalf("%+v", pl.PrefixLists)
	}
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddRouteTableIds: []string{n.rts[1]}})
	e.must(err)
	if got := e.describe(id); !contains(got.RouteTableIds, n.rts[1]) {
		t.Fatalf("%+v", got.RouteTableIds)
	}
	rts, err := e.ec2.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("route.gateway-id", id)}})
	e.must(err)
	if len(rts.RouteTables) != 2 {
		t.Fatalf("%d route tables route through %s", len(rts.RouteTables), id)
	}
	e.waitState(id, "available")
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, RemoveRouteTableIds: []string{n.rts[1]}})
	e.must(err)
	if got := e.describe(id); contains(got.RouteTableIds, n.rts[1]) {
		t.Fatalf("%+v", got.RouteTableIds)
	}
	ds, err := e.ec2.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{Filters: []types.Filter{
		filter("vpc-endpoint-state", "pending", "available"), filter("vpc-id", n.vpc), filter("service-name", svc("s3"))}})
	e.must(err)
	if len(ds.VpcEndpoints) != 1 {
		t.Fatalf("data source lookup: %d", len(ds.VpcEndpoints))
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
