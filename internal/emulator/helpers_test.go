package emulator_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

const region = emulator.DefaultRegion

type env struct {
	t   *testing.T
	srv *emulator.Server
	url string
	ec2 *ec2.Client
	ctx context.Context
}

func fastOptions() emulator.Options {
	return emulator.Options{
		PendingDuration:      50 * time.Millisecond,
		DeletingDuration:     50 * time.Millisecond,
		DeletedRetention:     100 * time.Millisecond,
		DNSReservationWindow: 150 * time.Millisecond,
	}
}

func newEnv(t *testing.T, opts emulator.Options) *env {
	t.Helper()
	srv := emulator.New(opts)
	url, err := srv.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return &env{t: t, srv: srv, url: url, ec2: ec2Client(url, "test", "test"), ctx: ctx}
}

func ec2Client(url, key, secret string) *ec2.Client {
	return ec2.New(ec2.Options{
		Region:       region,
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider(key, secret, ""),
		Retryer:      retry.AddWithMaxAttempts(retry.NewStandard(), 1),
	})
}

func stsClient(url, key, secret string) *sts.Client {
	return sts.New(sts.Options{
		Region:       region,
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider(key, secret, ""),
		Retryer:      retry.AddWithMaxAttempts(retry.NewStandard(), 1),
	})
}

func (e *env) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

// wantErr asserts an AWS error code and, when msg is not empty, its message.
func wantErr(t *testing.T, err error, code, msg string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want %s error, got %v", code, err)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("want code %s, got %s: %s", code, ae.ErrorCode(), ae.ErrorMessage())
	}
	if msg != "" && ae.ErrorMessage() != msg {
		t.Fatalf("want message\n%q\ngot\n%q", msg, ae.ErrorMessage())
	}
}

func (e *env) ctxWithTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(e.ctx, d)
}

// errMessage returns the AWS error message of err, or "".
func errMessage(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorMessage()
	}
	return ""
}

type network struct {
	vpc     string
	subnets []string // us-east-1a, b, c, e
	rts     []string // two non-main
	mainRT  string
	sg      string
	defSG   string
}

func (e *env) vpc(dns bool) string {
	e.t.Helper()
	out, err := e.ec2.CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	e.must(err)
	if dns {
		_, err = e.ec2.ModifyVpcAttribute(e.ctx, &ec2.ModifyVpcAttributeInput{VpcId: out.Vpc.VpcId, EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}})
		e.must(err)
	}
	return aws.ToString(out.Vpc.VpcId)
}

func (e *env) network(dns bool) *network {
	e.t.Helper()
	n := &network{vpc: e.vpc(dns)}
	for i, az := range []string{"a", "b", "c", "e"} {
		out, err := e.ec2.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &n.vpc, CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", i)), AvailabilityZone: aws.String(region + az)})
		e.must(err)
		n.subnets = append(n.subnets, aws.ToString(out.Subnet.SubnetId))
	}
	for i := 0; i < 2; i++ {
		out, err := e.ec2.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &n.vpc})
		e.must(err)
		n.rts = append(n.rts, aws.ToString(out.RouteTable.RouteTableId))
	}
	rts, err := e.ec2.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("vpc-id", n.vpc), filter("association.main", "true")}})
	e.must(err)
	n.mainRT = aws.ToString(rts.RouteTables[0].RouteTableId)
	sg, err := e.ec2.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{VpcId: &n.vpc, GroupName: aws.String("ep"), Description: aws.String("ep")})
	e.must(err)
	n.sg = aws.ToString(sg.GroupId)
	def, err := e.ec2.DescribeSecurityGroups(e.ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{filter("vpc-id", n.vpc), filter("group-name", "default")}})
	e.must(err)
	n.defSG = aws.ToString(def.SecurityGroups[0].GroupId)
	return n
}

func filter(name string, values ...string) types.Filter {
	return types.Filter{Name: aws.String(name), Values: values}
}

func svc(name string) string { return "com.amazonaws." + region + "." + name }

func (e *env) gateway(n *network, service string, rts ...string) *types.VpcEndpoint {
	e.t.Helper()
	out, err := e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc(service)), RouteTableIds: rts})
	e.must(err)
	return out.VpcEndpoint
}

func (e *env) iface(n *network, service string, privateDNS bool, subnets ...string) *types.VpcEndpoint {
	e.t.Helper()
	out, err := e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(service),
		VpcEndpointType: types.VpcEndpointTypeInterface, SubnetIds: subnets, PrivateDnsEnabled: aws.Bool(privateDNS)})
	e.must(err)
	return out.VpcEndpoint
}

// describe returns the endpoint, or nil when it is not found.
func (e *env) describe(id string) *types.VpcEndpoint {
	e.t.Helper()
	out, err := e.ec2.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	var ae smithy.APIError
	if errors.As(err, &ae) && ae.ErrorCode() == "InvalidVpcEndpointId.NotFound" {
		return nil
	}
	e.must(err)
	return &out.VpcEndpoints[0]
}

// waitState polls until the endpoint's state is want ("" means gone).
func (e *env) waitState(id, want string) {
	e.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ep := e.describe(id)
		got := ""
		if ep != nil {
			got = string(ep.State)
		}
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("endpoint %s: state %q, want %q", id, got, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
