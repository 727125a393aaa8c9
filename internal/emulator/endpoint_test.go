package emulator_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

func TestCreateVpcEndpoint_validation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(true)
	noDNS := e.network(false)
	other := e.network(true)
	acceptOwn, _, _ := emulator.CustomerServiceNames(region)
	iface := types.VpcEndpointTypeInterface
	custom := `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`
	e.gateway(n, "dynamodb", n.rts[1])
	e.iface(n, svc("sqs"), true, n.subnets[0])

	for _, tc := range []struct {
		name      string
		in        ec2.CreateVpcEndpointInput
		code, msg string
	}{
		{"unknown VPC", ec2.CreateVpcEndpointInput{VpcId: aws.String("vpc-1"), ServiceName: aws.String(svc("s3"))},
			"InvalidVpcID.NotFound", "The vpc ID 'vpc-1' does not exist"},
		{"unknown service", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("nope"))},
			"InvalidServiceName", "The Vpc Endpoint Service '" + svc("nope") + "' does not exist"},
		{"gateway not offered", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ssm"))},
			"InvalidParameter", "Endpoint type (Gateway) does not match available service types ([Interface])."},
		{"interface not offered", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3express")), VpcEndpointType: iface},
			"InvalidParameter", "Endpoint type (Interface) does not match available service types ([Gateway])."},
		{"route tables on interface", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ssm")), VpcEndpointType: iface, RouteTableIds: []string{n.rts[0]}},
			"InvalidParameter", "Route table IDs are only supported for Gateway type VPC Endpoint."},
		{"subnets on gateway", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), SubnetIds: []string{n.subnets[0]}},
			"InvalidParameter", "Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints."},
		{"security groups on gateway", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), SecurityGroupIds: []string{n.sg}},
			"InvalidParameter", "Security group IDs are only supported for Interface type VPC Endpoint."},
		{"unknown route table", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), RouteTableIds: []string{"rtb-1"}},
			"InvalidRouteTableID.NotFound", "The routeTable ID 'rtb-1' does not exist"},
		{"route table of another VPC", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), RouteTableIds: []string{other.rts[0]}},
			"InvalidParameter", "The route table " + other.rts[0] + " does not belong to the VPC " + n.vpc + "."},
		{"route already exists", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("dynamodb")), RouteTableIds: []string{n.rts[1]}},
			"RouteAlreadyExists", "route table " + n.rts[1] + " already has a route with destination-prefix-list-id pl-02cd2c6b"},
		{"unknown subnet", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ssm")), VpcEndpointType: iface, SubnetIds: []string{"subnet-1"}},
			"InvalidSubnetID.NotFound", "The subnet ID 'subnet-1' does not exist"},
		{"subnet of another VPC", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ssm")), VpcEndpointType: iface, SubnetIds: []string{other.subnets[0]}},
			"InvalidParameter", "The subnet " + other.subnets[0] + " does not belong to the VPC " + n.vpc + "."},
		{"zone not offered", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ecs")), VpcEndpointType: iface, SubnetIds: []string{n.subnets[0], n.subnets[3]}},
			"InvalidParameter", "The VPC endpoint service " + svc("ecs") + " does not support the availability zone of the subnet: " + n.subnets[3] + "."},
		{"security group of another VPC", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ssm")), VpcEndpointType: iface, SecurityGroupIds: []string{other.sg}},
			"InvalidParameter", "The security group " + other.sg + " does not belong to the VPC " + n.vpc + "."},
		{"unknown security group", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ssm")), VpcEndpointType: iface, SecurityGroupIds: []string{"sg-1"}},
			"InvalidGroup.NotFound", "The security group 'sg-1' does not exist"},
		{"policy not supported", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ec2messages")), VpcEndpointType: iface, PolicyDocument: &custom},
			"InvalidParameter", "Service " + svc("ec2messages") + " only supports the full-access endpoint policy."},
		{"malformed policy", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), PolicyDocument: aws.String("{")},
			"InvalidParameter", "Invalid policy document. The policy is not valid JSON."},
		{"policy too long", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), PolicyDocument: aws.String(`{"Sid":"` + strings.Repeat("x", 20480) + `"}`)},
			"InvalidParameter", "Policy document exceeds the maximum length of 20480 characters."},
		{"ip type not supported", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ecs")), VpcEndpointType: iface, IpAddressType: types.IpAddressTypeDualstack},
			"InvalidParameter", "The VPC endpoint service " + svc("ecs") + " does not support the IP address type dualstack."},
		{"private DNS without VPC attributes", ec2.CreateVpcEndpointInput{VpcId: &noDNS.vpc, ServiceName: aws.String(svc("ssm")), VpcEndpointType: iface},
			"InvalidParameter", "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for " + noDNS.vpc},
		{"conflicting DNS", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("sqs")), VpcEndpointType: iface, PrivateDnsEnabled: aws.Bool(true)},
			"InvalidParameter", "private-dns-enabled cannot be set because there is already a conflicting DNS domain for sqs.us-east-1.amazonaws.com in the VPC " + n.vpc},
		{"inbound resolver only without gateway", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), VpcEndpointType: iface, PrivateDnsEnabled: aws.Bool(true),
			DnsOptions: &types.DnsOptionsSpecification{PrivateDnsOnlyForInboundResolverEndpoint: aws.Bool(true)}},
			"InvalidParameter", "To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC " + n.vpc + " must have a Gateway endpoint for the service."},
		{"customer service without private DNS", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &acceptOwn, VpcEndpointType: iface, PrivateDnsEnabled: aws.Bool(true)},
			"InvalidParameter", "Private DNS can't be enabled because the service " + acceptOwn + " does not provide a private DNS name."},
		{"service region not offered", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String("com.amazonaws.us-west-2.ssm"), ServiceRegion: aws.String("us-west-2"), VpcEndpointType: iface},
			"InvalidServiceName", "The Vpc Endpoint Service 'com.amazonaws.us-west-2.ssm' does not exist"},
		{"other region without service region", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String("com.amazonaws.us-west-2.s3"), VpcEndpointType: iface},
			"InvalidServiceName", "The Vpc Endpoint Service 'com.amazonaws.us-west-2.s3' does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			_, err := e.ec2.CreateVpcEndpoint(e.ctx, &in)
			wantErr(t, err, tc.code, tc.msg)
		})
	}
	t.Run("duplicate subnets in zone", func(t *testing.T) {
		sn, err := e.ec2.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &n.vpc, CidrBlock: aws.String("10.0.100.0/24"), AvailabilityZone: aws.String("us-east-1a")})
		e.must(err)
		_, err = e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ssm")), VpcEndpointType: iface,
			SubnetIds: []string{n.subnets[0], aws.ToString(sn.Subnet.SubnetId)}})
		wantErr(t, err, "DuplicateSubnetsInSameZone", "")
	})
}

