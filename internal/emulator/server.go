package emulator

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// Default credentials, account and region of a server built with zero Options.
const (
	DefaultAccessKeyID     = "test"
	DefaultSecretAccessKey = "test"
	DefaultAccountID       = "123456789012"
	DefaultRegion          = "us-east-1"

	// OtherAccessKeyID, OtherSecretAccessKey and OtherAccountID are a second
	// built-in account. It owns one of the customer PrivateLink services (see
	// CustomerServiceNames), so tests can accept connections as that owner.
	OtherAccessKeyID     = "other"
	OtherSecretAccessKey = "other"
	OtherAccountID       = "210987654321"
)

// Credential is one access key known to the server and the account it belongs to.
type Credential struct{ AccessKeyID, SecretAccessKey, AccountID string }

// Options configure a Server. The zero value is usable.
type Options struct {
	Addr                 string       // listen address for Start; default "127.0.0.1:0"
	Credentials          []Credential // default: test/test → DefaultAccountID and other/other → OtherAccountID
	TimeScale            float64      // multiplies every simulated duration; 0 means 1
	PendingDuration      time.Duration
	DeletingDuration     time.Duration
	DeletedRetention     time.Duration
	DNSReservationWindow time.Duration
	ModifyDuration       time.Duration // how long a modify keeps the endpoint busy; default PendingDuration/4
	Latency              time.Duration
	ConsistencyWindow    time.Duration // a new endpoint is NotFound in DescribeVpcEndpoints for this long (not scaled)
	// ScaleConsistencyWindow makes ConsistencyWindow (and SetConsistencyWindow) a simulated duration,
	// multiplied by TimeScale like the others: a 2-minute window at TimeScale 0.02 lasts 2.4 s.
	ScaleConsistencyWindow bool
	ThrottleRate           float64
	ThrottleBurst          int
	// InterfaceQuotaPerVPC is the number of interface endpoints allowed per
	// VPC (default 50); GatewayQuotaPerRegion the number of gateway endpoints
	// per account and region (default 20).
	InterfaceQuotaPerVPC  int
	GatewayQuotaPerRegion int
	// Faults are the probabilistic fault knobs (random errors, dropped answers, slow answers after
	// the commit), seeded for repeatable runs; see SetFaults.
	Faults Faults
	// FailEndpoints makes the next endpoints created land in "failed"; see SetEndpointFailure.
	FailEndpoints EndpointFailure
	Logf          func(format string, args ...any) // optional request log; never given secrets
}

// Server is an in-memory EC2 and STS API. Create one with New.
type Server struct {
	mu      sync.Mutex
	opts    Options
	creds   map[string]Credential
	regions map[regionKey]*regionState
	calls   map[string]int

	timeScale       float64
	latency         time.Duration
	consistency     time.Duration
	pending         time.Duration
	deleting        time.Duration
	retention       time.Duration
	dnsWindow       time.Duration
	modifyDuration  time.Duration
	modifyConflicts bool
	bucket          tokenBucket
	inject          map[string]injected
	drop            map[string]int
	faults          Faults
	rng             *rand.Rand
	faultCounts     map[string]FaultCount
	endpointFailure EndpointFailure
	sessions        map[string]*stsSession // STS role sessions by access key (sts_assume.go)

	listener net.Listener
	httpSrv  *http.Server
	url      string
}

type regionKey struct{ account, region string }

type injected struct {
	code  string
	count int
}

// New returns a Server configured by opts. Call Start to listen, or use it as
// an http.Handler.
func New(opts Options) *Server {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if len(opts.Credentials) == 0 {
		opts.Credentials = []Credential{
			{DefaultAccessKeyID, DefaultSecretAccessKey, DefaultAccountID},
			{OtherAccessKeyID, OtherSecretAccessKey, OtherAccountID},
		}
	}
	if opts.TimeScale <= 0 {
		opts.TimeScale = 1
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&opts.PendingDuration, time.Second)
	def(&opts.DeletingDuration, time.Second)
	def(&opts.DeletedRetention, 2*time.Second)
	def(&opts.DNSReservationWindow, 2*time.Second)
	def(&opts.ModifyDuration, opts.PendingDuration/4)
	if opts.InterfaceQuotaPerVPC == 0 {
		opts.InterfaceQuotaPerVPC = 50
	}
	if opts.GatewayQuotaPerRegion == 0 {
		opts.GatewayQuotaPerRegion = 20
	}
	s := &Server{
		opts:            opts,
		creds:           map[string]Credential{},
		regions:         map[regionKey]*regionState{},
		calls:           map[string]int{},
		timeScale:       opts.TimeScale,
		latency:         opts.Latency,
		consistency:     opts.ConsistencyWindow,
		pending:         opts.PendingDuration,
		deleting:        opts.DeletingDuration,
		retention:       opts.DeletedRetention,
		dnsWindow:       opts.DNSReservationWindow,
		modifyDuration:  opts.ModifyDuration,
		modifyConflicts: true,
		inject:          map[string]injected{},
		drop:            map[string]int{},
		faultCounts:     map[string]FaultCount{},
	}
	for _, c := range opts.Credentials {
		s.creds[c.AccessKeyID] = c
	}
	s.bucket.set(opts.ThrottleRate, opts.ThrottleBurst)
	s.setFaultsLocked(opts.Faults)
	s.setEndpointFailureLocked(opts.FailEndpoints)
	return s
}

