package awsclient

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// VPC endpoint states, as EC2 spells them in DescribeVpcEndpoints (compare with StateEquals: the SDK
// enum capitalises them).
const (
	StatePending           = "pending"
	StatePendingAcceptance = "pendingAcceptance"
	StateAvailable         = "available"
	StateDeleting          = "deleting"
	StateDeleted           = "deleted"
	StateRejected          = "rejected"
	StateFailed            = "failed"
	StateExpired           = "expired"
	StatePartial           = "partial"
)

// Polling backoff. Set these before use (tests shorten them); they are read without locking.
var (
	// PollInitialDelay is the wait before the first poll and the first retry.
	PollInitialDelay = 1 * time.Second
	// PollMaxDelay caps the backoff.
	PollMaxDelay = 10 * time.Second
	// PollBackoffFactor multiplies the delay after each poll.
	PollBackoffFactor = 1.5
)

// NotFoundWindow is how long a waiter for an object that should exist (an endpoint just created)
// tolerates "not found" answers, counted from the start of the wait: EC2 is eventually consistent,
// and a new endpoint may not be described for a while. The wait's own timeout bounds it too.
var NotFoundWindow = 5 * time.Minute

// NextDelay returns the delay after d: d × PollBackoffFactor, at most PollMaxDelay.
func NextDelay(d time.Duration) time.Duration {
	next := time.Duration(float64(d) * PollBackoffFactor)
	if next > PollMaxDelay {
		next = PollMaxDelay
	}
	if next < d && d <= PollMaxDelay { // factor < 1 misconfigured: never shrink
		next = d
	}
	return next
}

// jitter returns a duration in [d/2, d].
func jitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(d-half)+1))
}

// sleepCtx waits d or until ctx is done, whichever comes first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// TimeoutError is returned when a waiter's timeout elapses before the target state.
type TimeoutError struct {
	What      string // "VPC endpoint (vpce-123) to become available"
	LastState string
	Timeout   time.Duration
	LastErr   error // last refresh error, if any
}

func (e *TimeoutError) Error() string {
	s := fmt.Sprintf("timeout after %s waiting for %s (last state: %q)", e.Timeout, e.What, e.LastState)
	if e.LastErr != nil {
		s += ": " + e.LastErr.Error()
	}
	return s
}

func (e *TimeoutError) Unwrap() error { return e.LastErr }

// UnexpectedStateError is returned when the object lands in a state that is neither pending nor the
// target (failed, rejected, …).
type UnexpectedStateError struct {
	What   string
	State  string
	Reason string // e.g. the endpoint's LastError "Code: Message"
}

func (e *UnexpectedStateError) Error() string {
	s := fmt.Sprintf("unexpected state %q while waiting for %s", e.State, e.What)
	if e.Reason != "" {
		s += ": " + e.Reason
	}
	return s
}

// waitSpec describes one wait on the poller of its kind of object.
type waitSpec[T any] struct {
	what    string   // "VPC endpoint (vpce-123) to become available"
	kind    string   // the schedule it learns from and feeds: "create", "modify", "delete", "eni"
	pending []string // states to keep waiting in
	target  []string // states that end the wait; "" means not found ends it
	timeout time.Duration
	state   func(T) string
	reason  func(T, string) string // explains an unexpected state
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}

// pollWait waits on p until the object with id reaches a target state, lands in an unexpected one,
// the timeout elapses or ctx ends. Not found is tolerated for NotFoundWindow (unless it is the
// target); a failed poll (after the SDK's retries) is retried at the next observation, unless AWS
// refused it for want of permission.
func pollWait[T any](ctx context.Context, p *poller[T], id string, spec waitSpec[T]) (T, error) {
	start := time.Now()
	return p.await(ctx, p.register(id, spec.kind, start), start, spec)
}

