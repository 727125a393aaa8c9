package acctest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sort"
	"sync"
	"testing"
	"time"
)

// RouteEC2Through puts a proxy between the provider and the EC2 API: the provider of the workdirs made
// after this call sends its EC2 calls to the proxy, which hands each one (its Action, and the request
// itself) to hold before forwarding it unchanged. The test's own EC2 client (fixtures) goes direct.
// STS is not routed.
func (tg *Target) RouteEC2Through(t *testing.T, hold func(action string)) {
	t.Helper()
	target, err := url.Parse(tg.defaults.EC2Endpoint)
	if err != nil || tg.defaults.EC2Endpoint == "" {
		t.Skipf("no EC2 endpoint URL to route through a proxy (target is %s)", tg.Kind)
	}
	proxy := httputil.NewSingleHostReverseProxy(target) // the Host header stays: the signature holds
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		values, _ := url.ParseQuery(string(body))
		hold(values.Get("Action"))
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	tg.defaults.EC2Endpoint = srv.URL
}

// CallRounds records when EC2 calls are in flight, each held for a fixed time, to show which calls a
// plan makes together and which one after another: calls held at the same time are one round.
type CallRounds struct {
	hold time.Duration

	mu    sync.Mutex
	calls []heldCall
}

type heldCall struct {
	action     string
	start, end time.Time
}

// NewCallRounds holds every call for hold (long against the scheduling of goroutines, short against
// the test).
func NewCallRounds(hold time.Duration) *CallRounds { return &CallRounds{hold: hold} }

// Hold is the function for RouteEC2Through.
func (c *CallRounds) Hold(action string) {
	start := time.Now()
	time.Sleep(c.hold)
	c.mu.Lock()
	c.calls = append(c.calls, heldCall{action, start, time.Now()})
	c.mu.Unlock()
}

// Reset forgets the calls recorded so far.
func (c *CallRounds) Reset() {
	c.mu.Lock()
	c.calls = nil
	c.mu.Unlock()
}

// Rounds groups the recorded calls into rounds: a call that starts while another is held joins that
// one's round. Each round is its actions, sorted.
func (c *CallRounds) Rounds() [][]string {
	c.mu.Lock()
	calls := append([]heldCall(nil), c.calls...)
	c.mu.Unlock()
	sort.Slice(calls, func(i, j int) bool { return calls[i].start.Before(calls[j].start) })
	var rounds [][]string
	var end time.Time
	for _, hc := range calls {
		if len(rounds) == 0 || !hc.start.Before(end) {
			rounds = append(rounds, nil)
			end = hc.end
		}
		rounds[len(rounds)-1] = append(rounds[len(rounds)-1], hc.action)
		if hc.end.After(end) {
			end = hc.end
		}
	}
	for _, r := range rounds {
		sort.Strings(r)
	}
	return rounds
}
