package awsclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go"
)

// noBackoff makes retries immediate, so that tests count attempts without waiting.
var noBackoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })

// scriptedServer is an EC2 + STS endpoint whose actions fail a set number of times before they
// answer; it counts every attempt per action.
type scriptedServer struct {
	t     *testing.T
	srv   *httptest.Server
	mu    sync.Mutex
	calls map[string]int
	fails map[string]scriptedFailure
}

type scriptedFailure struct {
	times  int // -1: always
	status int
	code   string
}

func newScriptedServer(t *testing.T) *scriptedServer {
	t.Helper()
	s := &scriptedServer{t: t, calls: map[string]int{}, fails: map[string]scriptedFailure{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *scriptedServer) fail(action string, times, status int, code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fails[action] = scriptedFailure{times: times, status: status, code: code}
}

func (s *scriptedServer) count(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[action]
}

func (s *scriptedServer) serve(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	action := r.PostForm.Get("Action")
	s.mu.Lock()
	s.calls[action]++
	f, failing := s.fails[action]
	failing = failing && f.times != 0
	if failing && f.times > 0 {
		f.times--
		s.fails[action] = f
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	isSTS := action == "GetCallerIdentity" || strings.HasPrefix(action, "AssumeRole")
	if failing {
		w.WriteHeader(f.status)
		if isSTS {
			fmt.Fprintf(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>%s</Code><Message>scripted</Message></Error><RequestId>r</RequestId></ErrorResponse>`, f.code)
		} else {
			fmt.Fprintf(w, `<Response><Errors><Error><Code>%s</Code><Message>scripted</Message></Error></Errors><RequestID>r</RequestID></Response>`, f.code)
		}
		return
	}
	switch action {
	case "GetCallerIdentity":
		_, _ = w.Write([]byte(stsIdentity))
	case "AssumeRole":
		_, _ = w.Write([]byte(assumeRoleAnswer("arn:aws:sts::210987654321:assumed-role/deploy/s")))
	case "DescribeVpcs":
		_, _ = w.Write([]byte(ok("DescribeVpcs", "<vpcSet/>").body))
	default:
		s.t.Errorf("scripted server: unexpected action %q", action)
		w.WriteHeader(http.StatusBadRequest)
	}
}

func assumeRoleAnswer(arn string) string {
	return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
		`<Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>rolesecret</SecretAccessKey><SessionToken>roletoken</SessionToken>` +
		`<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
		`<AssumedRoleUser><Arn>` + arn + `</Arn><AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser>` +
		`</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`
}

func (s *scriptedServer) config() Config {
	return Config{Region: "us-east-1", AccessKey: "AKIDTEST", SecretKey: "s3cr3t",
		EC2Endpoint: s.srv.URL, STSEndpoint: s.srv.URL, retryBackoff: noBackoff}
}

func intPtr(n int) *int { return &n }

func TestNewRetryer(t *testing.T) {
	t.Parallel()
	r := newRetryer(retrySettings{maxAttempts: 8})()
	if got := r.MaxAttempts(); got != 8 {
		t.Errorf("MaxAttempts = %d, want 8", got)
	}
	short, ok := r.(*unreachableShortcut)
	if !ok {
		t.Fatalf("retryer is %T, want the unreachable-endpoint shortcut around the SDK's", r)
	}
	std, ok := short.RetryerV2.(*retry.Standard)
	if !ok {
		t.Fatalf("standard mode retryer is %T", short.RetryerV2)
	}
	// No retry quota: the token bucket never runs dry.
	if _, err := std.GetAttemptToken(context.Background()); err != nil {
		t.Errorf("GetAttemptToken: %v", err)
	}
	for i := 0; i < 1000; i++ {
		if _, err := std.GetRetryToken(context.Background(), errTest); err != nil {
			t.Fatalf("retry token %d refused: %v (rate limiter should be ratelimit.None %T)", i, err, ratelimit.None)
		}
	}
	// The backoff is capped at RetryMaxBackoff, however late the attempt.
	for attempt := 1; attempt < 40; attempt++ {
		d, err := r.RetryDelay(attempt, errTest)
		if err != nil || d > RetryMaxBackoff {
			t.Fatalf("RetryDelay(%d) = %s, %v; want at most %s", attempt, d, err, RetryMaxBackoff)
		}
	}
	if _, ok := newRetryer(retrySettings{mode: "adaptive"})().(*unreachableShortcut).RetryerV2.(*retry.AdaptiveMode); !ok {
		t.Error("adaptive mode not honoured")
	}
	// EC2's server error codes are retried even with a 4xx status.
	for _, code := range []string{"Unavailable", "ServiceUnavailable", "InternalError", "RequestLimitExceeded", "EC2ThrottledException"} {
		err := &testAPIError{code: code}
		if !r.IsErrorRetryable(err) {
			t.Errorf("%s not retryable", code)
		}
	}
	if r.IsErrorRetryable(&testAPIError{code: "InvalidParameter"}) {
		t.Error("InvalidParameter retried")
	}
}

type testAPIError struct{ code string }

func (e *testAPIError) Error() string                 { return e.code }
func (e *testAPIError) ErrorCode() string             { return e.code }
func (e *testAPIError) ErrorMessage() string          { return e.code }
func (e *testAPIError) ErrorFault() smithy.ErrorFault { return smithy.FaultServer }
func (e *testAPIError) HTTPStatusCode() int           { return http.StatusBadRequest }

// RetryBackoffScale shortens the SDK's backoff by its factor; 1 leaves the SDK's own.
func TestRetryBackoffScale(t *testing.T) {
	scale := RetryBackoffScale
	defer func() { RetryBackoffScale = scale }()
	throttled := &testAPIError{code: ErrCodeRequestLimitExceeded}
	longest := func() time.Duration {
		r := newRetryer(retrySettings{maxAttempts: DefaultMaxAttempts})()
		var m time.Duration
		for range 200 {
			d, err := r.RetryDelay(10, throttled) // the SDK's jitter: up to RetryMaxBackoff
			if err != nil {
				t.Fatal(err)
			}
			m = max(m, d)
		}
		return m
	}
	RetryBackoffScale = 1
	if d := longest(); d <= RetryMaxBackoff/2 || d > RetryMaxBackoff {
		t.Errorf("unscaled: longest delay %s, want up to %s", d, RetryMaxBackoff)
	}
	RetryBackoffScale = 0.01
	if d := longest(); d <= RetryMaxBackoff/200 || d > RetryMaxBackoff/100 {
		t.Errorf("scaled by 0.01: longest delay %s, want up to %s", d, RetryMaxBackoff/100)
	}
}

func TestUnreachableShortcut(t *testing.T) {
	t.Parallel()
	r := newRetryer(retrySettings{maxAttempts: DefaultMaxAttempts, backoff: noBackoff})()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	noHost := &net.DNSError{Err: "no such host", Name: "ec2.invalid", IsNotFound: true}
	badToken := &testAPIError{code: "InvalidIdentityToken"}
	for _, err := range []error{refused, noHost, badToken} {
		if _, e := r.RetryDelay(MaxMisconfigAttempts-1, err); e != nil {
			t.Errorf("attempt %d of %v refused: %v", MaxMisconfigAttempts-1, err, e)
		}
		var maxErr *retry.MaxAttemptsError
		if _, e := r.RetryDelay(MaxMisconfigAttempts, err); !errors.As(e, &maxErr) {
			t.Errorf("attempt %d of %v: %v, want MaxAttemptsError", MaxMisconfigAttempts, err, e)
		}
	}
	if _, e := r.RetryDelay(MaxMisconfigAttempts+3, &testAPIError{code: "RequestLimitExceeded"}); e != nil {
		t.Errorf("throttling cut short: %v", e)
	}
}

func TestNew_unreachableEndpointFailsFast(t *testing.T) {
	isolateEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close() // nothing listens there any more: connections are refused
	_, err = New(testCtx(t), Config{Region: "us-east-1", AccessKey: "AKIDTEST", SecretKey: "s3cr3t",
		STSEndpoint: "http://" + addr, retryBackoff: noBackoff})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("exceeded maximum number of attempts, %d", MaxMisconfigAttempts)) {
		t.Errorf("error = %v, want the attempts cut to %d", err, MaxMisconfigAttempts)
	}
}

func TestResolveRetrySettings(t *testing.T) {
	dir := t.TempDir()
	cfgFile := filepath.Join(dir, "config")
	if err := os.WriteFile(cfgFile, []byte("[default]\nmax_attempts = 7\nretry_mode = adaptive\n\n[profile quick]\nmax_attempts = 2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for name, tc := range map[string]struct {
		cfg      Config
		env      map[string]string
		attempts int
		mode     string
	}{
		"default":                     {env: map[string]string{"AWS_CONFIG_FILE": filepath.Join(dir, "none")}, attempts: DefaultMaxAttempts},
		"max_retries":                 {cfg: Config{MaxRetries: intPtr(9)}, env: map[string]string{"AWS_MAX_ATTEMPTS": "3"}, attempts: 10, mode: "adaptive"},
		"max_retries = 0":             {cfg: Config{MaxRetries: intPtr(0)}, attempts: 1, mode: "adaptive"},
		"AWS_MAX_ATTEMPTS":            {env: map[string]string{"AWS_MAX_ATTEMPTS": "5", "AWS_RETRY_MODE": "standard"}, attempts: 5, mode: "standard"},
		"AWS_MAX_ATTEMPTS = 1":        {env: map[string]string{"AWS_MAX_ATTEMPTS": "1"}, attempts: 1, mode: "adaptive"},
		"profile max_attempts":        {attempts: 7, mode: "adaptive"},
		"named profile":               {cfg: Config{Profile: "quick"}, attempts: 2},
		"AWS_PROFILE":                 {env: map[string]string{"AWS_PROFILE": "quick"}, attempts: 2},
		"retry_mode beats the rest":   {cfg: Config{RetryMode: "standard"}, env: map[string]string{"AWS_RETRY_MODE": "adaptive"}, attempts: 7, mode: "standard"},
		"shared_config_files":         {cfg: Config{SharedConfigFiles: []string{cfgFile}}, env: map[string]string{"AWS_CONFIG_FILE": filepath.Join(dir, "none")}, attempts: 7, mode: "adaptive"},
		"garbage AWS_MAX_ATTEMPTS":    {env: map[string]string{"AWS_MAX_ATTEMPTS": "many"}, attempts: 7, mode: "adaptive"},
		"missing profile reads empty": {cfg: Config{Profile: "nope"}, attempts: DefaultMaxAttempts},
	} {
		t.Run(name, func(t *testing.T) {
			env := map[string]string{"AWS_CONFIG_FILE": cfgFile, "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "none")}
			for k, v := range tc.env {
				env[k] = v
			}
			got := resolveRetrySettings(ctx, tc.cfg, func(k string) string { return env[k] })
			if got.maxAttempts != tc.attempts || got.mode != tc.mode {
				t.Errorf("attempts %d, mode %q; want %d, %q", got.maxAttempts, got.mode, tc.attempts, tc.mode)
			}
		})
	}
}

// Every call path goes through the configured retryer: the credential check, EC2 calls and the
// assume_role STS client, each throttled a few times before it answers.
func TestNew_retriesThrottlingAndServerErrors(t *testing.T) {
	isolateEnv(t)
	ctx := testCtx(t)
	srv := newScriptedServer(t)
	srv.fail("AssumeRole", 3, http.StatusServiceUnavailable, "RequestLimitExceeded")
	srv.fail("GetCallerIdentity", 4, http.StatusBadRequest, "Throttling")
	cfg := srv.config()
	cfg.AssumeRole = &AssumeRole{RoleARN: "arn:aws:iam::210987654321:role/deploy"}
	c, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.count("AssumeRole"); got != 4 {
		t.Errorf("AssumeRole attempts = %d, want 4 (3 throttled + 1)", got)
	}
	if got := srv.count("GetCallerIdentity"); got != 5 {
		t.Errorf("GetCallerIdentity attempts = %d, want 5 (4 throttled + 1)", got)
	}
	for _, f := range []scriptedFailure{
		{6, http.StatusServiceUnavailable, "RequestLimitExceeded"},
		{3, http.StatusInternalServerError, "InternalError"},
		{2, http.StatusBadRequest, "Unavailable"},
		{2, http.StatusBadGateway, "BadGateway"},
	} {
		before := srv.count("DescribeVpcs")
		srv.fail("DescribeVpcs", f.times, f.status, f.code)
		if _, err := c.EC2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}); err != nil {
			t.Errorf("%s (%d) x%d: %v", f.code, f.status, f.times, err)
		}
		if got := srv.count("DescribeVpcs") - before; got != f.times+1 {
			t.Errorf("%s: DescribeVpcs attempts = %d, want %d", f.code, got, f.times+1)
		}
	}
	// A client error is not retried.
	before := srv.count("DescribeVpcs")
	srv.fail("DescribeVpcs", -1, http.StatusBadRequest, "InvalidParameterValue")
	if _, err := c.EC2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}); !ErrCodeEquals(err, "InvalidParameterValue") {
		t.Errorf("error = %v", err)
	}
	if got := srv.count("DescribeVpcs") - before; got != 1 {
		t.Errorf("InvalidParameterValue attempted %d times, want 1", got)
	}
}

func TestNew_defaultMaxAttempts(t *testing.T) {
	isolateEnv(t)
	srv := newScriptedServer(t)
	srv.fail("GetCallerIdentity", -1, http.StatusServiceUnavailable, "RequestLimitExceeded")
	_, err := New(testCtx(t), srv.config())
	if err == nil || !strings.Contains(err.Error(), "exceeded maximum number of attempts, 25") {
		t.Errorf("error = %v", err)
	}
	if got := srv.count("GetCallerIdentity"); got != DefaultMaxAttempts || DefaultMaxAttempts != 25 {
		t.Errorf("attempts = %d, want the aws provider's 25", got)
	}

	// AWS_MAX_ATTEMPTS applies when max_retries is unset; max_retries wins over it.
	t.Setenv("AWS_MAX_ATTEMPTS", "4")
	before := srv.count("GetCallerIdentity")
	if _, err := New(testCtx(t), srv.config()); err == nil {
		t.Fatal("want error")
	}
	if got := srv.count("GetCallerIdentity") - before; got != 4 {
		t.Errorf("AWS_MAX_ATTEMPTS=4: attempts = %d", got)
	}
	cfg := srv.config()
	cfg.MaxRetries = intPtr(1)
	before = srv.count("GetCallerIdentity")
	if _, err := New(testCtx(t), cfg); err == nil {
		t.Fatal("want error")
	}
	if got := srv.count("GetCallerIdentity") - before; got != 2 {
		t.Errorf("max_retries = 1: attempts = %d, want 2", got)
	}
}