func TestCreateVpcEndpoint_quota(t *testing.T) {
	t.Parallel()
	opts := fastOptions()
	opts.InterfaceQuotaPerVPC, opts.GatewayQuotaPerRegion = 1, 1
	e := newEnv(t, opts)
	n := e.network(false)
	e.gateway(n, "s3")
	_, err := e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("dynamodb"))})
	wantErr(t, err, "VpcEndpointLimitExceeded", "The maximum number of VPC endpoints has been reached.")
	e.iface(n, svc("ssm"), false)
	_, err = e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("sqs")), VpcEndpointType: types.VpcEndpointTypeInterface, PrivateDnsEnabled: aws.Bool(false)})
	wantErr(t, err, "VpcEndpointLimitExceeded", "")
}

func TestCreateVpcEndpoint_fields(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(true)
	gw := e.gateway(n, "s3", n.rts[0])
	if gw.VpcEndpointType != types.VpcEndpointTypeGateway || aws.ToString(gw.PolicyDocument) != emulator.DefaultPolicy ||
		aws.ToString(gw.OwnerId) != emulator.DefaultAccountID || gw.CreationTimestamp == nil || len(gw.RouteTableIds) != 1 || aws.ToBool(gw.RequesterManaged) {
		t.Fatalf("%+v", gw)
	}
	out, err := e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), VpcEndpointType: types.VpcEndpointTypeInterface,
		SubnetIds: []string{n.subnets[0], n.subnets[1]}, SecurityGroupIds: []string{n.sg}, IpAddressType: types.IpAddressTypeDualstack,
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpcEndpoint, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("x")}}}}})
	e.must(err)
	ep := out.VpcEndpoint
	if !aws.ToBool(ep.PrivateDnsEnabled) || ep.DnsOptions == nil || !aws.ToBool(ep.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint) ||
		ep.DnsOptions.DnsRecordIpType != types.DnsRecordIpTypeDualstack || ep.IpAddressType != types.IpAddressTypeDualstack ||
		len(ep.Groups) != 1 || aws.ToString(ep.Groups[0].GroupName) != "ep" || len(ep.Tags) != 1 || len(ep.SubnetIds) != 2 {
		t.Fatalf("%+v", ep)
	}
	names := []string{}
	for _, d := range ep.DnsEntries {
		names = append(names, aws.ToString(d.DnsName))
	}
	id := aws.ToString(ep.VpcEndpointId)
	if len(names) != 4 || !strings.HasPrefix(names[0], "*."+id+"-") || !strings.HasSuffix(names[0], ".s3.us-east-1.vpce.amazonaws.com") ||
		!strings.Contains(names[1], "-us-east-1a.s3.") || names[3] != "*.s3.us-east-1.amazonaws.com" || aws.ToString(ep.DnsEntries[0].HostedZoneId) != "Z7HUB22UULQXV" {
		t.Fatalf("%v", names)
	}
}

