package emulator_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

const msgInboundNeedsGateway = "To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC %s must have a Gateway endpoint for the service."

func inboundMsg(vpc string) string { return strings.Replace(msgInboundNeedsGateway, "%s", vpc, 1) }

func (e *env) createS3Interface(n *network, privateDNS *bool, inbound *bool) (*types.VpcEndpoint, error) {
	in := &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), VpcEndpointType: types.VpcEndpointTypeInterface,
		PrivateDnsEnabled: privateDNS}
	if inbound != nil {
		in.DnsOptions = &types.DnsOptionsSpecification{PrivateDnsOnlyForInboundResolverEndpoint: inbound}
	}
	out, err := e.ec2.CreateVpcEndpoint(e.ctx, in)
	if err != nil {
		return nil, err
	}
	return out.VpcEndpoint, nil
}

// Items 1 and 2: AWS defaults PrivateDnsOnlyForInboundResolverEndpoint to true for an S3 interface
// endpoint with private DNS, which needs an S3 gateway in the VPC; the option is refused for every
// other service.
func TestCreateVpcEndpoint_inboundResolverDefault(t *testing.T) {
	t.Parallel()
	opts := fastOptions()
	opts.DNSReservationWindow = time.Millisecond
	e := newEnv(t, opts)
	n := e.network(true)

	_, err := e.createS3Interface(n, aws.Bool(true), nil)
	wantErr(t, err, "InvalidParameter", inboundMsg(n.vpc))
	_, err = e.createS3Interface(n, nil, nil) // private DNS defaults to true for S3 as well
	wantErr(t, err, "InvalidParameter", inboundMsg(n.vpc))
	_, err = e.createS3Interface(n, aws.Bool(true), aws.Bool(true))
	wantErr(t, err, "InvalidParameter", inboundMsg(n.vpc))

	ep, err := e.createS3Interface(n, aws.Bool(true), aws.Bool(false))
	e.must(err)
	if ep.DnsOptions == nil || ep.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint == nil || *ep.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint {
		t.Fatalf("sent false: %+v", ep.DnsOptions)
	}
	_, err = e.ec2.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{aws.ToString(ep.VpcEndpointId)}})
	e.must(err)
	e.waitState(aws.ToString(ep.VpcEndpointId), "")

	noDNS, err := e.createS3Interface(n, aws.Bool(false), nil)
	e.must(err)
	if noDNS.DnsOptions != nil && noDNS.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint != nil {
		t.Fatalf("without private DNS the option is not reported: %+v", noDNS.DnsOptions)
	}
	_, err = e.ec2.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{aws.ToString(noDNS.VpcEndpointId)}})
	e.must(err)

	e.gateway(n, "s3")
	ep, err = e.createS3Interface(n, aws.Bool(true), nil)
	e.must(err)
	if !aws.ToBool(ep.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint) {
		t.Fatalf("with a gateway the default is true: %+v", ep.DnsOptions)
	}

	for _, b := range []bool{true, false} {
		_, err = e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ssm")),
			VpcEndpointType: types.VpcEndpointTypeInterface, PrivateDnsEnabled: aws.Bool(false),
			DnsOptions: &types.DnsOptionsSpecification{PrivateDnsOnlyForInboundResolverEndpoint: aws.Bool(b)}})
		wantErr(t, err, "InvalidParameter", "PrivateDnsOnlyForInboundResolverEndpoint not supported for this service.")
		_, err = e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("dynamodb")),
			VpcEndpointType: types.VpcEndpointTypeInterface, PrivateDnsEnabled: aws.Bool(false),
			DnsOptions: &types.DnsOptionsSpecification{PrivateDnsOnlyForInboundResolverEndpoint: aws.Bool(b)}})
		wantErr(t, err, "InvalidParameter", "PrivateDnsOnlyForInboundResolverEndpoint not supported for this service.")
		_, err = e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("dynamodb")),
			DnsOptions: &types.DnsOptionsSpecification{PrivateDnsOnlyForInboundResolverEndpoint: aws.Bool(b)}})
		wantErr(t, err, "InvalidParameter", "DnsOptions PrivateDnsOnlyForInboundResolverEndpoint is applicable only to Interface VPC Endpoints.")
	}
}

