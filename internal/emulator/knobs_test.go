package emulator_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

func TestKnobs_throttle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	e.srv.SetThrottle(0.001, 2)
	for i := 0; i < 2; i++ {
		_, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
		e.must(err)
	}
	_, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	wantErr(t, err, "RequestLimitExceeded", "Request limit exceeded.")
	e.srv.SetThrottle(0, 0)
	_, err = e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	e.must(err)
	if e.srv.Calls("DescribeVpcs") != 4 {
		t.Fatalf("calls %d", e.srv.Calls("DescribeVpcs"))
	}
}

func TestKnobs_injectAndCounters(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	e.srv.InjectError("DescribeVpcs", "InternalError", 1)
	_, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	wantErr(t, err, "InternalError", "An internal error has occurred")
	_, err = e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	e.must(err)
	e.vpc(false)
	c := e.srv.CallCounts()
	if c["DescribeVpcs"] != 2 || c["CreateVpc"] != 1 {
		t.Fatalf("%v", c)
	}
	e.srv.ResetCalls()
	if len(e.srv.CallCounts()) != 0 {
		t.Fatal("reset")
	}
}

func TestKnobs_dropResponse(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	e.srv.DropResponses("CreateVpcEndpoint", 1)
	_, err := e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: aws.String(svc("s3"))})
	if err == nil {
		t.Fatal("want a transport error")
	}
	out, err := e.ec2.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{})
	e.must(err)
	if len(out.VpcEndpoints) != 1 {
		t.Fatalf("dropped create did not commit: %d endpoints", len(out.VpcEndpoints))
	}
}

func TestKnobs_latencyAndConsistency(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	e.srv.SetLatency(100 * time.Millisecond)
	start := time.Now()
	_, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	e.must(err)
	if time.Since(start) < 100*time.Millisecond {
		t.Fatal("latency not applied")
	}
	e.srv.SetLatency(0)
	e.srv.SetConsistencyWindow(300 * time.Millisecond)
	gw := e.gateway(n, "s3")
	id := aws.ToString(gw.VpcEndpointId)
	_, err = e.ec2.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	wantErr(t, err, "InvalidVpcEndpointId.NotFound", "")
	e.waitState(id, "available")
}

// With ScaleConsistencyWindow, the window is simulated time: an hour at a scale of 5e-4 is 1.8 s.
func TestKnobs_scaledConsistencyWindow(t *testing.T) {
	t.Parallel()
	opts := fastOptions()
	opts.TimeScale = 5e-4
	opts.ConsistencyWindow = time.Hour
	opts.ScaleConsistencyWindow = true
	e := newEnv(t, opts)
	n := e.network(false)
	start := time.Now()
	id := aws.ToString(e.gateway(n, "s3").VpcEndpointId)
	_, err := e.ec2.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if time.Since(start) < 1500*time.Millisecond { // else the machine is too slow to tell
		wantErr(t, err, "InvalidVpcEndpointId.NotFound", "")
	}
	e.waitState(id, "available") // within waitState's 5 s: not an hour

	// Without the option, the same window is real time.
	opts.ScaleConsistencyWindow = false
	e2 := newEnv(t, opts)
	n2 := e2.network(false)
	id2 := aws.ToString(e2.gateway(n2, "s3").VpcEndpointId)
	time.Sleep(500 * time.Millisecond)
	_, err = e2.ec2.DescribeVpcEndpoints(e2.ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id2}})
	wantErr(t, err, "InvalidVpcEndpointId.NotFound", "")
}

func TestKnobs_timeScaleAndDurations(t *testing.T) {
	t.Parallel()
	e := newEnv(t, emulator.Options{PendingDuration: time.Hour})
	n := e.network(false)
	e.srv.SetTimeScale(1e-6) // one hour → 3.6 ms
	gw := e.gateway(n, "s3")
	e.waitState(aws.ToString(gw.VpcEndpointId), "available")
	e.srv.SetTimeScale(1)
	e.srv.SetDurations(10*time.Millisecond, 10*time.Millisecond, 10*time.Millisecond, 10*time.Millisecond)
	gw2 := e.gateway(n, "dynamodb")
	e.waitState(aws.ToString(gw2.VpcEndpointId), "available")
}

func TestSeedDemo(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n, err := seed.Demo(e.ctx, e.ec2, "demo")
	e.must(err)
	if n.Region != region || len(n.SubnetIDs) != 3 || len(n.AvailabilityZones) != 3 || len(n.RouteTableIDs) != 2 || n.SecurityGroupID == "" || n.MainRouteTableID == "" {
		t.Fatalf("%+v", n)
	}
	attr, err := e.ec2.DescribeVpcAttribute(e.ctx, &ec2.DescribeVpcAttributeInput{VpcId: &n.VPCID, Attribute: types.VpcAttributeNameEnableDnsHostnames})
	e.must(err)
	if !aws.ToBool(attr.EnableDnsHostnames.Value) {
		t.Fatal("hostnames off")
	}
	ep := e.iface(&network{vpc: n.VPCID}, svc("ssm"), true, n.SubnetIDs...)
	_, err = e.ec2.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{aws.ToString(ep.VpcEndpointId)}})
	e.must(err)
	e.waitState(aws.ToString(ep.VpcEndpointId), "deleted")
	e.must(seed.Destroy(e.ctx, e.ec2, n))
	out, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	e.must(err)
	if len(out.Vpcs) != 0 {
		t.Fatal("VPC left behind")
	}
}
