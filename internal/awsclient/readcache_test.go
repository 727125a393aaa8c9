package awsclient

import (
	"context"
	"testing"
	"time"
)

// retryTransient (the shared listing and Read by id) rides out throttling and server errors for its
// window, gives up at once on a real rejection, and stops with its context.
func TestRetryTransient(t *testing.T) {
	t.Parallel()
	throttled := awsErr("RequestLimitExceeded", "Request limit exceeded.")
	for _, c := range []struct {
		name      string
		window    time.Duration
		failures  int   // transient failures before the call succeeds (-1: never succeeds)
		final     error // what the call answers after them, when failures >= 0
		cancelled bool
		wantCalls int // exact; 0: at least 2
		wantErr   bool
	}{
		{name: "throttled, then answered", window: time.Minute, failures: 3, wantCalls: 4},
		{name: "server error, then answered", window: time.Minute, failures: 1, final: nil, wantCalls: 2},
		{name: "real rejection", window: time.Minute, failures: 0, final: awsErr("InvalidParameter", "bad"), wantCalls: 1, wantErr: true},
		{name: "throttled beyond the window", window: 30 * time.Millisecond, failures: -1, wantErr: true},
		{name: "cancelled", window: time.Minute, failures: -1, cancelled: true, wantCalls: 1, wantErr: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			calls := 0
			start := time.Now()
			err := retryTransient(ctx, c.window, func(context.Context) error {
				calls++
				if c.cancelled {
					cancel()
				}
				if c.failures < 0 || calls <= c.failures {
					if c.name == "server error, then answered" {
						return awsErr("InternalError", "An internal error has occurred")
					}
					return throttled
				}
				return c.final
			})
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
			if c.wantCalls > 0 && calls != c.wantCalls {
				t.Errorf("%d calls, want %d", calls, c.wantCalls)
			}
			if c.wantCalls == 0 && calls < 2 {
				t.Errorf("%d calls, want retries within the window", calls)
			}
			if d := time.Since(start); d > c.window+5*time.Second {
				t.Errorf("gave up after %s, window %s", d, c.window)
			}
		})
	}
}
