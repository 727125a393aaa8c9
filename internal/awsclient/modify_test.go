package awsclient

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

const modifyOK = `<return>true</return>`

func TestModifyVPCEndpointRetriesOperationInProgress(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	var calls atomic.Int32
	f.handle("ModifyVpcEndpoint", func(url.Values) fakeResponse {
		if calls.Add(1) <= 3 {
			return apiError("OperationInProgress", "An operation is already in progress for vpce-1")
		}
		return ok("ModifyVpcEndpoint", modifyOK)
	})
	f.handle("DescribeVpcEndpoints", sequence("pending", "available"))
	f.handle("DescribeRouteTables", routeTablesHandler(t))
	c := f.awsClient()
	ctx := testCtx(t)

	// Prime the mutable cache: the modify must invalidate it.
	if _, err := c.RouteTableFacts(ctx, []string{"rtb-1"}); err != nil {
		t.Fatal(err)
	}
	ep, err := c.ModifyVPCEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-1"), AddRouteTableIds: []string{"rtb-1"}}, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(ep.VpcEndpointId) != "vpce-1" || string(ep.State) != "available" {
		t.Errorf("endpoint = %+v", ep)
	}
	if calls.Load() != 4 {
		t.Errorf("ModifyVpcEndpoint calls = %d, want 4", calls.Load())
	}
	if _, err := c.RouteTableFacts(ctx, []string{"rtb-1"}); err != nil || f.count("DescribeRouteTables") != 2 {
		t.Errorf("mutable facts not invalidated: %d calls, %v", f.count("DescribeRouteTables"), err)
	}
}

func TestModifyVPCEndpointErrors(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("ModifyVpcEndpoint", func(form url.Values) fakeResponse {
		if form.Get("VpcEndpointId") == "vpce-busy" {
			return apiError("OperationInProgress", "busy")
		}
		return apiError("RouteAlreadyExists", "route table rtb-1 already has a route with destination-prefix-list-id pl-1")
	})
	c := f.awsClient()
	ctx := testCtx(t)

	_, err := c.ModifyVPCEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-1")}, 10*time.Second)
	var re *RuleError
	if !errors.As(TranslateError(err), &re) || re.Rule != "P7" || !strings.Contains(err.Error(), "vpce-1") {
		t.Errorf("err = %v", err)
	}
	if f.count("ModifyVpcEndpoint") != 1 {
		t.Errorf("non-retryable error retried: %d calls", f.count("ModifyVpcEndpoint"))
	}

	_, err = c.ModifyVPCEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-busy")}, 80*time.Millisecond)
	if !ErrCodeEquals(err, ErrCodeOperationInProgress) || !strings.Contains(err.Error(), "80ms") {
		t.Errorf("err = %v, want OperationInProgress after the timeout", err)
	}

	if _, err := c.ModifyVPCEndpoint(ctx, &ec2.ModifyVpcEndpointInput{}, time.Second); err == nil {
		t.Error("missing id accepted")
	}
}