func TestModifyVpcEndpoint_inboundResolverDefault(t *testing.T) {
	t.Parallel()
	opts := fastOptions()
	opts.DNSReservationWindow = time.Millisecond
	e := newEnv(t, opts)
	n := e.network(true)
	ep, err := e.createS3Interface(n, aws.Bool(false), nil)
	e.must(err)
	id := aws.ToString(ep.VpcEndpointId)
	e.waitState(id, "available")

	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, PrivateDnsEnabled: aws.Bool(true)})
	wantErr(t, err, "InvalidParameter", inboundMsg(n.vpc))
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, PrivateDnsEnabled: aws.Bool(true),
		DnsOptions: &types.DnsOptionsSpecification{PrivateDnsOnlyForInboundResolverEndpoint: aws.Bool(false)}})
	e.must(err)
	got := e.describe(id)
	if !aws.ToBool(got.PrivateDnsEnabled) || got.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint == nil || *got.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint {
		t.Fatalf("%+v", got.DnsOptions)
	}
	e.waitState(id, "available")
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, PrivateDnsEnabled: aws.Bool(false)})
	e.must(err)
	e.waitState(id, "available")

	e.gateway(n, "s3")
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, PrivateDnsEnabled: aws.Bool(true)})
	e.must(err)
	if got := e.describe(id); !aws.ToBool(got.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint) {
		t.Fatalf("turning private DNS on with a gateway defaults the option to true: %+v", got.DnsOptions)
	}
	e.waitState(id, "available")

	ssm := e.iface(n, svc("ssm"), false, n.subnets[0])
	ssmID := aws.ToString(ssm.VpcEndpointId)
	e.waitState(ssmID, "available")
	for _, b := range []bool{true, false} {
		_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &ssmID,
			DnsOptions: &types.DnsOptionsSpecification{PrivateDnsOnlyForInboundResolverEndpoint: aws.Bool(b)}})
		wantErr(t, err, "InvalidParameter", "PrivateDnsOnlyForInboundResolverEndpoint not supported for this service.")
	}
	gw := e.gateway(n, "dynamodb")
	gwID := aws.ToString(gw.VpcEndpointId)
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &gwID,
		DnsOptions: &types.DnsOptionsSpecification{PrivateDnsOnlyForInboundResolverEndpoint: aws.Bool(false)}})
	wantErr(t, err, "InvalidParameter", "DnsOptions PrivateDnsOnlyForInboundResolverEndpoint is applicable only to Interface VPC Endpoints.")
}

// Items 3 and 4: ServiceRegion naming the caller's region, zones of remote services, and the zones
// a cross-region endpoint may use.
func TestCreateVpcEndpoint_crossRegion(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	_, err := e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")),
		ServiceRegion: aws.String(region), VpcEndpointType: types.VpcEndpointTypeInterface, PrivateDnsEnabled: aws.Bool(false)})
	wantErr(t, err, "InvalidServiceName", "The Vpc Endpoint Service '"+svc("s3")+"' does not exist")

	west, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceRegions: []string{"us-west-2"}})
	e.must(err)
	for _, d := range west.ServiceDetails {
		if len(d.AvailabilityZones) != 0 || len(d.AvailabilityZoneIds) != 0 {
			t.Fatalf("a remote service lists no zones: %+v", d)
		}
	}
	local, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{svc("s3")}})
	e.must(err)
	if len(local.ServiceDetails[0].AvailabilityZones) != 6 {
		t.Fatalf("local zones: %v", local.ServiceDetails[0].AvailabilityZones)
	}

	// n.subnets are in us-east-1a, b, c, e: use1-az1, az2, az3, az5.
	for _, sn := range []string{n.subnets[2], n.subnets[3]} {
		_, err = e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String("com.amazonaws.us-west-2.s3"),
			ServiceRegion: aws.String("us-west-2"), VpcEndpointType: types.VpcEndpointTypeInterface, PrivateDnsEnabled: aws.Bool(false),
			SubnetIds: []string{n.subnets[0], sn}})
		wantErr(t, err, "InvalidParameter", "Only the following availability zones are supported for remote access: use1-az1, use1-az2, use1-az4, use1-az6")
	}
	out, err := e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String("com.amazonaws.us-west-2.s3"),
		ServiceRegion: aws.String("us-west-2"), VpcEndpointType: types.VpcEndpointTypeInterface, PrivateDnsEnabled: aws.Bool(false),
		SubnetIds: []string{n.subnets[0], n.subnets[1]}})
	e.must(err)
	id := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	e.waitState(id, "available")
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddSubnetIds: []string{n.subnets[2]}})
	wantErr(t, err, "InvalidParameter", "Only the following availability zones are supported for remote access: use1-az1, use1-az2, use1-az4, use1-az6")
}