func TestVpcEndpoint_states(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	gw := e.gateway(n, "s3")
	id := aws.ToString(gw.VpcEndpointId)
	if gw.State != "pending" {
		t.Fatal(gw.State)
	}
	e.waitState(id, "available")
	_, err := e.ec2.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
	e.must(err)
	if e.describe(id).State != "deleting" {
		t.Fatal("want deleting")
	}
	e.waitState(id, "deleted")
	e.waitState(id, "")
	out, err := e.ec2.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
	e.must(err)
	if len(out.Unsuccessful) != 1 || aws.ToString(out.Unsuccessful[0].Error.Code) != "InvalidVpcEndpoint.NotFound" || aws.ToString(out.Unsuccessful[0].ResourceId) != id {
		t.Fatalf("%+v", out.Unsuccessful)
	}
	_, err = e.ec2.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	wantErr(t, err, "InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '"+id+"' does not exist")
}

func TestVpcEndpoint_acceptance(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	acceptOwn, acceptOther, noAccept := emulator.CustomerServiceNames(region)
	own := e.iface(n, acceptOwn, false, n.subnets[0])
	oth := e.iface(n, acceptOther, false, n.subnets[0])
	no := e.iface(n, noAccept, false, n.subnets[0])
	if own.State != "pendingAcceptance" || oth.State != "pendingAcceptance" || no.State != "pending" {
		t.Fatal(own.State, oth.State, no.State)
	}
	ownID, othID := aws.ToString(own.VpcEndpointId), aws.ToString(oth.VpcEndpointId)
	svcs, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{acceptOwn, acceptOther}})
	e.must(err)
	ownSvc, otherSvc := svcs.ServiceDetails[0].ServiceId, svcs.ServiceDetails[1].ServiceId
	if !strings.HasSuffix(acceptOwn, aws.ToString(ownSvc)) {
		ownSvc, otherSvc = otherSvc, ownSvc
	}
	_, err = e.ec2.AcceptVpcEndpointConnections(e.ctx, &ec2.AcceptVpcEndpointConnectionsInput{ServiceId: otherSvc, VpcEndpointIds: []string{othID}})
	wantErr(t, err, "InvalidVpcEndpointServiceId.NotFound", "The VpcEndpointService Id '"+aws.ToString(otherSvc)+"' does not exist")
	out, err := e.ec2.AcceptVpcEndpointConnections(e.ctx, &ec2.AcceptVpcEndpointConnectionsInput{ServiceId: ownSvc, VpcEndpointIds: []string{ownID, "vpce-0"}})
	e.must(err)
	if len(out.Unsuccessful) != 1 || aws.ToString(out.Unsuccessful[0].ResourceId) != "vpce-0" {
		t.Fatalf("%+v", out.Unsuccessful)
	}
	e.waitState(ownID, "available")
	// the other account owns the second service and accepts from its own credentials
	owner := ec2Client(e.url, emulator.OtherAccessKeyID, emulator.OtherSecretAccessKey)
	out, err = owner.AcceptVpcEndpointConnections(e.ctx, &ec2.AcceptVpcEndpointConnectionsInput{ServiceId: otherSvc, VpcEndpointIds: []string{othID}})
	e.must(err)
	if len(out.Unsuccessful) != 0 {
		t.Fatalf("%+v", out.Unsuccessful)
	}
	e.waitState(othID, "available")
}