// Start listens on Options.Addr and serves in the background. It returns the
// base URL, for example "http://127.0.0.1:41234".
func (s *Server) Start() (string, error) {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return "", fmt.Errorf("listening on %s: %w", s.opts.Addr, err)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.mu.Lock()
	s.listener = ln
	s.httpSrv = srv
	s.url = "http://" + ln.Addr().String()
	u := s.url
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
	return u, nil
}

// URL returns the base URL after Start, else "".
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Close stops a started server and closes its connections.
func (s *Server) Close() error {
	s.mu.Lock()
	srv := s.httpSrv
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	err := srv.Close()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// SetTimeScale multiplies every simulated duration from now on; 0 means 1.
func (s *Server) SetTimeScale(f float64) {
	if f <= 0 {
		f = 1
	}
	s.mu.Lock()
	s.timeScale = f
	s.mu.Unlock()
}

// SetLatency adds d to every call.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	s.latency = d
	s.mu.Unlock()
}

// SetConsistencyWindow sets how long a new endpoint stays invisible to DescribeVpcEndpoints (scaled by
// the time scale when Options.ScaleConsistencyWindow is set).
func (s *Server) SetConsistencyWindow(d time.Duration) {
	s.mu.Lock()
	s.consistency = d
	s.mu.Unlock()
}

// SetThrottle turns on a token bucket of ratePerSecond with burst; 0 turns it off.
func (s *Server) SetThrottle(ratePerSecond float64, burst int) {
	s.mu.Lock()
	s.bucket.set(ratePerSecond, burst)
	s.mu.Unlock()
}

// InjectError makes the next count calls of action fail with code.
func (s *Server) InjectError(action, code string, count int) {
	s.mu.Lock()
	s.inject[action] = injected{code: code, count: count}
	s.mu.Unlock()
}

// DropResponses makes the next count mutating calls of action commit their
// change and then close the connection without answering.
func (s *Server) DropResponses(action string, count int) {
	s.mu.Lock()
	s.drop[action] = count
	s.mu.Unlock()
}

// SetDurations sets the simulated durations (before time scaling). A zero
// value keeps the current one.
func (s *Server) SetDurations(pending, deleting, deletedRetention, dnsReservation time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pending > 0 {
		s.pending = pending
		s.modifyDuration = pending / 4
	}
	if deleting > 0 {
		s.deleting = deleting
	}
	if deletedRetention > 0 {
		s.retention = deletedRetention
	}
	if dnsReservation > 0 {
		s.dnsWindow = dnsReservation
	}
}

// SetConcurrentModifyConflicts turns OperationInProgress on overlapping
// ModifyVpcEndpoint calls on or off (default on).
func (s *Server) SetConcurrentModifyConflicts(on bool) {
	s.mu.Lock()
	s.modifyConflicts = on
	s.mu.Unlock()
}

// Calls returns how many requests for action reached the dispatcher.
func (s *Server) Calls(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[action]
}

// CallCounts returns a copy of every per-action counter.
func (s *Server) CallCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.calls))
	for k, v := range s.calls {
		out[k] = v
	}
	return out
}

// ResetCalls zeroes the per-action call counters and fault counters.
func (s *Server) ResetCalls() {
	s.mu.Lock()
	s.calls = map[string]int{}
	s.faultCounts = map[string]FaultCount{}
	s.mu.Unlock()
}

// consistencyWindow is how long a new endpoint stays invisible, in real time.
func (s *Server) consistencyWindow() time.Duration {
	if s.opts.ScaleConsistencyWindow {
		return s.scaled(s.consistency)
	}
	return s.consistency
}

