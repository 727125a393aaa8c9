package emulator

import (
	"fmt"
	"math/rand"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Faults are the probabilistic fault knobs of a Server: random errors, answers dropped after the
// change is committed, and slow answers to committed requests. Draws come from one random source
// seeded with Seed, so a run that sends the same requests in the same order meets the same faults.
//
// All applies to every action that has no entry in Actions; an entry in Actions replaces All for
// that action entirely (an empty ActionFaults{} exempts the action, for example GetCallerIdentity).
type Faults struct {
	Seed    int64
	All     ActionFaults
	Actions map[string]ActionFaults
}

// ActionFaults are the fault rates of one action. Rates are probabilities between 0 and 1.
type ActionFaults struct {
	// ThrottleRate is the fraction of authenticated calls throttled before they run: they fail with
	// RequestLimitExceeded (HTTP 503) and count as Throttled. It combines with ErrorRate, so that
	// one action can meet throttling and server errors at once.
	ThrottleRate float64
	// ErrorRate is the fraction of authenticated calls that fail with ErrorCode before they run
	// (nothing is committed). ErrorCode defaults to InternalError; InternalError answers HTTP 500,
	// RequestLimitExceeded, ServiceUnavailable and Unavailable answer HTTP 503, other codes 400.
	// With ThrottleRate, both rates are fractions of all calls (ThrottleRate 0.3 and ErrorRate 0.1:
	// 30 % throttled, 10 % errors, 60 % served).
	ErrorRate float64
	ErrorCode string
	// DropRate is the fraction of successful mutating calls (every action but Describe* and Get*)
	// whose change is committed and whose connection is then closed without an answer.
	DropRate float64
	// SlowAnswer delays the answer of a call after its change is committed (the handler has run),
	// for the fraction SlowRate of calls; a SlowRate of 0 with SlowAnswer set means every call.
	SlowAnswer time.Duration
	SlowRate   float64
}

// FaultCount is how many faults a Server injected into the calls of one action.
type FaultCount struct {
	Errors    int // failed before running: InjectError and Faults.ErrorRate
	Throttled int // RequestLimitExceeded from the token bucket (SetThrottle) and Faults.ThrottleRate
	Dropped   int // committed, then the connection closed: DropResponses and Faults.DropRate
	Slowed    int // answered after Faults' SlowAnswer delay
}

// EndpointFailure makes the next Count endpoints created (1 when Count is 0) land in the "failed"
// state once their pending time is over, with LastError Code and Message. A zero Code turns it off.
type EndpointFailure struct {
	Code, Message string
	Count         int
}

func (f Faults) forAction(action string) ActionFaults {
	if af, ok := f.Actions[action]; ok {
		return af
	}
	return f.All
}

// SetFaults replaces the probabilistic fault knobs and reseeds their random source with f.Seed.
// The zero Faults turns them off.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setFaultsLocked(f)
}

func (s *Server) setFaultsLocked(f Faults) {
	actions := make(map[string]ActionFaults, len(f.Actions))
	for k, v := range f.Actions {
		actions[k] = v
	}
	f.Actions = actions
	s.faults = f
	s.rng = rand.New(rand.NewSource(f.Seed)) // reproducible draws, not security
}

// FaultCounts returns a copy of the per-action counts of injected faults. ResetCalls zeroes them.
func (s *Server) FaultCounts() map[string]FaultCount {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]FaultCount, len(s.faultCounts))
	for k, v := range s.faultCounts {
		out[k] = v
	}
	return out
}

// SetEndpointFailure makes the next f.Count endpoints created land in "failed" with LastError
// f.Code / f.Message (see EndpointFailure); the zero value turns it off.
func (s *Server) SetEndpointFailure(f EndpointFailure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setEndpointFailureLocked(f)
}

func (s *Server) setEndpointFailureLocked(f EndpointFailure) {
	if f.Code == "" {
		f = EndpointFailure{}
	} else if f.Count <= 0 {
		f.Count = 1
	}
	s.endpointFailure = f
}

// takeEndpointFailure returns the failure for the endpoint being created, if any.
func (s *Server) takeEndpointFailure() *EndpointFailure {
	if s.endpointFailure.Count <= 0 {
		return nil
	}
	s.endpointFailure.Count--
	f := s.endpointFailure
	return &f
}