// await is pollWait for a waiter already registered (at start).
func (p *poller[T]) await(ctx context.Context, w *pollWaiter[T], start time.Time, spec waitSpec[T]) (T, error) {
	var zero T
	var finished time.Duration
	defer func() { p.unregister(w, finished) }()
	timer := time.NewTimer(spec.timeout)
	defer timer.Stop()

	lastState := ""
	var lastErr error
	var delay time.Duration
	var lastPending time.Duration // since start: the last observation that did not end the wait
	for {
		select {
		case <-ctx.Done():
			return zero, fmt.Errorf("waiting for %s: %w", spec.what, ctx.Err())
		case <-timer.C:
			return zero, &TimeoutError{What: spec.what, LastState: lastState, Timeout: spec.timeout, LastErr: lastErr}
		case obs := <-w.ch:
			switch {
			case obs.err != nil:
				if IsPermissionError(obs.err) {
					return zero, fmt.Errorf("waiting for %s: %w", spec.what, obs.err)
				}
				lastErr = obs.err // transient: looked at again at the next observation
			case !obs.found:
				if containsFold(spec.target, "") {
					finished = p.sample(spec.kind, obs.at.Sub(start), lastPending)
					return zero, nil
				}
				if obs.at.Sub(start) > NotFoundWindow {
					return zero, &NotFoundError{Message: fmt.Sprintf("waiting for %s: not found for %s", spec.what, NotFoundWindow)}
				}
				lastState = "(not found)"
				lastPending = obs.at.Sub(start)
			default:
				state := spec.state(obs.obj)
				lastState = state
				switch {
				case containsFold(spec.target, state):
					finished = p.sample(spec.kind, obs.at.Sub(start), lastPending)
					return obs.obj, nil
				case containsFold(spec.pending, state):
					lastPending = obs.at.Sub(start)
				default:
					reason := ""
					if spec.reason != nil {
						reason = spec.reason(obs.obj, state)
					}
					return obs.obj, &UnexpectedStateError{What: spec.what, State: state, Reason: reason}
				}
			}
			delay = p.followDelay(spec.kind, delay)
			p.reschedule(w, delay)
		}
	}
}

// pollers are a Client's pollers, created on first use.
type pollers struct {
	once      sync.Once
	endpoints *poller[ec2types.VpcEndpoint]
	enis      *poller[ec2types.NetworkInterface]
}

func (c *Client) pollers() *pollers {
	c.polls.once.Do(func() {
		c.polls.endpoints = newPoller(func(ctx context.Context, ids []string) (map[string]ec2types.VpcEndpoint, error) {
			out := make(map[string]ec2types.VpcEndpoint, len(ids))
			for chunk := range slices.Chunk(ids, maxFilterValues) {
				// A filter, not VpcEndpointIds: an id that is not (yet) described is simply absent.
				eps, err := FindVPCEndpoints(ctx, c.EC2, &ec2.DescribeVpcEndpointsInput{Filters: []ec2types.Filter{filter("vpc-endpoint-id", chunk...)}})
				if err != nil && !IsNotFound(err) {
					return nil, err
				}
				for _, e := range eps {
					out[aws.ToString(e.VpcEndpointId)] = e
				}
			}
			return out, nil
		})
		c.polls.enis = newPoller(func(ctx context.Context, ids []string) (map[string]ec2types.NetworkInterface, error) {
			out := make(map[string]ec2types.NetworkInterface, len(ids))
			for chunk := range slices.Chunk(ids, maxFilterValues) {
				enis, err := FindNetworkInterfaces(ctx, c.EC2, &ec2.DescribeNetworkInterfacesInput{Filters: []ec2types.Filter{filter("network-interface-id", chunk...)}})
				if err != nil && !IsNotFound(err) {
					return nil, err
				}
				for _, n := range enis {
					out[aws.ToString(n.NetworkInterfaceId)] = n
				}
			}
			return out, nil
		})
	})
	return &c.polls
}

func endpointState(e ec2types.VpcEndpoint) string { return string(e.State) }

