package awsclient

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
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

// NotFoundChecks is how many consecutive not-found answers a waiter for an object that should exist
// tolerates (eventual consistency right after create; about a minute at the default backoff).
const NotFoundChecks = 10

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

// stateWaiter is a small generic poller: wait, refresh, compare, back off. A refresh returning state
// "" means not found.
type stateWaiter[T any] struct {
	what     string
	pending  []string
	target   []string // "" in target: not found is success
	refresh  func(context.Context) (T, string, error)
	timeout  time.Duration
	notFound int                    // consecutive not-found answers tolerated
	reason   func(T, string) string // explains an unexpected state
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}

func (w stateWaiter[T]) wait(ctx context.Context) (T, error) {
	var zero T
	wctx, cancel := context.WithTimeout(ctx, w.timeout)
	defer cancel()

	delay := PollInitialDelay
	lastState := ""
	notFoundSeen := 0
	var lastErr error
	for {
		if err := sleepCtx(wctx, delay); err != nil {
			if ctx.Err() != nil {
				return zero, fmt.Errorf("waiting for %s: %w", w.what, ctx.Err())
			}
			return zero, &TimeoutError{What: w.what, LastState: lastState, Timeout: w.timeout, LastErr: lastErr}
		}
		delay = NextDelay(delay)

		obj, state, err := w.refresh(wctx)
		if err != nil {
			if wctx.Err() != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
				return zero, &TimeoutError{What: w.what, LastState: lastState, Timeout: w.timeout, LastErr: lastErr}
			}
			return zero, fmt.Errorf("waiting for %s: %w", w.what, err)
		}
		if state == "" {
			if containsFold(w.target, "") {
				return obj, nil
			}
			notFoundSeen++
			if notFoundSeen > w.notFound {
				return zero, &NotFoundError{Message: fmt.Sprintf("waiting for %s: not found", w.what)}
			}
			lastState = "(not found)"
			continue
		}
		notFoundSeen = 0
		lastState = state
		switch {
		case containsFold(w.target, state):
			return obj, nil
		case containsFold(w.pending, state):
			continue
		default:
			reason := ""
			if w.reason != nil {
				reason = w.reason(obj, state)
			}
			return obj, &UnexpectedStateError{What: w.what, State: state, Reason: reason}
		}
	}
}

// StatusVPCEndpoint returns a status function for the endpoint: the endpoint and its state, or
// nil, "", nil when it does not exist (or is deleted).
func StatusVPCEndpoint(ctx context.Context, conn *ec2.Client, id string) func(context.Context) (*ec2types.VpcEndpoint, string, error) {
	return func(ctx context.Context) (*ec2types.VpcEndpoint, string, error) {
		ep, err := FindVPCEndpointByID(ctx, conn, id)
		if IsNotFound(err) {
			return nil, "", nil
		}
		if err != nil {
			return nil, "", err
		}
		return ep, string(ep.State), nil
	}
}

// endpointFailureReason formats the endpoint's LastError (or FailureReason) for error messages.
func endpointFailureReason(ep *ec2types.VpcEndpoint, _ string) string {
	if ep == nil {
		return ""
	}
	if le := ep.LastError; le != nil && (aws.ToString(le.Code) != "" || aws.ToString(le.Message) != "") {
		return aws.ToString(le.Code) + ": " + aws.ToString(le.Message)
	}
	return aws.ToString(ep.FailureReason)
}

func waitVPCEndpoint(ctx context.Context, conn *ec2.Client, id string, timeout time.Duration, what string, pending, target []string) (*ec2types.VpcEndpoint, error) {
	return stateWaiter[*ec2types.VpcEndpoint]{
		what:     fmt.Sprintf("VPC endpoint (%s) to become %s", id, what),
		pending:  pending,
		target:   target,
		refresh:  StatusVPCEndpoint(ctx, conn, id),
		timeout:  timeout,
		notFound: NotFoundChecks,
		reason:   endpointFailureReason,
	}.wait(ctx)
}

// WaitVPCEndpointAvailable waits until the endpoint is available. pendingAcceptance counts as
// pending; failed and rejected are errors carrying the endpoint's LastError.
func WaitVPCEndpointAvailable(ctx context.Context, conn *ec2.Client, id string, timeout time.Duration) (*ec2types.VpcEndpoint, error) {
	return waitVPCEndpoint(ctx, conn, id, timeout, "available",
		[]string{StatePending, StatePendingAcceptance}, []string{StateAvailable})
}

// WaitVPCEndpointAvailableOrPendingAcceptance waits until the endpoint is available or waits for
// the service owner's acceptance (auto_accept = false on a service that requires acceptance).
func WaitVPCEndpointAvailableOrPendingAcceptance(ctx context.Context, conn *ec2.Client, id string, timeout time.Duration) (*ec2types.VpcEndpoint, error) {
	return waitVPCEndpoint(ctx, conn, id, timeout, "available or pendingAcceptance",
		[]string{StatePending}, []string{StateAvailable, StatePendingAcceptance})
}

// WaitVPCEndpointDeleted waits until the endpoint is gone or in state deleted.
func WaitVPCEndpointDeleted(ctx context.Context, conn *ec2.Client, id string, timeout time.Duration) error {
	_, err := stateWaiter[*ec2types.VpcEndpoint]{
		what: fmt.Sprintf("VPC endpoint (%s) delete", id),
		pending: []string{StateAvailable, StatePending, StatePendingAcceptance, StateDeleting,
			StateFailed, StateRejected, StateExpired, StatePartial},
		target:  []string{""},
		refresh: StatusVPCEndpoint(ctx, conn, id),
		timeout: timeout,
		reason:  endpointFailureReason,
	}.wait(ctx)
	return err
}

// WaitNetworkInterfacesReleased waits until none of the network interfaces exists any more (an
// interface endpoint's ENIs outlive it briefly; the subnet cannot be deleted until they are gone).
func WaitNetworkInterfacesReleased(ctx context.Context, conn *ec2.Client, eniIDs []string, timeout time.Duration) error {
	if len(eniIDs) == 0 {
		return nil
	}
	ids := slices.Clone(eniIDs)
	_, err := stateWaiter[[]ec2types.NetworkInterface]{
		what:    fmt.Sprintf("network interfaces (%s) to be released", strings.Join(ids, ", ")),
		pending: []string{"in-use"},
		target:  []string{""},
		refresh: func(ctx context.Context) ([]ec2types.NetworkInterface, string, error) {
			// A filter, not NetworkInterfaceIds: unknown ids are then simply absent.
			enis, err := FindNetworkInterfaces(ctx, conn, &ec2.DescribeNetworkInterfacesInput{
				Filters: []ec2types.Filter{filter("network-interface-id", ids...)},
			})
			if IsNotFound(err) {
				return nil, "", nil
			}
			if err != nil {
				return nil, "", err
			}
			if len(enis) == 0 {
				return nil, "", nil
			}
			return enis, "in-use", nil
		},
		timeout: timeout,
	}.wait(ctx)
	return err
}
