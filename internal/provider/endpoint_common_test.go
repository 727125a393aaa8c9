package provider

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
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
