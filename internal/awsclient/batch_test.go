package awsclient

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Lookups of services made together (Terraform plans ten resources at once) are answered by one
// DescribeVpcEndpointServices naming all of them; a name that does not exist, which fails the whole
// call, is found out by describing that call's names one by one.
func TestServiceFactsBatched(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpointServices", func(form url.Values) fakeResponse {
		var items string
		for i := 1; form.Get("ServiceName."+itoa(i)) != ""; i++ {
			name := form.Get("ServiceName." + itoa(i))
			if strings.HasSuffix(name, ".nope") {
				return apiError("InvalidServiceName", "The Vpc Endpoint Service '"+name+"' does not exist")
			}
			items += serviceXML(name, "Interface")
		}
		return ok("DescribeVpcEndpointServices", `<serviceDetailSet>`+items+`</serviceDetailSet>`)
	})
	c := f.awsClient()
	ctx := testCtx(t)
	lookup := func(names ...string) {
		t.Helper()
		var wg sync.WaitGroup
		for _, n := range names {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sf, err := c.ServiceFacts(ctx, n, "")
				switch {
				case err != nil:
					t.Error(err)
				case strings.HasSuffix(n, ".nope") != (sf == nil):
					t.Errorf("ServiceFacts(%s) = %+v", n, sf)
				}
			}()
		}
		wg.Wait()
	}
	names := []string{"com.amazonaws.us-east-1.ssm", "com.amazonaws.us-east-1.kms", "com.amazonaws.us-east-1.logs", "com.amazonaws.us-east-1.ssm"}
	lookup(names...)
	if got := f.count("DescribeVpcEndpointServices"); got != 1 {
		t.Fatalf("%d calls for 3 services looked up together, want 1", got)
	}
	if req := f.requests("DescribeVpcEndpointServices")[0]; req.Get("ServiceName.3") == "" || req.Get("ServiceName.4") != "" {
		t.Errorf("the call does not name each service once: %v", req)
	}
	lookup(names...) // cached
	if got := f.count("DescribeVpcEndpointServices"); got != 1 {
		t.Errorf("%d calls after the services were cached, want 1", got)
	}
	lookup("com.amazonaws.us-east-1.sqs", "com.amazonaws.us-east-1.nope")
	// One call fails on the unknown name; then one call for each name.
	if got := f.count("DescribeVpcEndpointServices"); got != 4 {
		t.Errorf("%d calls, want 4 (the batch, then each name alone)", got)
	}
	lookup("com.amazonaws.us-east-1.nope") // cached as not found
	if got := f.count("DescribeVpcEndpointServices"); got != 4 {
		t.Errorf("%d calls after the unknown name was cached, want 4", got)
	}
}

// Subnets of several VPCs asked for together are described by one call.
func TestSubnetFactsBatched(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeSubnets", func(form url.Values) fakeResponse {
		var items string
		for i := 1; form.Get("Filter.1.Value."+itoa(i)) != ""; i++ {
			id := form.Get("Filter.1.Value." + itoa(i))
			items += `<item><subnetId>` + id + `</subnetId><vpcId>vpc-` + id[len("subnet-"):len("subnet-")+1] + `</vpcId><availabilityZone>us-east-1a</availabilityZone><availabilityZoneId>use1-az1</availabilityZoneId></item>`
		}
		return ok("DescribeSubnets", `<subnetSet>`+items+`</subnetSet>`)
	})
	c := f.awsClient()
	ctx := testCtx(t)
	var wg sync.WaitGroup
	for _, ids := range [][]string{{"subnet-1a", "subnet-1b"}, {"subnet-2a", "subnet-2b"}, {"subnet-1a", "subnet-1b"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := c.SubnetFacts(ctx, ids)
			if err != nil || len(got) != 2 || got[ids[0]].VPCID != "vpc-"+ids[0][7:8] {
				t.Errorf("SubnetFacts(%v) = %v, %v", ids, got, err)
			}
		}()
	}
	wg.Wait()
	if got := f.count("DescribeSubnets"); got != 1 {
		t.Errorf("%d DescribeSubnets for two VPCs' subnets asked for together, want 1", got)
	}
}

// A batch waits BatchWindow for other lookups, no longer.
func TestBatcherWindow(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var calls [][]string
	b := newBatcher(func(_ context.Context, keys []string) (map[string]int, error) {
		mu.Lock()
		calls = append(calls, keys)
		mu.Unlock()
		return map[string]int{keys[0]: 1}, nil
	})
	ctx := testCtx(t)
	start := time.Now()
	if got, err := b.get(ctx, []string{"a"}); err != nil || got["a"] != 1 {
		t.Fatal(got, err)
	}
	if d := time.Since(start); d < BatchWindow || d > BatchWindow+time.Second {
		t.Errorf("answered after %s, want about %s", d, BatchWindow)
	}
	if got, err := b.get(ctx, []string{"b", "c"}); err != nil || got["b"] != 1 || len(got) != 1 {
		t.Fatal(got, err)
	}
	if len(calls) != 2 || !slices.Equal(calls[1], []string{"b", "c"}) {
		t.Errorf("calls %v", calls)
	}
}

// A wait whose first observation already sees the target teaches an earlier schedule (it may have
// been there long before); one that saw it pending first teaches the middle of the interval.
func TestPollerSample(t *testing.T) {
	t.Parallel()
	p := newPoller(func(_ context.Context, ids []string) (map[string]int, error) { return nil, nil })
	if got := p.sample("create", 2*time.Second, time.Second); got != 1500*time.Millisecond {
		t.Errorf("sample after pending at 1s, done at 2s = %s, want 1.5s", got)
	}
	if got := p.sample("create", 2*time.Second, 0); got != time.Second {
		t.Errorf("first observation done at 2s, nothing learnt: sample %s, want 1s", got)
	}
	w := p.register("x", "create", time.Now())
	p.unregister(w, 2*time.Second)
	if got := p.sample("create", 2*time.Second, 0); got != 1900*time.Millisecond {
		t.Errorf("first observation done at 2s, 2s learnt: sample %s, want 1.9s (a step of 1/20 earlier)", got)
	}
}