func (s *Server) scaled(d time.Duration) time.Duration {
	return time.Duration(float64(d) * s.timeScale)
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// request is one authenticated call being dispatched.
type request struct {
	action  string
	form    url.Values
	account string
	region  string
	id      string
	now     time.Time
	st      *regionState
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.serveRoleSessions(w, r) {
		return
	}
	reqID := newRequestID()
	body, err := readBody(r)
	if err != nil {
		writeEC2Error(w, reqID, &apiError{Code: "InvalidRequest", Message: "could not read the request body"})
		return
	}
	form, _ := url.ParseQuery(string(body))
	for k, v := range r.URL.Query() {
		form[k] = append(form[k], v...)
	}
	action := form.Get("Action")
	auth, aerr := s.authenticate(r, body)
	isSTS := (auth != nil && auth.service == "sts") || (auth == nil && action == "GetCallerIdentity")
	fail := func(e *apiError) {
		s.logf("%s %s -> %s", reqID, action, e.Code)
		if isSTS {
			writeSTSError(w, reqID, e)
		} else {
			writeEC2Error(w, reqID, e)
		}
	}
	s.mu.Lock()
	s.calls[action]++ // every request that names an action, authenticated or not
	s.mu.Unlock()
	if aerr != nil {
		fail(aerr)
		return
	}
	s.mu.Lock()
	latency := s.latency
	throttled := !s.bucket.take(time.Now())
	af := s.faults.forAction(action)
	var inj *apiError
	switch {
	case throttled:
	case s.inject[action].count > 0:
		in := s.inject[action]
		in.count--
		s.inject[action] = in
		inj = injectedError(in.code)
	default:
		var failed bool
		if throttled, failed = s.drawFault(af); failed {
			inj = injectedError(af.ErrorCode)
		}
	}
	if throttled {
		s.count(action, func(c *FaultCount) { c.Throttled++ })
	}
	if inj != nil {
		s.count(action, func(c *FaultCount) { c.Errors++ })
	}
	s.mu.Unlock()
	if latency > 0 && !sleepCtx(r, latency) {
		return
	}
	if throttled {
		fail(&apiError{Code: "RequestLimitExceeded", Message: "Request limit exceeded.", Status: http.StatusServiceUnavailable})
		return
	}
	if inj != nil {
		fail(inj)
		return
	}
	if isSTS {
		s.serveSTS(w, reqID, action, auth)
		return
	}
	var buf bytes.Buffer
	s.mu.Lock()
	req := &request{action: action, form: form, account: auth.account, region: auth.region, id: reqID, now: time.Now()}
	req.st = s.state(req.account, req.region)
	s.sweep(req.region, req.now)
	h, ok := lookupHandler(action)
	var herr *apiError
	if !ok {
		herr = &apiError{Code: "InvalidAction", Message: fmt.Sprintf("The action %s is not valid for this web service.", action)}
	} else {
		herr = h(s, req, &buf)
	}
	dropIt := false
	if herr == nil && isMutating(action) {
		switch {
		case s.drop[action] > 0:
			s.drop[action]--
			dropIt = true
		case s.draw(af.DropRate):
			dropIt = true
		}
		if dropIt {
			s.count(action, func(c *FaultCount) { c.Dropped++ })
		}
	}
	var slow time.Duration
	if ok && !dropIt && af.SlowAnswer > 0 && (af.SlowRate == 0 || s.draw(af.SlowRate)) {
		slow = af.SlowAnswer
		s.count(action, func(c *FaultCount) { c.Slowed++ })
	}
	s.mu.Unlock()
	if dropIt {
		s.logf("%s %s -> dropped", reqID, action)
		hijackAndClose(w)
		return
	}
	if slow > 0 && !sleepCtx(r, slow) {
		s.logf("%s %s -> committed, caller gone before the slow answer", reqID, action)
		return
	}
	if herr != nil {
		fail(herr)
		return
	}
	s.logf("%s %s -> ok", reqID, action)
	writeEC2Response(w, action, reqID, buf.Bytes())
}

func isMutating(action string) bool {
	return !strings.HasPrefix(action, "Describe") && !strings.HasPrefix(action, "Get")
}

// handler runs one EC2 action with the server lock held and writes the inner
// XML of the answer to out.
type handler func(s *Server, r *request, out *bytes.Buffer) *apiError

var handlers map[string]handler

// lookupHandler finds the handler of an EC2 action: the table of services.go, then the PrivateLink
// owner actions of endpoint_services.go.
func lookupHandler(action string) (handler, bool) {
	if h, ok := handlers[action]; ok {
		return h, true
	}
	h, ok := ownerHandlers[action]
	return h, ok
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
