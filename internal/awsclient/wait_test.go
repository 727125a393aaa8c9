package awsclient

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestNextDelaySequence(t *testing.T) {
	// Not parallel: reads the package's poll settings, which TestMain shortens; use the defaults here.
	initial, maxDelay := PollInitialDelay, PollMaxDelay
	PollInitialDelay, PollMaxDelay = time.Second, 10*time.Second
	defer func() { PollInitialDelay, PollMaxDelay = initial, maxDelay }()

	want := []time.Duration{
		1000 * time.Millisecond, 1500 * time.Millisecond, 2250 * time.Millisecond, 3375 * time.Millisecond,
		5062500 * time.Microsecond, 7593750 * time.Microsecond, 10 * time.Second, 10 * time.Second,
	}
	d := PollInitialDelay
	for i, w := range want {
		if d != w {
			t.Errorf("delay %d = %s, want %s", i, d, w)
		}
		d = NextDelay(d)
	}
	for i := 0; i < 100; i++ {
		if j := jitter(4 * time.Second); j < 2*time.Second || j > 4*time.Second {
			t.Fatalf("jitter(4s) = %s", j)
		}
	}
}

// sequence returns a handler that answers DescribeVpcEndpoints with the given states in turn (the
// last one repeated); "" answers not found, "gone" an empty set.
func sequence(states ...string) func(url.Values) fakeResponse {
	var n atomic.Int32
	return func(form url.Values) fakeResponse {
		i := int(n.Add(1)) - 1
		if i >= len(states) {
			i = len(states) - 1
		}
		switch s := states[i]; s {
		case "":
			return apiError("InvalidVpcEndpointId.NotFound", "The VpcEndpoint Id 'vpce-1' does not exist")
		case "gone":
			return describeEndpoints()
		default:
			extra := ""
			if s == "failed" {
				extra = "<lastError><code>InsufficientCapacity</code><message>no capacity in us-east-1a</message></lastError>"
			}
			id := form.Get("VpcEndpointId.1")
			if form.Get("Filter.1.Name") == "vpc-endpoint-id" {
				id = form.Get("Filter.1.Value.1")
			}
			return describeEndpoints(endpointXML(id, "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", s, extra))
		}
	}
}

func TestWaitVPCEndpointAvailable(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpoints", sequence("", "", "pending", "Pending", "pendingAcceptance", "Available"))
	ep, err := WaitVPCEndpointAvailable(testCtx(t), f.client(), "vpce-1", 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if string(ep.State) != "Available" || *ep.VpcEndpointId != "vpce-1" {
		t.Errorf("endpoint = %+v", ep)
	}
	if got := f.count("DescribeVpcEndpoints"); got != 6 {
		t.Errorf("polls = %d, want 6", got)
	}
}

func TestWaitVPCEndpointAvailableOrPendingAcceptance(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpoints", sequence("pending", "PendingAcceptance"))
	ep, err := WaitVPCEndpointAvailableOrPendingAcceptance(testCtx(t), f.client(), "vpce-1", 10*time.Second)
	if err != nil || string(ep.State) != "PendingAcceptance" {
		t.Fatalf("ep %+v, err %v", ep, err)
	}
}

func TestWaitVPCEndpointAvailableFailed(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpoints", sequence("pending", "failed"))
	_, err := WaitVPCEndpointAvailable(testCtx(t), f.client(), "vpce-1", 10*time.Second)
	var use *UnexpectedStateError
	if !errors.As(err, &use) {
		t.Fatalf("err = %v", err)
	}
	for _, s := range []string{"vpce-1", "failed", "InsufficientCapacity", "no capacity in us-east-1a"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q lacks %q", err, s)
		}
	}
}