// draw reports whether an event of probability p happens; it consumes a draw only when 0 < p < 1.
func (s *Server) draw(p float64) bool {
	switch {
	case p <= 0:
		return false
	case p >= 1:
		return true
	}
	return s.rng.Float64() < p
}

// drawFault draws the fault of one call before it runs: throttled (probability af.ThrottleRate),
// else an error (probability af.ErrorRate of all calls, so af.ErrorRate / (1 - af.ThrottleRate) of
// those not throttled). Without ThrottleRate it consumes the same draws as before it existed.
func (s *Server) drawFault(af ActionFaults) (throttled, failed bool) {
	if s.draw(af.ThrottleRate) {
		return true, false
	}
	p := af.ErrorRate
	if af.ThrottleRate > 0 && p > 0 {
		if af.ThrottleRate >= 1 {
			return false, false
		}
		p /= 1 - af.ThrottleRate
	}
	return false, s.draw(p)
}

// count adds one to a fault counter of action.
func (s *Server) count(action string, add func(*FaultCount)) {
	c := s.faultCounts[action]
	add(&c)
	s.faultCounts[action] = c
}

// ParseActionFaults parses one per-action fault specification of the vpce-emulator -fault flag:
//
//	ACTION:key=value,key=value…
//
// with the keys throttle-rate, error-rate, error-code, drop-rate, slow-answer (a Go duration) and
// slow-rate, for
// example "ModifyVpcEndpoint:error-rate=0.3,error-code=RequestLimitExceeded". ACTION may be "*"
// for every action without its own specification.
func ParseActionFaults(spec string) (action string, f ActionFaults, err error) {
	action, kvs, ok := strings.Cut(spec, ":")
	action = strings.TrimSpace(action)
	if !ok || action == "" {
		return "", f, fmt.Errorf("fault %q: want ACTION:key=value,…", spec)
	}
	for _, kv := range strings.Split(kvs, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok {
			return "", f, fmt.Errorf("fault %q: %q is not key=value", spec, kv)
		}
		rate := func(dst *float64) error {
			r, err := strconv.ParseFloat(v, 64)
			if err != nil || r < 0 || r > 1 {
				return fmt.Errorf("fault %q: %s must be a number between 0 and 1", spec, k)
			}
			*dst = r
			return nil
		}
		switch k {
		case "throttle-rate":
			err = rate(&f.ThrottleRate)
		case "error-rate":
			err = rate(&f.ErrorRate)
		case "error-code":
			f.ErrorCode = v
		case "drop-rate":
			err = rate(&f.DropRate)
		case "slow-rate":
			err = rate(&f.SlowRate)
		case "slow-answer":
			f.SlowAnswer, err = time.ParseDuration(v)
			if err != nil {
				err = fmt.Errorf("fault %q: slow-answer: %w", spec, err)
			}
		default:
			err = fmt.Errorf("fault %q: unknown key %q (want throttle-rate, error-rate, error-code, drop-rate, slow-answer, slow-rate)", spec, k)
		}
		if err != nil {
			return "", ActionFaults{}, err
		}
	}
	return action, f, nil
}

func injectedError(code string) *apiError {
	if code == "" {
		code = "InternalError"
	}
	e := &apiError{Code: code, Message: "Injected error."}
	switch code {
	case "InternalError":
		e.Message, e.Status = "An internal error has occurred", http.StatusInternalServerError
	case "ServiceUnavailable", "Unavailable":
		e.Message, e.Status = "The service is unavailable. Please try again shortly.", http.StatusServiceUnavailable
	case "RequestLimitExceeded":
		e.Message, e.Status = "Request limit exceeded.", http.StatusServiceUnavailable
	}
	return e
}

func hijackAndClose(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// tokenBucket is a lazily refilled token bucket; rate 0 means unlimited.
type tokenBucket struct {
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

func (b *tokenBucket) set(rate float64, burst int) {
	if burst < 1 {
		burst = 1
	}
	b.rate, b.burst, b.tokens, b.last = rate, float64(burst), float64(burst), time.Time{}
}

func (b *tokenBucket) take(now time.Time) bool {
	if b.rate <= 0 {
		return true
	}
	if !b.last.IsZero() {
		b.tokens += now.Sub(b.last).Seconds() * b.rate
		if b.tokens > b.burst {
			b.tokens = b.burst
		}
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// sleepCtx waits d or until the request is cancelled; it reports whether d elapsed.
func sleepCtx(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}