// Item 5: AWS's own wording.
func TestVpcEndpoint_awsMessages(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(true)
	const suffix = "; the Id may only contain lowercase alphanumeric characters and a single dash')"
	iface := types.VpcEndpointTypeInterface
	for _, tc := range []struct {
		name      string
		in        ec2.CreateVpcEndpointInput
		code, msg string
	}{
		{"malformed VPC", ec2.CreateVpcEndpointInput{VpcId: aws.String("vpc_1"), ServiceName: aws.String(svc("s3"))},
			"InvalidVpcId.Malformed", "Invalid Id: 'vpc_1' (expecting 'vpc-..." + suffix},
		{"VPC id of another kind", ec2.CreateVpcEndpointInput{VpcId: &n.subnets[0], ServiceName: aws.String(svc("s3"))},
			"InvalidVpcId.Malformed", "Invalid Id: '" + n.subnets[0] + "' (expecting 'vpc-..." + suffix},
		{"malformed subnet", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ssm")), VpcEndpointType: iface, SubnetIds: []string{"module.vpc.subnets"}},
			"InvalidSubnetId.Malformed", "Invalid Subnet Id: 'module.vpc.subnets' (expecting 'subnet-..." + suffix},
		{"malformed route table", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), RouteTableIds: []string{"RTB-1"}},
			"InvalidRouteTableId.Malformed", "Invalid Id: 'RTB-1' (expecting 'rtb-..." + suffix},
		{"malformed security group", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("ssm")), VpcEndpointType: iface, SecurityGroupIds: []string{"default"}},
			"InvalidGroupId.Malformed", "Invalid Id: 'default' (expecting 'sg-..." + suffix},
		{"subnets on gateway", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")), SubnetIds: []string{n.subnets[0]}},
			"InvalidParameter", "Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints."},
		{"inbound option on gateway", ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")),
			DnsOptions: &types.DnsOptionsSpecification{PrivateDnsOnlyForInboundResolverEndpoint: aws.Bool(true)}},
			"InvalidParameter", "DnsOptions PrivateDnsOnlyForInboundResolverEndpoint is applicable only to Interface VPC Endpoints."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			_, err := e.ec2.CreateVpcEndpoint(e.ctx, &in)
			wantErr(t, err, tc.code, tc.msg)
		})
	}
	ep := e.iface(n, svc("ssm"), false, n.subnets[0])
	id := aws.ToString(ep.VpcEndpointId)
	_, err := e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddSubnetIds: []string{"subnet_2"}})
	wantErr(t, err, "InvalidSubnetId.Malformed", "Invalid Subnet Id: 'subnet_2' (expecting 'subnet-..."+suffix)
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddSubnetIds: []string{n.subnets[1]}})
	e.must(err)
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &id, AddSubnetIds: []string{n.subnets[2]}})
	wantErr(t, err, "OperationInProgress", "VpcEndpoint modify operation in progress")
	_, err = e.ec2.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-0123456789abcdef0"), ResetPolicy: aws.Bool(true)})
	wantErr(t, err, "InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id 'vpce-0123456789abcdef0' does not exist")
	_, err = e.ec2.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{"vpce-0123456789abcdef0"}})
	wantErr(t, err, "InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id 'vpce-0123456789abcdef0' does not exist")

	e.gateway(n, "s3")
	s3, err := e.createS3Interface(n, aws.Bool(true), nil)
	e.must(err)
	for _, d := range s3.DnsEntries {
		if !strings.HasPrefix(aws.ToString(d.DnsName), "*.") {
			t.Fatalf("S3 interface DNS names are wildcards: %s", aws.ToString(d.DnsName))
		}
	}
}