// endpointFailureReason formats the endpoint's LastError (or FailureReason) for error messages.
func endpointFailureReason(ep ec2types.VpcEndpoint, _ string) string {
	if le := ep.LastError; le != nil && (aws.ToString(le.Code) != "" || aws.ToString(le.Message) != "") {
		return aws.ToString(le.Code) + ": " + aws.ToString(le.Message)
	}
	return aws.ToString(ep.FailureReason)
}

func (c *Client) waitEndpoint(ctx context.Context, id, kind, what string, timeout time.Duration, pending, target []string) (*ec2types.VpcEndpoint, error) {
	ep, err := pollWait(ctx, c.pollers().endpoints, id, waitSpec[ec2types.VpcEndpoint]{
		what: fmt.Sprintf("VPC endpoint (%s) to become %s", id, what), kind: kind,
		pending: pending, target: target, timeout: timeout, state: endpointState, reason: endpointFailureReason,
	})
	if err != nil && ep.VpcEndpointId == nil {
		return nil, err
	}
	return &ep, err
}

// WaitVPCEndpointAvailable waits until the endpoint is available. pendingAcceptance counts as
// pending; failed and rejected are errors carrying the endpoint's LastError. kind names the schedule
// ("create" or "modify").
func (c *Client) WaitVPCEndpointAvailable(ctx context.Context, id, kind string, timeout time.Duration) (*ec2types.VpcEndpoint, error) {
	return c.waitEndpoint(ctx, id, kind, "available", timeout,
		[]string{StatePending, StatePendingAcceptance}, []string{StateAvailable})
}

// WaitVPCEndpointAvailableOrPendingAcceptance waits until the endpoint is available or waits for
// the service owner's acceptance (auto_accept = false on a service that requires acceptance).
func (c *Client) WaitVPCEndpointAvailableOrPendingAcceptance(ctx context.Context, id, kind string, timeout time.Duration) (*ec2types.VpcEndpoint, error) {
	return c.waitEndpoint(ctx, id, kind, "available or pendingAcceptance", timeout,
		[]string{StatePending}, []string{StateAvailable, StatePendingAcceptance})
}

// WaitVPCEndpointDeleted waits until the endpoint is gone or in state deleted.
func (c *Client) WaitVPCEndpointDeleted(ctx context.Context, id string, timeout time.Duration) error {
	_, err := pollWait(ctx, c.pollers().endpoints, id, waitSpec[ec2types.VpcEndpoint]{
		what: fmt.Sprintf("VPC endpoint (%s) delete", id), kind: "delete",
		pending: []string{StateAvailable, StatePending, StatePendingAcceptance, StateDeleting,
			StateFailed, StateRejected, StateExpired, StatePartial},
		target: []string{"", StateDeleted}, timeout: timeout, state: endpointState, reason: endpointFailureReason,
	})
	return err
}

// WaitNetworkInterfacesReleased waits until none of the network interfaces exists any more (an
// interface endpoint's ENIs outlive it briefly; the subnet cannot be deleted until they are gone).
// The first look is PollMinDelay later, so that the interfaces of endpoints deleted together share a
// call.
func (c *Client) WaitNetworkInterfacesReleased(ctx context.Context, eniIDs []string, timeout time.Duration) error {
	return c.waitInterfacesReleased(ctx, eniIDs, time.Now(), time.Now().Add(PollMinDelay), timeout)
}

