package provider

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/smithy-go"
)

// A wait that Terraform cancelled (Ctrl-C) is an interrupted create; one that ran out of time, or
// failed while the create was still running, is a failure (the endpoint is tainted).
func TestWaitInterrupted(t *testing.T) {
	t.Parallel()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	op, opCancel := context.WithTimeout(cancelled, time.Hour) // the create's timeout over a cancelled request
	defer opCancel()
	timedOut, toCancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer toCancel()
	<-timedOut.Done()
	waitErr := func(ctx context.Context) error {
		return fmt.Errorf("waiting for VPC endpoint (vpce-1) to become available: %w", ctx.Err())
	}

	for _, tc := range []struct {
		name string
		ctx  context.Context
		err  error
		want bool
	}{
		{"Ctrl-C", op, waitErr(op), true},
		{"timeout", timedOut, waitErr(timedOut), false},
		{"endpoint failed", context.Background(), errors.New(`unexpected state "failed"`), false},
		{"no error", context.Background(), nil, false},
		{"cancelled error, live create", context.Background(), context.Canceled, false},
	} {
		if got := waitInterrupted(tc.ctx, tc.err); got != tc.want {
			t.Errorf("%s: waitInterrupted = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// retryUntil (Delete and the refresh's retries beyond the SDK's) rides out transient failures until
// the operation's context ends, and gives up at once on a real rejection.
func TestRetryUntil(t *testing.T) {
	t.Parallel()
	throttled := fmt.Errorf("operation error EC2: DeleteVpcEndpoints: %w", &smithy.GenericAPIError{Code: "RequestLimitExceeded", Message: "Request limit exceeded."})
	rejected := fmt.Errorf("operation error EC2: DeleteVpcEndpoints: %w", &smithy.GenericAPIError{Code: "InvalidParameter", Message: "bad"})

	calls := 0
	err := retryUntil(context.Background(), func(context.Context) error {
		if calls++; calls == 1 {
			return throttled
		}
		return nil
	})
	if err != nil || calls != 2 {
		t.Errorf("throttled once: err %v after %d calls, want success after 2", err, calls)
	}

	calls = 0
	err = retryUntil(context.Background(), func(context.Context) error { calls++; return rejected })
	if !errors.Is(err, rejected) || calls != 1 {
		t.Errorf("rejected: err %v after %d calls, want the rejection after 1", err, calls)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	calls = 0
	start := time.Now()
	err = retryUntil(ctx, func(context.Context) error { calls++; return throttled })
	if !errors.Is(err, throttled) || time.Since(start) > 5*time.Second {
		t.Errorf("throttled until the timeout: err %v after %d calls and %s, want the throttling error at the timeout", err, calls, time.Since(start))
	}
}