func TestVpcEndpoint_clientToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	in := &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), ClientToken: aws.String("tok-1")}
	a, err := e.ec2.CreateVpcEndpoint(e.ctx, in)
	e.must(err)
	b, err := e.ec2.CreateVpcEndpoint(e.ctx, in)
	e.must(err)
	if aws.ToString(a.VpcEndpoint.VpcEndpointId) != aws.ToString(b.VpcEndpoint.VpcEndpointId) || aws.ToString(b.ClientToken) != "tok-1" {
		t.Fatal("same token made a second endpoint")
	}
	all, err := e.ec2.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{})
	e.must(err)
	if len(all.VpcEndpoints) != 1 {
		t.Fatalf("%d endpoints", len(all.VpcEndpoints))
	}
	in.RouteTableIds = []string{n.rts[0]}
	_, err = e.ec2.CreateVpcEndpoint(e.ctx, in)
	wantErr(t, err, "IdempotentParameterMismatch", "")
}

func TestModifyVpcEndpoint(t *testing.T) {
	t.Parallel()
	opts := fastOptions()
	opts.ModifyDuration = 1 // effectively no busy window
	e := newEnv(t, opts)
	n := e.network(true)
	ep := e.iface(n, svc("ecs"), false, n.subnets[0])
	id := aws.ToString(ep.VpcEndpointId)
	custom := `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecs:*","Resource":"*"}]}`
	_, err := e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddSubnetIds: []string{n.subnets[1]},
		AddSecurityGroupIds: []string{n.sg}, RemoveSecurityGroupIds: []string{n.defSG}, PolicyDocument: &custom, PrivateDnsEnabled: aws.Bool(true)})
	e.must(err)
	got := e.describe(id)
	if len(got.SubnetIds) != 2 || len(got.NetworkInterfaceIds) != 2 || len(got.Groups) != 1 || aws.ToString(got.Groups[0].GroupId) != n.sg ||
		aws.ToString(got.PolicyDocument) != custom || !aws.ToBool(got.PrivateDnsEnabled) {
		t.Fatalf("%+v", got)
	}
	for _, tc := range []struct {
		name      string
		in        ec2.ModifyVpcEndpointInput
		code, msg string
	}{
		{"zone not offered", ec2.ModifyVpcEndpointInput{AddSubnetIds: []string{n.subnets[3]}}, "InvalidParameter",
			"The VPC endpoint service " + svc("ecs") + " does not support the availability zone of the subnet: " + n.subnets[3] + "."},
		{"route table on interface", ec2.ModifyVpcEndpointInput{AddRouteTableIds: []string{n.rts[0]}}, "InvalidParameter",
			"Route table IDs are only supported for Gateway type VPC Endpoint."},
		{"unknown endpoint", ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-1")}, "InvalidVpcEndpointId.NotFound",
			"The Vpc Endpoint Id 'vpce-1' does not exist"},
	} {
		in := tc.in
		if in.VpcEndpointId == nil {
			in.VpcEndpointId = &id
		}
		_, err := e.ec2.ModifyVpcEndpoint(e.ctx, &in)
		wantErr(t, err, tc.code, tc.msg)
	}
	sn, err := e.ec2.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &n.vpc, CidrBlock: aws.String("10.0.100.0/24"), AvailabilityZone: aws.String("us-east-1a")})
	e.must(err)
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddSubnetIds: []string{aws.ToString(sn.Subnet.SubnetId)}})
	wantErr(t, err, "DuplicateSubnetsInSameZone", "")
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, ResetPolicy: aws.Bool(true), PrivateDnsEnabled: aws.Bool(false)})
	e.must(err)
	if got := e.describe(id); aws.ToString(got.PolicyDocument) != emulator.DefaultPolicy || aws.ToBool(got.PrivateDnsEnabled) {
		t.Fatalf("%+v", got)
	}

	gw := e.gateway(n, "s3", n.rts[0])
	other := e.network(true)
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: gw.VpcEndpointId, AddRouteTableIds: []string{other.rts[0]}})
	wantErr(t, err, "InvalidParameter", "The route table "+other.rts[0]+" does not belong to the VPC "+n.vpc+".")
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: gw.VpcEndpointId, AddSubnetIds: []string{n.subnets[0]}})
	wantErr(t, err, "InvalidParameter", "Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints.")
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: gw.VpcEndpointId, AddRouteTableIds: []string{n.rts[1]}, RemoveRouteTableIds: []string{n.rts[0]}})
	e.must(err)
	if got := e.describe(aws.ToString(gw.VpcEndpointId)); len(got.RouteTableIds) != 1 || got.RouteTableIds[0] != n.rts[1] {
		t.Fatalf("%+v", got.RouteTableIds)
	}
}

