package awsclient

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// endpointLock returns the lock of one endpoint: a channel with room for one token. Holding the
// token is holding the lock; waiting for it can be abandoned when the context ends.
func (c *Client) endpointLock(id string) chan struct{} {
	c.locksMu.Lock()
	defer c.locksMu.Unlock()
	if c.locks == nil {
		c.locks = map[string]chan struct{}{}
	}
	l, ok := c.locks[id]
	if !ok {
		l = make(chan struct{}, 1)
		c.locks[id] = l
	}
	return l
}

// LockEndpoint takes the endpoint's lock, the one ModifyVPCEndpoint holds, and returns the function
// that releases it. Callers that change an endpoint outside ModifyVPCEndpoint use it to serialise.
func (c *Client) LockEndpoint(id string) func() {
	l := c.endpointLock(id)
	l <- struct{}{}
	return unlockFunc(l)
}

// LockEndpointContext is LockEndpoint that gives up when ctx ends.
func (c *Client) LockEndpointContext(ctx context.Context, id string) (func(), error) {
	l := c.endpointLock(id)
	select {
	case l <- struct{}{}:
		return unlockFunc(l), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func unlockFunc(l chan struct{}) func() {
	released := false
	return func() {
		if !released {
			released = true
			<-l
		}
	}
}

// ModifyVPCEndpoint modifies one endpoint: calls on the same endpoint are serialised through its
// lock, OperationInProgress (the endpoint is still applying an earlier change) is retried with
// jittered backoff until timeout, and the endpoint is then waited for until it is available again
// (or pendingAcceptance, for an endpoint still waiting for the service owner) and returned. The
// endpoint's facts are refreshed. The timeout covers waiting for the lock, the retries and the wait.
//
// The input is fixed, so a retry whose first attempt was applied (its answer lost) cannot be told
// from a real error: callers whose change is a delta should use ModifyVPCEndpointFunc.
func (c *Client) ModifyVPCEndpoint(ctx context.Context, input *ec2.ModifyVpcEndpointInput, timeout time.Duration) (*ec2types.VpcEndpoint, error) {
	return c.modify(ctx, aws.ToString(input.VpcEndpointId), false, func(*ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error) {
		return input, nil
	}, timeout)
}

// ModifyVPCEndpointFunc is ModifyVPCEndpoint for a change that depends on the endpoint's current
// state: under the endpoint's lock it reads the endpoint, asks build for the input, and modifies as
// ModifyVPCEndpoint does. build returning a nil input means nothing to do; the endpoint read is
// returned as is. Because the read and the modify happen under the same lock, resources deciding from
// what they read (an association removing the last security group restores the default) never decide
// on a stale view. An endpoint that does not exist is a *NotFoundError.
//
// Retries are idempotent: when AWS rejects the call in a way a change already applied would explain
// (a member already removed or added, a route already there: the answer to an earlier attempt was
// lost and the SDK sent it again), the endpoint is read again and build asked again, so the delta is
// recomputed from what AWS has; nothing left to do is success.
func (c *Client) ModifyVPCEndpointFunc(ctx context.Context, id string, build func(*ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error), timeout time.Duration) (*ec2types.VpcEndpoint, error) {
	return c.modify(ctx, id, true, build, timeout)
}

// maxRebuilds bounds how often a rejected modify is recomputed from a fresh read.
const maxRebuilds = 3

func (c *Client) modify(ctx context.Context, id string, read bool, build func(*ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error), timeout time.Duration) (*ec2types.VpcEndpoint, error) {
	if id == "" {
		return nil, errors.New("modifying VPC endpoint: no VpcEndpointId")
	}
	start := time.Now()
	deadlineCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ctx = tflog.SetField(ctx, "vpc_endpoint_id", id)

	unlock, err := c.LockEndpointContext(deadlineCtx, id)
	if err != nil {
		return nil, fmt.Errorf("modifying VPC endpoint (%s): waiting for other changes to the endpoint: %w", id, err)
	}
	defer unlock()

	var current *ec2types.VpcEndpoint
	var input *ec2.ModifyVpcEndpointInput
	var rejected error // why the previous attempt was rejected
	for rebuild := 0; ; rebuild++ {
		if read {
			if current, err = FindVPCEndpointByID(deadlineCtx, c.EC2, id); err != nil {
				return nil, fmt.Errorf("modifying VPC endpoint (%s): %w", id, err)
			}
		}
		previous := input
		if input, err = build(current); err != nil {
			return nil, err
		}
		if input == nil {
			return current, nil
		}
		if aws.ToString(input.VpcEndpointId) != id {
			return nil, fmt.Errorf("modifying VPC endpoint (%s): input names %q", id, aws.ToString(input.VpcEndpointId))
		}
		if previous != nil && sameModify(previous, input) {
			return nil, rejected // AWS has not changed: the rejection was real
		}
		err = c.callModify(ctx, deadlineCtx, id, input, timeout)
		c.RouteTablesChanged(input.AddRouteTableIds, input.RemoveRouteTableIds)
		if err == nil {
			break
		}
		if !read || rebuild >= maxRebuilds || !maybeAlreadyApplied(err) {
			return nil, err
		}
		rejected = err
		tflog.Info(ctx, "ModifyVpcEndpoint rejected as if already applied: reading the endpoint again", map[string]any{"error": err.Error()})
	}

	remaining := max(timeout-time.Since(start), time.Millisecond)
	ep, err := c.WaitVPCEndpointAvailableOrPendingAcceptance(ctx, id, "modify", remaining)
	if err != nil {
		return ep, fmt.Errorf("waiting for VPC endpoint (%s) update: %w", id, err)
	}
	c.EndpointChanged(*ep)
	return ep, nil
}

// callModify calls ModifyVpcEndpoint, retrying OperationInProgress with jittered backoff.
func (c *Client) callModify(ctx, deadlineCtx context.Context, id string, input *ec2.ModifyVpcEndpointInput, timeout time.Duration) error {
	delay := PollInitialDelay
	var busyErr error // the last OperationInProgress
	for attempt := 1; ; attempt++ {
		_, err := c.EC2.ModifyVpcEndpoint(deadlineCtx, input)
		if err == nil {
			return nil
		}
		if busyErr != nil && deadlineCtx.Err() != nil && ctx.Err() == nil {
			// The timeout ran out during a retry: report why we were retrying.
			return fmt.Errorf("modifying VPC endpoint (%s): still %s after %s: %w", id, ErrCodeOperationInProgress, timeout, busyErr)
		}
		if !ErrCodeEquals(err, ErrCodeOperationInProgress) {
			return fmt.Errorf("modifying VPC endpoint (%s): %w", id, err)
		}
		busyErr = err
		wait := jitter(delay)
		tflog.Debug(ctx, "VPC endpoint busy, retrying ModifyVpcEndpoint", map[string]any{
			"attempt": attempt, "retry_in_ms": wait.Milliseconds(),
		})
		if sleepErr := sleepCtx(deadlineCtx, wait); sleepErr != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("modifying VPC endpoint (%s): %w", id, ctx.Err())
			}
			return fmt.Errorf("modifying VPC endpoint (%s): still %s after %s: %w", id, ErrCodeOperationInProgress, timeout, err)
		}
		delay = NextDelay(delay)
	}
}