func TestModifyVPCEndpointSerialisesPerEndpoint(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	var inFlight, maxInFlight, otherInFlight, overlapOther atomic.Int32
	var mu sync.Mutex
	busyUntil := map[string]time.Time{} // endpoint → end of its pending window
	f.handle("ModifyVpcEndpoint", func(form url.Values) fakeResponse {
		id := form.Get("VpcEndpointId")
		if id == "vpce-other" {
			otherInFlight.Add(1)
			defer otherInFlight.Add(-1)
			time.Sleep(20 * time.Millisecond)
			return ok("ModifyVpcEndpoint", modifyOK)
		}
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		if otherInFlight.Load() > 0 {
			overlapOther.Add(1)
		}
		time.Sleep(5 * time.Millisecond)
		mu.Lock()
		defer mu.Unlock()
		if time.Now().Before(busyUntil[id]) {
			return apiError("OperationInProgress", "busy")
		}
		busyUntil[id] = time.Now().Add(3 * time.Millisecond)
		return ok("ModifyVpcEndpoint", modifyOK)
	})
	f.handle("DescribeVpcEndpoints", func(form url.Values) fakeResponse {
		var items []string
		for _, id := range requestedEndpointIDs(form) {
			mu.Lock()
			state := "available"
			if time.Now().Before(busyUntil[id]) {
				state = "pending"
			}
			mu.Unlock()
			items = append(items, endpointXML(id, "vpc-1", "com.amazonaws.us-east-1.s3", "Gateway", state, ""))
		}
		return describeEndpoints(items...)
	})
	c := f.awsClient()
	ctx := testCtx(t)

	const n = 12
	var wg sync.WaitGroup
	errs := make(chan error, n+1)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.ModifyVPCEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-1"),
				AddRouteTableIds: []string{"rtb-" + string(rune('a'+i))}}, 20*time.Second)
			errs <- err
		}()
	}
	wg.Add(1)
	go func() { // another endpoint is not held up by vpce-1's lock
		defer wg.Done()
		time.Sleep(10 * time.Millisecond)
		_, err := c.ModifyVPCEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-other")}, 20*time.Second)
		errs <- err
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got := maxInFlight.Load(); got != 1 {
		t.Errorf("max concurrent ModifyVpcEndpoint calls for vpce-1 = %d, want 1", got)
	}
	if got := f.count("ModifyVpcEndpoint"); got < n+1 {
		t.Errorf("ModifyVpcEndpoint calls = %d", got)
	}
	t.Logf("calls %d, overlap with other endpoint %d", f.count("ModifyVpcEndpoint"), overlapOther.Load())
}

func TestLockEndpoint(t *testing.T) {
	t.Parallel()
	c := &Client{}
	unlock := c.LockEndpoint("vpce-1")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := c.LockEndpointContext(ctx, "vpce-1"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("second lock err = %v, want deadline exceeded", err)
	}
	other := c.LockEndpoint("vpce-2") // other endpoints are independent
	other()
	unlock()
	unlock() // idempotent
	again, err := c.LockEndpointContext(context.Background(), "vpce-1")
	if err != nil {
		t.Fatal(err)
	}
	again()
}

func TestModifyVPCEndpointFuncReadsUnderTheLock(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	var mu sync.Mutex
	counter := 0 // the endpoint's "policy": each caller increments what it read
	f.handle("ModifyVpcEndpoint", func(form url.Values) fakeResponse {
		time.Sleep(2 * time.Millisecond)
		mu.Lock()
		defer mu.Unlock()
		_, _ = fmt.Sscanf(form.Get("PolicyDocument"), "%d", &counter)
		return ok("ModifyVpcEndpoint", modifyOK)
	})
	f.handle("DescribeVpcEndpoints", func(form url.Values) fakeResponse {
		var items []string
		for _, id := range requestedEndpointIDs(form) {
			if id == "vpce-gone" {
				if form.Get("VpcEndpointId.1") != "" {
					return apiError("InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id 'vpce-gone' does not exist")
				}
				continue
			}
			mu.Lock()
			items = append(items, endpointXML(id, "vpc-1", "com.amazonaws.us-east-1.s3", "Gateway", "available",
				fmt.Sprintf("<policyDocument>%d</policyDocument>", counter)))
			mu.Unlock()
		}
		return describeEndpoints(items...)
	})
	c := f.awsClient()
	ctx := testCtx(t)

	const n = 8
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.ModifyVPCEndpointFunc(ctx, "vpce-1", func(ep *ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error) {
				var read int
				_, _ = fmt.Sscanf(aws.ToString(ep.PolicyDocument), "%d", &read)
				return &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-1"), PolicyDocument: aws.String(fmt.Sprint(read + 1))}, nil
			}, 10*time.Second)
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if counter != n {
		t.Errorf("counter = %d after %d read-modify-writes, want %d: a build decided on a stale read", counter, n, n)
	}

	// Nothing to do: no modify call, the endpoint read is returned.
	before := f.count("ModifyVpcEndpoint")
	ep, err := c.ModifyVPCEndpointFunc(ctx, "vpce-1", func(*ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error) { return nil, nil }, time.Second)
	if err != nil || aws.ToString(ep.VpcEndpointId) != "vpce-1" || f.count("ModifyVpcEndpoint") != before {
		t.Errorf("no-op: ep = %v, err = %v, calls %d → %d", ep, err, before, f.count("ModifyVpcEndpoint"))
	}

	// A vanished endpoint is not found, and build is not called.
	_, err = c.ModifyVPCEndpointFunc(ctx, "vpce-gone", func(*ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error) {
		t.Error("build called for a missing endpoint")
		return nil, nil
	}, time.Second)
	if !IsNotFound(err) {
		t.Errorf("err = %v, want not found", err)
	}
}