// Item 6: tag limits, on CreateTags and TagSpecifications.
func TestTags_limits(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	id := e.vpc(false)
	many := func(n int, prefix string) []types.Tag {
		var out []types.Tag
		for i := 0; i < n; i++ {
			out = append(out, types.Tag{Key: aws.String(prefix + strings.Repeat("k", i+1)), Value: aws.String("v")})
		}
		return out
	}
	for _, tc := range []struct {
		name      string
		tags      []types.Tag
		code, msg string
	}{
		{"reserved prefix", []types.Tag{{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("x")}},
			"InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use"},
		{"reserved prefix, any case", []types.Tag{{Key: aws.String("AWS:x"), Value: aws.String("x")}},
			"InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use"},
		{"long key", []types.Tag{{Key: aws.String(strings.Repeat("k", 129)), Value: aws.String("x")}},
			"InvalidParameterValue", "Tag key exceeds the maximum length of 128 characters"},
		{"empty key", []types.Tag{{Key: aws.String(""), Value: aws.String("x")}},
			"InvalidParameterValue", "Tag key must not be empty"},
		{"long value", []types.Tag{{Key: aws.String("k"), Value: aws.String(strings.Repeat("v", 257))}},
			"InvalidParameterValue", "Tag value exceeds the maximum length of 256 characters"},
		{"51 tags", many(51, ""), "TagLimitExceeded", "The maximum number of Tags for a resource has been reached."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.ec2.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: tc.tags})
			wantErr(t, err, tc.code, tc.msg)
			_, err = e.ec2.CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.1.0.0/16"),
				TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpc, Tags: tc.tags}}})
			wantErr(t, err, tc.code, tc.msg)
		})
	}
	// At the limits: 128-character keys, 256-character values, 50 tags, overwriting at 50.
	_, err := e.ec2.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{id},
		Tags: []types.Tag{{Key: aws.String(strings.Repeat("k", 128)), Value: aws.String(strings.Repeat("v", 256))}}})
	e.must(err)
	_, err = e.ec2.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: many(49, "n")})
	e.must(err)
	_, err = e.ec2.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: many(2, "n")})
	e.must(err) // both keys exist already
	_, err = e.ec2.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: many(1, "m")})
	wantErr(t, err, "TagLimitExceeded", "The maximum number of Tags for a resource has been reached.")
	vpcs, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	e.must(err)
	if len(vpcs.Vpcs[0].Tags) != 50 {
		t.Fatalf("%d tags", len(vpcs.Vpcs[0].Tags))
	}

	n := e.network(false)
	_, err = e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3")),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpcEndpoint, Tags: many(51, "")}}})
	wantErr(t, err, "TagLimitExceeded", "The maximum number of Tags for a resource has been reached.")
	out, err := e.ec2.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{})
	e.must(err)
	if len(out.VpcEndpoints) != 0 {
		t.Fatal("a create refused for its tags left an endpoint")
	}
}

// skewedSigner signs requests as if the client's clock were off by skew, or for another service.
type skewedSigner struct {
	skew    time.Duration
	service string
}

func (s skewedSigner) SignHTTP(ctx context.Context, creds aws.Credentials, r *http.Request, payloadHash, service, region string,
	signingTime time.Time, optFns ...func(*v4.SignerOptions)) error {
	if s.service != "" {
		service = s.service
	}
	return v4.NewSigner().SignHTTP(ctx, creds, r, payloadHash, service, region, signingTime.Add(s.skew), optFns...)
}

// Item 8: signing time and credential scope.
func TestAuth_timeAndScope(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	with := func(sig skewedSigner) *ec2.Client {
		return ec2.New(e.ec2.Options(), func(o *ec2.Options) { o.HTTPSignerV4, o.AuthSchemes = sig, nil })
	}
	for _, skew := range []time.Duration{-16 * time.Minute, 16 * time.Minute} {
		_, err := with(skewedSigner{skew: skew}).DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
		wantErr(t, err, "RequestExpired", "Request has expired.")
	}
	for _, skew := range []time.Duration{-14 * time.Minute, 14 * time.Minute} {
		_, err := with(skewedSigner{skew: skew}).DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
		e.must(err)
	}
	_, err := with(skewedSigner{service: "s3"}).DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	wantErr(t, err, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'ec2'. ")

	stsWith := func(sig skewedSigner) *sts.Client {
		return sts.New(stsClient(e.url, "test", "test").Options(), func(o *sts.Options) { o.HTTPSignerV4, o.AuthSchemes = sig, nil })
	}
	_, err = stsWith(skewedSigner{service: "iam"}).GetCallerIdentity(e.ctx, &sts.GetCallerIdentityInput{})
	wantErr(t, err, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'sts'. ")
	_, err = stsWith(skewedSigner{skew: -time.Hour}).GetCallerIdentity(e.ctx, &sts.GetCallerIdentityInput{})
	wantErr(t, err, "SignatureDoesNotMatch", "")
	if !strings.HasPrefix(errMessage(err), "Signature expired: ") {
		t.Fatal(err)
	}
	if c := e.srv.Calls("DescribeVpcs"); c != 5 {
		t.Fatalf("calls %d", c)
	}
}
