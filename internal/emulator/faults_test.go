package emulator_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// outcomes runs n DescribeVpcs calls and returns, per call, the error code ("" for success).
func (e *env) outcomes(n int) []string {
	e.t.Helper()
	out := make([]string, n)
	for i := range out {
		_, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
		var ae smithy.APIError
		switch {
		case errors.As(err, &ae):
			out[i] = ae.ErrorCode()
		case err != nil:
			e.t.Fatal(err)
		}
	}
	return out
}

func TestFaults_errorRateIsSeeded(t *testing.T) {
	t.Parallel()
	opts := fastOptions()
	opts.Faults = emulator.Faults{Seed: 7, All: emulator.ActionFaults{ErrorRate: 0.5, ErrorCode: "RequestLimitExceeded"}}
	e := newEnv(t, opts)
	first := e.outcomes(40)
	failed := 0
	for _, c := range first {
		switch c {
		case "":
		case "RequestLimitExceeded":
			failed++
		default:
			t.Fatalf("code %s", c)
		}
	}
	if failed < 8 || failed > 32 {
		t.Fatalf("%d of 40 failed at rate 0.5", failed)
	}
	if got := e.srv.FaultCounts()["DescribeVpcs"].Errors; got != failed {
		t.Fatalf("fault counter %d, want %d", got, failed)
	}
	if got := e.srv.Calls("DescribeVpcs"); got != 40 {
		t.Fatalf("calls %d", got)
	}

	// The same seed replays the same sequence.
	e.srv.SetFaults(emulator.Faults{Seed: 7, All: emulator.ActionFaults{ErrorRate: 0.5, ErrorCode: "RequestLimitExceeded"}})
	again := e.outcomes(40)
	for i := range first {
		if first[i] != again[i] {
			t.Fatalf("call %d: %q then %q with the same seed", i, first[i], again[i])
		}
	}
	_, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	for err == nil {
		_, err = e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	}
	wantErr(t, err, "RequestLimitExceeded", "Request limit exceeded.")

	e.srv.SetFaults(emulator.Faults{})
	for _, c := range e.outcomes(10) {
		if c != "" {
			t.Fatalf("faults off: %s", c)
		}
	}
	e.srv.ResetCalls()
	if len(e.srv.FaultCounts()) != 0 {
		t.Fatal("ResetCalls keeps fault counts")
	}
}

// ThrottleRate and ErrorRate combine: both are fractions of all calls, throttled calls answer
// RequestLimitExceeded and count as Throttled, errors answer ErrorCode and count as Errors.
func TestFaults_throttleRateWithErrorRate(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	e.srv.SetFaults(emulator.Faults{Seed: 3, All: emulator.ActionFaults{ThrottleRate: 0.3, ErrorRate: 0.1}})
	const n = 2000
	got := map[string]int{}
	for _, c := range e.outcomes(n) {
		got[c]++
	}
	if len(got) != 3 {
		t.Fatalf("outcomes %v: want success, RequestLimitExceeded and InternalError only", got)
	}
	// 30 % ± 4 points and 10 % ± 3 points (binomial, n = 2000: several standard deviations).
	if th := got["RequestLimitExceeded"]; th < 520 || th > 680 {
		t.Errorf("%d of %d throttled, want about 600", th, n)
	}
	if er := got["InternalError"]; er < 140 || er > 260 {
		t.Errorf("%d of %d InternalError, want about 200", er, n)
	}
	c := e.srv.FaultCounts()["DescribeVpcs"]
	if c.Throttled != got["RequestLimitExceeded"] || c.Errors != got["InternalError"] {
		t.Fatalf("counters %+v, outcomes %v", c, got)
	}

	// A throttled call never runs: a mutating one commits nothing.
	e.srv.SetFaults(emulator.Faults{Actions: map[string]emulator.ActionFaults{"CreateVpc": {ThrottleRate: 1, ErrorRate: 1}}})
	_, err := e.ec2.CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	wantErr(t, err, "RequestLimitExceeded", "Request limit exceeded.")
	out, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	e.must(err)
	if len(out.Vpcs) != 0 {
		t.Fatalf("a throttled CreateVpc committed: %d VPCs", len(out.Vpcs))
	}
	if c := e.srv.FaultCounts()["CreateVpc"]; c.Throttled != 1 || c.Errors != 0 {
		t.Fatalf("%+v", c)
	}
}

func TestFaults_perActionOverrides(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	e.srv.SetFaults(emulator.Faults{
		All:     emulator.ActionFaults{ErrorRate: 1},
		Actions: map[string]emulator.ActionFaults{"CreateVpc": {}, "DescribeSubnets": {ErrorRate: 1, ErrorCode: "Unavailable"}},
	})
	_, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	wantErr(t, err, "InternalError", "An internal error has occurred")
	_, err = e.ec2.DescribeSubnets(e.ctx, &ec2.DescribeSubnetsInput{})
	wantErr(t, err, "Unavailable", "The service is unavailable. Please try again shortly.")
	e.vpc(false) // CreateVpc is exempt

	// The deterministic knobs still work and count as faults.
	e.srv.SetFaults(emulator.Faults{})
	e.srv.InjectError("DescribeVpcs", "InternalError", 1)
	_, err = e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	wantErr(t, err, "InternalError", "")
	e.srv.SetThrottle(0.001, 1)
	_, _ = e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	_, err = e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	wantErr(t, err, "RequestLimitExceeded", "Request limit exceeded.")
	e.srv.SetThrottle(0, 0)
	c := e.srv.FaultCounts()
	if c["DescribeVpcs"].Errors != 2 || c["DescribeVpcs"].Throttled != 1 || c["DescribeSubnets"].Errors != 1 || c["CreateVpc"] != (emulator.FaultCount{}) {
		t.Fatalf("%+v", c)
	}
}