// A retried removal whose first attempt was applied (its answer lost) is success: AWS answers "not
// associated", the endpoint is read again, and nothing is left to do.
func TestModifyVPCEndpointFuncAlreadyApplied(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	var mu sync.Mutex
	subnets := []string{"subnet-a", "subnet-b"}
	f.handle("ModifyVpcEndpoint", func(form url.Values) fakeResponse {
		mu.Lock()
		defer mu.Unlock()
		rm := form.Get("RemoveSubnetId.1")
		if !slices.Contains(subnets, rm) {
			return apiError("InvalidParameter", "The subnet "+rm+" is not associated with the VPC endpoint vpce-1.")
		}
		subnets = slices.DeleteFunc(subnets, func(s string) bool { return s == rm })
		// The change is applied, but the answer is lost: the SDK would send it again. Answer with
		// the rejection a retry gets.
		return apiError("InvalidParameter", "The subnet "+rm+" is not associated with the VPC endpoint vpce-1.")
	})
	f.handle("DescribeVpcEndpoints", func(form url.Values) fakeResponse {
		mu.Lock()
		defer mu.Unlock()
		extra := "<subnetIdSet>"
		for _, s := range subnets {
			extra += "<item>" + s + "</item>"
		}
		extra += "</subnetIdSet>"
		return describeEndpoints(endpointXML("vpce-1", "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", "available", extra))
	})
	builds := 0
	_, err := f.awsClient().ModifyVPCEndpointFunc(testCtx(t), "vpce-1", func(e *ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error) {
		builds++
		if !slices.Contains(e.SubnetIds, "subnet-b") {
			return nil, nil // already gone: nothing to do
		}
		return &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-1"), RemoveSubnetIds: []string{"subnet-b"}}, nil
	}, 10*time.Second)
	if err != nil {
		t.Fatalf("a modify already applied failed: %v", err)
	}
	if builds != 2 || f.count("ModifyVpcEndpoint") != 1 {
		t.Errorf("builds = %d, ModifyVpcEndpoint calls = %d; want 2 and 1", builds, f.count("ModifyVpcEndpoint"))
	}
}

// A rejection that a fresh read does not explain is returned.
func TestModifyVPCEndpointFuncRealRejection(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("ModifyVpcEndpoint", func(url.Values) fakeResponse {
		return apiError("InvalidParameter", "The subnet subnet-z is not associated with the VPC endpoint vpce-1.")
	})
	f.handle("DescribeVpcEndpoints", func(url.Values) fakeResponse {
		return describeEndpoints(endpointXML("vpce-1", "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", "available", ""))
	})
	_, err := f.awsClient().ModifyVPCEndpointFunc(testCtx(t), "vpce-1", func(*ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error) {
		return &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-1"), RemoveSubnetIds: []string{"subnet-z"}}, nil
	}, 10*time.Second)
	if !ErrMessageContains(err, "InvalidParameter", "not associated") {
		t.Fatalf("err = %v, want the rejection", err)
	}
	if n := f.count("ModifyVpcEndpoint"); n != 1 {
		t.Errorf("ModifyVpcEndpoint calls = %d, want 1: the same change is not sent again", n)
	}
}
