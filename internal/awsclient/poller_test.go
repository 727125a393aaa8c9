package awsclient

import (
	"context"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Many waiters of one run share the poller's calls: each tick describes all of them at once.
func TestPollerSharesCalls(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	start := time.Now()
	const n = 20
	f.handle("DescribeVpcEndpoints", func(form url.Values) fakeResponse {
		var items []string
		state := "pending"
		if time.Since(start) > 40*time.Millisecond {
			state = "available"
		}
		for _, id := range requestedEndpointIDs(form) {
			items = append(items, endpointXML(id, "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", state, ""))
		}
		return describeEndpoints(items...)
	})
	c := f.awsClient()
	var wg sync.WaitGroup
	var failed atomic.Int32
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.WaitVPCEndpointAvailable(testCtx(t), "vpce-"+string(rune('a'+i)), "create", 10*time.Second); err != nil {
				t.Error(err)
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	// Polled alone, each waiter would make several calls (40ms at a 2ms backoff); shared, the whole
	// run makes about as many as one waiter does.
	if got := f.count("DescribeVpcEndpoints"); got > 15 {
		t.Errorf("DescribeVpcEndpoints calls = %d for %d waiters, want them shared (at most 15)", got, n)
	}
}

// The schedule learns how long waits of a kind take: after one create took D, the next create's
// first observation is planned for about D, not for the initial backoff.
func TestPollerLearnsTheSchedule(t *testing.T) {
	t.Parallel()
	p := newPoller(func(_ context.Context, ids []string) (map[string]int, error) { return nil, nil })
	p.mu.Lock()
	if d := p.firstDelayLocked("create", PollInitialDelay); d != PollInitialDelay {
		t.Errorf("first delay before learning = %s, want %s", d, PollInitialDelay)
	}
	p.mu.Unlock()
	w := p.register("x", "create", time.Now())
	p.unregister(w, 800*time.Millisecond)
	p.mu.Lock()
	defer p.mu.Unlock()
	if d := p.firstDelayLocked("create", PollInitialDelay); d < 700*time.Millisecond || d > 800*time.Millisecond {
		t.Errorf("first delay after one 800ms create = %s, want just under 800ms", d)
	}
	if d := p.firstDelayLocked("delete", PollInitialDelay); d != PollInitialDelay {
		t.Errorf("another kind's schedule changed: %s", d)
	}
}

// A poll that fails transiently fails no waiter: it is looked at again at the next observation.
func TestPollerSurvivesThrottling(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	var n atomic.Int32
	f.handle("DescribeVpcEndpoints", func(form url.Values) fakeResponse {
		if n.Add(1) <= 3 {
			return fakeResponse{503, `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors></Response>`}
		}
		return describeEndpoints(endpointXML(requestedEndpointIDs(form)[0], "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", "available", ""))
	})
	if _, err := f.awsClient().WaitVPCEndpointAvailable(testCtx(t), "vpce-1", "create", 10*time.Second); err != nil {
		t.Fatalf("throttled polls failed the wait: %v", err)
	}
	if got := n.Load(); got != 4 {
		t.Errorf("polls = %d, want 4 (3 throttled, then the answer)", got)
	}
}