func TestFaults_dropRateCommits(t *testing.T) {
	t.Parallel()
	opts := fastOptions()
	opts.Faults = emulator.Faults{Seed: 1, All: emulator.ActionFaults{DropRate: 1}}
	e := newEnv(t, opts)
	if got := e.outcomes(3); got[0] != "" || got[2] != "" {
		t.Fatalf("describes are never dropped: %v", got)
	}
	_, err := e.ec2.CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	var ae smithy.APIError
	if err == nil || errors.As(err, &ae) {
		t.Fatalf("want a transport error, got %v", err)
	}
	out, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	e.must(err)
	if len(out.Vpcs) != 1 {
		t.Fatalf("the dropped CreateVpc did not commit: %d VPCs", len(out.Vpcs))
	}
	if c := e.srv.FaultCounts()["CreateVpc"]; c.Dropped != 1 {
		t.Fatalf("%+v", c)
	}
}

func TestFaults_slowAnswerAfterCommit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	e.srv.SetFaults(emulator.Faults{Actions: map[string]emulator.ActionFaults{"CreateVpc": {SlowAnswer: 2 * time.Second}}})
	ctx, cancel := e.ctxWithTimeout(300 * time.Millisecond)
	defer cancel()
	_, err := e.ec2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	if err == nil {
		t.Fatal("the answer came before the client's deadline")
	}
	out, err := e.ec2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{}) // not slowed: only CreateVpc is
	e.must(err)
	if len(out.Vpcs) != 1 {
		t.Fatalf("the slow CreateVpc was not committed before its answer: %d VPCs", len(out.Vpcs))
	}
	if c := e.srv.FaultCounts(); c["CreateVpc"].Slowed != 1 || c["DescribeVpcs"].Slowed != 0 {
		t.Fatalf("%+v", c)
	}
}

func TestParseActionFaults(t *testing.T) {
	t.Parallel()
	action, f, err := emulator.ParseActionFaults("ModifyVpcEndpoint:throttle-rate=0.3,error-rate=0.25,error-code=RequestLimitExceeded,drop-rate=0.5,slow-answer=2s,slow-rate=1")
	if err != nil {
		t.Fatal(err)
	}
	want := emulator.ActionFaults{ThrottleRate: 0.3, ErrorRate: 0.25, ErrorCode: "RequestLimitExceeded", DropRate: 0.5, SlowAnswer: 2 * time.Second, SlowRate: 1}
	if action != "ModifyVpcEndpoint" || f != want {
		t.Fatalf("%s %+v", action, f)
	}
	for _, bad := range []string{"ModifyVpcEndpoint", ":error-rate=0.1", "X:error-rate=2", "X:throttle-rate=-1", "X:error-rate", "X:slow-answer=soon", "X:colour=red"} {
		if _, _, err := emulator.ParseActionFaults(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Item 7: an endpoint that lands in "failed" with LastError.
func TestEndpointFailure(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(true)
	e.srv.SetEndpointFailure(emulator.EndpointFailure{Code: "InsufficientCapacity", Message: "There is not enough capacity to fulfill your request."})
	gw := e.gateway(n, "s3", n.rts[0])
	id := aws.ToString(gw.VpcEndpointId)
	if gw.State != "pending" || gw.LastError != nil {
		t.Fatalf("%+v", gw)
	}
	e.waitState(id, "failed")
	got := e.describe(id)
	if got.LastError == nil || aws.ToString(got.LastError.Code) != "InsufficientCapacity" ||
		aws.ToString(got.LastError.Message) != "There is not enough capacity to fulfill your request." {
		t.Fatalf("%+v", got.LastError)
	}
	rts, err := e.ec2.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{n.rts[0]}})
	e.must(err)
	if len(rts.RouteTables[0].Routes) != 1 {
		t.Fatalf("a failed gateway keeps its route: %+v", rts.RouteTables[0].Routes)
	}
	out, err := e.ec2.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{Filters: []types.Filter{filter("vpc-endpoint-state", "failed")}})
	e.must(err)
	if len(out.VpcEndpoints) != 1 {
		t.Fatalf("%d failed endpoints", len(out.VpcEndpoints))
	}

	// Only the next endpoint fails; an interface endpoint that fails releases its interfaces.
	ok := e.gateway(n, "dynamodb")
	e.waitState(aws.ToString(ok.VpcEndpointId), "available")
	if e.describe(aws.ToString(ok.VpcEndpointId)).LastError != nil {
		t.Fatal("second endpoint has a LastError")
	}
	e.srv.SetEndpointFailure(emulator.EndpointFailure{Code: "VpcEndpointCreationFailed", Message: "boom"})
	ie := e.iface(n, svc("ssm"), true, n.subnets[0])
	e.waitState(aws.ToString(ie.VpcEndpointId), "failed")
	if got := e.describe(aws.ToString(ie.VpcEndpointId)); len(got.NetworkInterfaceIds) != 0 || len(got.DnsEntries) != 0 {
		t.Fatalf("%+v", got)
	}
	_, err = e.ec2.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: &n.subnets[0]})
	e.must(err)
	// Its private DNS name is free again.
	e.iface(n, svc("ssm"), true, n.subnets[1])
}