// WaitVPCEndpointDeletedWithInterfaces waits until the endpoint (whose delete was just asked for) is
// gone and its network interfaces are released. The two waits run at once once the run has learnt
// how long a delete takes: the interfaces' first look is then planned for when the endpoint's is,
// so that they are seen released about when the endpoint is seen gone, not one call later. Before
// that (the run's first deletes), the interfaces are looked at PollMinDelay after the endpoint is seen
// gone (the interfaces of endpoints deleted together then share a call). When the
// endpoint's wait fails, the interfaces' is abandoned and the endpoint's error returned.
func (c *Client) WaitVPCEndpointDeletedWithInterfaces(ctx context.Context, id string, eniIDs []string, timeout time.Duration) error {
	start := time.Now()
	expected := c.pollers().endpoints.expected("delete")
	if len(eniIDs) == 0 || expected == 0 {
		if err := c.WaitVPCEndpointDeleted(ctx, id, timeout); err != nil {
			return err
		}
		return c.waitInterfacesReleased(ctx, eniIDs, start, time.Now().Add(PollMinDelay), max(timeout-time.Since(start), time.Second))
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	endpointErr := make(chan error, 1)
	go func() {
		err := c.WaitVPCEndpointDeleted(ctx, id, timeout)
		if err != nil {
			cancel()
		}
		endpointErr <- err
	}()
	first := start.Add(max(expected-pollLead, PollMinDelay))
	eniErr := c.waitInterfacesReleased(ctx, eniIDs, start, first, timeout)
	if err := <-endpointErr; err != nil {
		return err
	}
	return eniErr
}

// waitInterfacesReleased waits for the interfaces, first looking at them (all in one call) at first.
func (c *Client) waitInterfacesReleased(ctx context.Context, eniIDs []string, start, first time.Time, timeout time.Duration) error {
	// One waiter per interface, all at once: the poller describes them in one call per tick.
	errs := make(chan error, len(eniIDs))
	p := c.pollers().enis
	for i, w := range p.registerAt(eniIDs, "eni", first) {
		id := eniIDs[i]
		go func() {
			_, err := p.await(ctx, w, start, waitSpec[ec2types.NetworkInterface]{
				what: fmt.Sprintf("network interface (%s) to be released", id), kind: "eni",
				pending: []string{"in-use", "available", "attaching", "detaching", "associated"}, target: []string{""},
				timeout: timeout,
				state:   func(n ec2types.NetworkInterface) string { return string(n.Status) },
			})
			errs <- err
		}()
	}
	var firstErr error
	for range eniIDs {
		if err := <-errs; err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return &InterfacesNotReleasedError{Err: firstErr}
	}
	return nil
}

// InterfacesNotReleasedError is a failed wait for network interfaces to be released (the endpoint
// itself is gone).
type InterfacesNotReleasedError struct{ Err error }

func (e *InterfacesNotReleasedError) Error() string { return e.Err.Error() }
func (e *InterfacesNotReleasedError) Unwrap() error { return e.Err }

// The package-level waiters serve callers without a Client (test fixtures): each call has a poller
// of its own.

// WaitVPCEndpointAvailable waits until the endpoint is available (see Client.WaitVPCEndpointAvailable).
func WaitVPCEndpointAvailable(ctx context.Context, conn *ec2.Client, id string, timeout time.Duration) (*ec2types.VpcEndpoint, error) {
	return (&Client{EC2: conn}).WaitVPCEndpointAvailable(ctx, id, "create", timeout)
}

// WaitVPCEndpointAvailableOrPendingAcceptance waits until the endpoint is available or pending
// acceptance.
func WaitVPCEndpointAvailableOrPendingAcceptance(ctx context.Context, conn *ec2.Client, id string, timeout time.Duration) (*ec2types.VpcEndpoint, error) {
	return (&Client{EC2: conn}).WaitVPCEndpointAvailableOrPendingAcceptance(ctx, id, "create", timeout)
}

// WaitVPCEndpointDeleted waits until the endpoint is gone or in state deleted.
func WaitVPCEndpointDeleted(ctx context.Context, conn *ec2.Client, id string, timeout time.Duration) error {
	return (&Client{EC2: conn}).WaitVPCEndpointDeleted(ctx, id, timeout)
}

// WaitNetworkInterfacesReleased waits until none of the network interfaces exists any more.
func WaitNetworkInterfacesReleased(ctx context.Context, conn *ec2.Client, eniIDs []string, timeout time.Duration) error {
	return (&Client{EC2: conn}).WaitNetworkInterfacesReleased(ctx, eniIDs, timeout)
}