func TestModifyVpcEndpoint_operationInProgress(t *testing.T) {
	t.Parallel()
	opts := fastOptions()
	opts.ModifyDuration = 300 * time.Millisecond
	e := newEnv(t, opts)
	n := e.network(false)
	gw := e.gateway(n, "s3")
	id := aws.ToString(gw.VpcEndpointId)
	e.waitState(id, "available")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddRouteTableIds: []string{n.rts[i]}})
		}()
	}
	wg.Wait()
	failed := 0
	for _, err := range errs {
		if err != nil {
			wantErr(t, err, "OperationInProgress", "VpcEndpoint modify operation in progress")
			failed++
		}
	}
	if failed != 1 {
		t.Fatalf("%d of 2 concurrent modifies failed, want 1", failed)
	}
	if e.describe(id).State != "pending" {
		t.Fatal("modified endpoint should be pending")
	}
	e.waitState(id, "available")
	_, err := e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, ResetPolicy: aws.Bool(true)})
	e.must(err)
	e.srv.SetConcurrentModifyConflicts(false)
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, ResetPolicy: aws.Bool(true)})
	e.must(err)
}

func TestVpcEndpoint_dnsReservation(t *testing.T) {
	t.Parallel()
	opts := fastOptions()
	opts.DNSReservationWindow = 300 * time.Millisecond
	e := newEnv(t, opts)
	n := e.network(true)
	ep := e.iface(n, svc("ssm"), true, n.subnets[0])
	id := aws.ToString(ep.VpcEndpointId)
	_, err := e.ec2.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
	e.must(err)
	e.waitState(id, "deleted")
	in := &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ssm")), VpcEndpointType: types.VpcEndpointTypeInterface, PrivateDnsEnabled: aws.Bool(true)}
	_, err = e.ec2.CreateVpcEndpoint(e.ctx, in)
	wantErr(t, err, "InvalidParameter", "private-dns-enabled cannot be set because there is already a conflicting DNS domain for ssm.us-east-1.amazonaws.com in the VPC "+n.vpc)
	deadline := time.Now().Add(3 * time.Second)
	for {
		_, err = e.ec2.CreateVpcEndpoint(e.ctx, in)
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.must(err)
}