// maybeAlreadyApplied reports whether a ModifyVpcEndpoint error is what AWS answers to a change that
// is already in effect (a retried request whose first attempt was applied): a member that is not
// (or already) associated, a route that already exists.
func maybeAlreadyApplied(err error) bool {
	return ErrCodeEquals(err, ErrCodeRouteAlreadyExists) ||
		ErrMessageContains(err, ErrCodeInvalidParameter, "not associated") ||
		ErrMessageContains(err, ErrCodeInvalidParameter, "already associated") ||
		ErrMessageContains(err, ErrCodeInvalidParameter, "already exists")
}

// sameModify reports whether two inputs ask for the same change (a rebuild that changed nothing).
func sameModify(a, b *ec2.ModifyVpcEndpointInput) bool {
	key := func(in *ec2.ModifyVpcEndpointInput) string {
		return fmt.Sprint(in.AddRouteTableIds, in.RemoveRouteTableIds, in.AddSubnetIds, in.RemoveSubnetIds,
			in.AddSecurityGroupIds, in.RemoveSecurityGroupIds, aws.ToBool(in.PrivateDnsEnabled), in.PrivateDnsEnabled == nil,
			aws.ToString(in.PolicyDocument), aws.ToBool(in.ResetPolicy), in.IpAddressType, in.DnsOptions != nil)
	}
	return key(a) == key(b)
}