func TestWaitVPCEndpointAvailableRejected(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpoints", sequence("pendingAcceptance", "rejected"))
	_, err := WaitVPCEndpointAvailable(testCtx(t), f.client(), "vpce-1", 10*time.Second)
	if err == nil || !strings.Contains(err.Error(), `"rejected"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestWaitVPCEndpointAvailableNotFoundBounded(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpoints", sequence(""))
	_, err := WaitVPCEndpointAvailable(testCtx(t), f.client(), "vpce-1", 10*time.Second)
	if !IsNotFound(err) {
		t.Fatalf("err = %v, want not found", err)
	}
	// Tolerated for NotFoundWindow (100ms in these tests), polled at the backoff meanwhile.
	if got := f.count("DescribeVpcEndpoints"); got < 5 {
		t.Errorf("polls = %d, want several within the not-found window", got)
	}
}

func TestWaitVPCEndpointAvailableTimeout(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpoints", sequence("pending"))
	_, err := WaitVPCEndpointAvailable(testCtx(t), f.client(), "vpce-1", 60*time.Millisecond)
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want *TimeoutError", err)
	}
	for _, s := range []string{"vpce-1", `"pending"`, "60ms"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q lacks %q", err, s)
		}
	}
}

func TestWaitVPCEndpointAvailableContextCancelled(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpoints", sequence("pending"))
	ctx, cancel := contextWithCancel(t)
	time.AfterFunc(30*time.Millisecond, cancel)
	_, err := WaitVPCEndpointAvailable(ctx, f.client(), "vpce-1", time.Minute)
	var te *TimeoutError
	if err == nil || errors.As(err, &te) || !errors.Is(err, errCanceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestWaitVPCEndpointDeleted(t *testing.T) {
	t.Parallel()
	for name, seq := range map[string][]string{
		"state deleted": {"available", "deleting", "Deleting", "deleted"},
		"not found":     {"deleting", ""},
		"empty answer":  {"deleting", "gone"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFakeEC2(t)
			f.handle("DescribeVpcEndpoints", sequence(seq...))
			if err := WaitVPCEndpointDeleted(testCtx(t), f.client(), "vpce-1", 10*time.Second); err != nil {
				t.Fatal(err)
			}
			if got := f.count("DescribeVpcEndpoints"); got != len(seq) {
				t.Errorf("polls = %d, want %d", got, len(seq))
			}
		})
	}
}

func TestWaitNetworkInterfacesReleased(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	var n atomic.Int32
	f.handle("DescribeNetworkInterfaces", func(form url.Values) fakeResponse {
		// The first poll asks for both; eni-1 is gone at once, later polls ask for eni-2 only.
		want := []string{"eni-2"}
		if n.Load() == 0 {
			want = []string{"eni-1", "eni-2"}
		}
		if form.Get("Filter.1.Name") != "network-interface-id" || form.Get("Filter.1.Value.1") != want[0] ||
			form.Get(fmt.Sprintf("Filter.1.Value.%d", len(want))) != want[len(want)-1] || form.Get(fmt.Sprintf("Filter.1.Value.%d", len(want)+1)) != "" {
			t.Errorf("unexpected request %v, want ids %v", form, want)
		}
		if n.Add(1) < 3 {
			return ok("DescribeNetworkInterfaces", `<networkInterfaceSet><item><networkInterfaceId>eni-2</networkInterfaceId><status>in-use</status></item></networkInterfaceSet>`)
		}
		return ok("DescribeNetworkInterfaces", `<networkInterfaceSet/>`)
	})
	if err := WaitNetworkInterfacesReleased(testCtx(t), f.client(), []string{"eni-1", "eni-2"}, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 3 {
		t.Errorf("polls = %d", n.Load())
	}
	if err := WaitNetworkInterfacesReleased(testCtx(t), f.client(), nil, time.Second); err != nil {
		t.Errorf("no ENIs: %v", err)
	}
}

// Deleting an endpoint with interfaces: the run's first delete looks at the interfaces once the
// endpoint is seen gone; once the run knows how long a delete takes, the interfaces' first look is
// planned with the endpoint's, so both are seen at about the same time instead of one call apart.
func TestWaitVPCEndpointDeletedWithInterfaces(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	const deleting = 60 * time.Millisecond
	const answerDelay = 40 * time.Millisecond // each endpoint describe answers this late
	var mu sync.Mutex
	var deletedAt, goneAnswered, firstENILook time.Time
	f.handle("DescribeVpcEndpoints", func(form url.Values) fakeResponse {
		mu.Lock()
		gone := time.Now().After(deletedAt)
		mu.Unlock()
		time.Sleep(answerDelay)
		if gone {
			mu.Lock()
			if goneAnswered.IsZero() {
				goneAnswered = time.Now()
			}
			mu.Unlock()
			return describeEndpoints()
		}
		return describeEndpoints(endpointXML("vpce-1", "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", "deleting", ""))
	})
	f.handle("DescribeNetworkInterfaces", func(form url.Values) fakeResponse {
		mu.Lock()
		defer mu.Unlock()
		if firstENILook.IsZero() {
			firstENILook = time.Now()
		}
		if time.Now().After(deletedAt) {
			return ok("DescribeNetworkInterfaces", `<networkInterfaceSet/>`)
		}
		return ok("DescribeNetworkInterfaces", `<networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId><status>in-use</status></item></networkInterfaceSet>`)
	})
	c := f.awsClient()
	for i, concurrent := range []bool{false, true, true} {
		mu.Lock()
		deletedAt, goneAnswered, firstENILook = time.Now().Add(deleting), time.Time{}, time.Time{}
		mu.Unlock()
		if err := c.WaitVPCEndpointDeletedWithInterfaces(testCtx(t), "vpce-1", []string{"eni-1"}, 10*time.Second); err != nil {
			t.Fatalf("delete %d: %v", i+1, err)
		}
		mu.Lock()
		before := firstENILook.Before(goneAnswered)
		mu.Unlock()
		if before != concurrent {
			t.Errorf("delete %d: first look at the interfaces before the endpoint was seen gone = %v, want %v", i+1, before, concurrent)
		}
	}

	// An endpoint that never goes: its wait's error, not the interfaces'.
	mu.Lock()
	deletedAt = time.Now().Add(time.Hour)
	mu.Unlock()
	err := c.WaitVPCEndpointDeletedWithInterfaces(testCtx(t), "vpce-1", []string{"eni-1"}, 300*time.Millisecond)
	var timeout *TimeoutError
	var released *InterfacesNotReleasedError
	if !errors.As(err, &timeout) || errors.As(err, &released) {
		t.Errorf("endpoint never deleted: %v, want the endpoint's timeout", err)
	}
}
