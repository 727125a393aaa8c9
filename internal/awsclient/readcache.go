package awsclient

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

// Reads are batched: the first Read of a run lists every endpoint of the region (paginated, a
// thousand a page), and every other Read of the run takes its endpoint from that listing, so a
// refresh of hundreds of endpoints costs a call or two instead of one per endpoint. An id missing
// from the listing is read by id before Read may conclude that it is gone (it may have been created
// after the listing, or not be described by every call yet). Waiters never use the listing (they poll
// afresh), nor does anything that decides a change (it reads under the endpoint's lock).

// ReadRetryWindow is how long a Read (or the shared listing) goes on trying through throttling and
// server errors beyond the SDK's own retries, rather than failing the whole refresh.
var ReadRetryWindow = time.Minute

// listingMaxResults is the page size of the shared listing.
const listingMaxResults = 1000

// endpointListing is the region's endpoints as one Read saw them.
type endpointListing struct {
	byID map[string]ec2types.VpcEndpoint
	gen  uint64 // fc.listingGen when the listing began: a change recorded since makes it stale
}

// vpcEndpoints are the listed endpoints of the VPC that are not deleting or deleted, by id.
func (l *endpointListing) vpcEndpoints(vpcID string) []planner.EndpointFacts {
	eps := []planner.EndpointFacts{}
	for _, ep := range l.byID {
		if aws.ToString(ep.VpcId) == vpcID && !isGone(string(ep.State)) {
			eps = append(eps, EndpointFactsFromSDK(ep))
		}
	}
	sort.Slice(eps, func(i, j int) bool { return eps[i].VPCEndpointID < eps[j].VPCEndpointID })
	return eps
}

// ReadVPCEndpoint returns the endpoint for a resource's Read: from the run's shared listing, else by
// id. A deleted or missing endpoint is a *NotFoundError.
func (c *Client) ReadVPCEndpoint(ctx context.Context, id string) (*ec2types.VpcEndpoint, error) {
	if l, err := c.listing(ctx); err == nil {
		if ep, ok := l.byID[id]; ok {
			if StateEquals(string(ep.State), StateDeleted) {
				return nil, &NotFoundError{Message: fmt.Sprintf("VPC endpoint (%s) not found: state %s", id, ep.State)}
			}
			return &ep, nil
		}
	}
	// Not in the listing (or no listing): read it by id, through transient failures.
	var ep *ec2types.VpcEndpoint
	err := retryTransient(ctx, ReadRetryWindow, func(ctx context.Context) error {
		var err error
		ep, err = FindVPCEndpointByID(ctx, c.EC2, id)
		return err
	})
	return ep, err
}

// listing returns the run's listing of the region's endpoints, fetching it once.
func (c *Client) listing(ctx context.Context) (*endpointListing, error) {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	l, failed := fc.listing, fc.listingErr
	fc.mu.Unlock()
	if l != nil {
		return l, nil
	}
	if failed != nil {
		return nil, failed // not tried again in this run: each Read reads its endpoint by id
	}
	return doFlight(ctx, fc, "listing", func(uint64) (*endpointListing, error) {
		fc.mu.Lock()
		lgen := fc.listingGen
		fc.mu.Unlock()
		var eps []ec2types.VpcEndpoint
		err := retryTransient(ctx, ReadRetryWindow, func(ctx context.Context) error {
			var err error
			eps, err = FindVPCEndpoints(ctx, c.EC2, &ec2.DescribeVpcEndpointsInput{MaxResults: aws.Int32(listingMaxResults)})
			if IsNotFound(err) {
				eps, err = nil, nil
			}
			return err
		})
		if err != nil {
			err = fmt.Errorf("listing the region's VPC endpoints: %w", err)
			if ctx.Err() == nil { // a failure of the listing, not of this caller
				fc.mu.Lock()
				fc.listingErr = err
				fc.mu.Unlock()
			}
			return nil, err
		}
		l := &endpointListing{byID: make(map[string]ec2types.VpcEndpoint, len(eps)), gen: lgen}
		for _, e := range eps {
			l.byID[aws.ToString(e.VpcEndpointId)] = e
		}
		fc.mu.Lock()
		if fc.listingGen == lgen {
			fc.listing = l
		}
		fc.mu.Unlock()
		return l, nil
	})
}

// joinListing returns the run's listing when there is one, or when one is being fetched (it waits
// for that fetch), provided no change was recorded since it began; else nil. It never starts one.
func (c *Client) joinListing(ctx context.Context) (*endpointListing, error) {
	fc := c.facts
	fc.mu.Lock()
	l := fc.listing
	inflight := fc.flights[fmt.Sprintf("listing#%d", fc.gen)]
	fc.mu.Unlock()
	if l != nil {
		return l, nil
	}
	if inflight == nil {
		return nil, nil
	}
	select {
	case <-inflight.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	l, _ = inflight.val.(*endpointListing)
	if l == nil || inflight.err != nil {
		return nil, nil
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if fc.listingGen != l.gen {
		return nil, nil
	}
	return l, nil
}

// listingChanged drops the shared listing after a change this provider made (it is refetched if
// another Read needs it). The caller holds fc.mu.
func (fc *factCache) listingChangedLocked() {
	fc.listingGen++
	fc.listing = nil
}

// retryTransient runs call until it succeeds, fails for good, or transient failures (throttling, 5xx,
// no answer) have gone on for window; ctx bounds it too.
func retryTransient(ctx context.Context, window time.Duration, call func(context.Context) error) error {
	start := time.Now()
	delay := PollInitialDelay
	for {
		err := call(ctx)
		if err == nil || !IsTransient(err) || time.Since(start) > window || ctx.Err() != nil {
			return err
		}
		if sleepCtx(ctx, jitter(delay)) != nil {
			return err
		}
		delay = NextDelay(delay)
	}
}
