package awsclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
)

const (
	// DefaultMaxAttempts is how many times an AWS call is attempted when neither max_retries,
	// AWS_MAX_ATTEMPTS nor the profile's max_attempts says otherwise: the aws provider's default
	// (max_retries = 25 there), robust against sustained EC2 throttling.
	DefaultMaxAttempts = 25

	// RetryMaxBackoff caps the delay between two attempts (the SDK's exponential backoff with
	// jitter, so the average wait is about half of it). With DefaultMaxAttempts, a call that is
	// throttled every time gives up after about four minutes: long enough to ride out a burst,
	// short enough that a resource's own timeout, not the retryer, bounds an operation.
	RetryMaxBackoff = 20 * time.Second

	// MaxMisconfigAttempts bounds the attempts of a call that fails in a way that usually means a
	// misconfiguration rather than a passing fault: a refused connection (a wrong endpoint URL),
	// or a web identity token STS rejects (InvalidIdentityToken, which the SDK retries because a
	// new token can take a moment to become valid). Such a call fails in about a second instead of
	// after DefaultMaxAttempts.
	MaxMisconfigAttempts = 5
)

// RetryBackoffScale multiplies the SDK's delays between the attempts of a call. It is 1 for AWS;
// tests running the local EC2 API at a time scale shorten it as they shorten PollInitialDelay, so
// that a campaign of throttled calls runs at the emulator's pace. It is read when a client is
// configured, without locking.
var RetryBackoffScale = 1.0

// scaledBackoff multiplies another backoff's delays.
type scaledBackoff struct {
	retry.BackoffDelayer
	scale float64
}

func (b scaledBackoff) BackoffDelay(attempt int, err error) (time.Duration, error) {
	d, e := b.BackoffDelayer.BackoffDelay(attempt, err)
	return time.Duration(float64(d) * b.scale), e
}

// retryableCodes are EC2 and STS error codes retried whatever their HTTP status (the SDK already
// retries 500, 502, 503 and 504, and its throttling codes such as RequestLimitExceeded, Throttling
// and EC2ThrottledException): EC2's server errors, should a proxy change their status.
var retryableCodes = map[string]struct{}{
	ErrCodeInternalError:        {},
	"InternalFailure":           {},
	"ServiceUnavailable":        {},
	"Unavailable":               {},
	ErrCodeRequestLimitExceeded: {},
	ErrCodeThrottling:           {},
	"RequestThrottled":          {},
	"EC2ThrottledException":     {},
	"IDPCommunicationError":     {}, // AssumeRoleWithWebIdentity: the identity provider did not answer
	"RequestTimeout":            {},
	"RequestTimeoutException":   {},
	"ThrottlingException":       {},
	"TooManyRequestsException":  {},
}

// retrySettings are the resolved retry arguments.
type retrySettings struct {
	maxAttempts int
	mode        string
	backoff     retry.BackoffDelayer // nil: the SDK's exponential backoff with jitter (tests set one)
}

// resolveRetrySettings applies the precedence of the aws provider: max_retries (attempts =
// retries + 1), else AWS_MAX_ATTEMPTS, else the profile's max_attempts, else DefaultMaxAttempts;
// retry_mode, else AWS_RETRY_MODE, else the profile's retry_mode, else standard.
func resolveRetrySettings(ctx context.Context, cfg Config, getenv func(string) string) retrySettings {
	s := retrySettings{maxAttempts: DefaultMaxAttempts, mode: cfg.RetryMode, backoff: cfg.retryBackoff}
	var shared *config.SharedConfig
	profile := func() *config.SharedConfig {
		if shared == nil {
			sc := loadSharedProfile(ctx, cfg, getenv)
			shared = &sc
		}
		return shared
	}
	switch n, err := strconv.Atoi(strings.TrimSpace(getenv("AWS_MAX_ATTEMPTS"))); {
	case cfg.MaxRetries != nil:
		s.maxAttempts = *cfg.MaxRetries + 1
	case err == nil && n > 0:
		s.maxAttempts = n
	case profile().RetryMaxAttempts > 0:
		s.maxAttempts = profile().RetryMaxAttempts
	}
	if s.mode == "" {
		s.mode = getenv("AWS_RETRY_MODE")
	}
	if s.mode == "" {
		s.mode = string(profile().RetryMode)
	}
	return s
}

// loadSharedProfile reads the profile the SDK will use (profile, else AWS_PROFILE, else default)
// from the shared files the SDK will read. A missing profile or file reads as empty: loading the
// configuration itself reports those.
func loadSharedProfile(ctx context.Context, cfg Config, getenv func(string) string) config.SharedConfig {
	name := cfg.Profile
	if name == "" {
		name = getenv("AWS_PROFILE")
	}
	if name == "" {
		name = "default"
	}
	files := func(set []string, env string, def []string) []string {
		if len(set) > 0 {
			return set
		}
		if v := getenv(env); v != "" {
			return []string{v}
		}
		return def
	}
	sc, err := config.LoadSharedConfigProfile(ctx, name, func(o *config.LoadSharedConfigOptions) {
		o.ConfigFiles = files(cfg.SharedConfigFiles, "AWS_CONFIG_FILE", config.DefaultSharedConfigFiles)
		o.CredentialsFiles = files(cfg.SharedCredentialsFiles, "AWS_SHARED_CREDENTIALS_FILE", config.DefaultSharedCredentialsFiles)
	})
	if err != nil {
		return config.SharedConfig{}
	}
	return sc
}

// newRetryer returns the SDK retryer factory used by every client of the provider (EC2, STS, and
// the STS clients of assume_role and assume_role_with_web_identity): standard (or adaptive) mode,
// s.maxAttempts attempts, RetryMaxBackoff, the EC2 codes above, and no client-side retry quota,
// so that a burst of throttled calls (twenty associations applied at once) cannot exhaust the
// quota and fail fast.
func newRetryer(s retrySettings) func() aws.Retryer {
	standard := func(o *retry.StandardOptions) {
		if s.maxAttempts > 0 {
			o.MaxAttempts = s.maxAttempts
		}
		o.MaxBackoff = RetryMaxBackoff
		switch {
		case s.backoff != nil:
			o.Backoff = s.backoff
		case RetryBackoffScale > 0 && RetryBackoffScale != 1:
			o.Backoff = scaledBackoff{BackoffDelayer: retry.NewExponentialJitterBackoff(RetryMaxBackoff), scale: RetryBackoffScale}
		}
		o.RateLimiter = ratelimit.None
		o.Retryables = append(o.Retryables, retry.RetryableErrorCode{Codes: retryableCodes})
	}
	return func() aws.Retryer {
		var r aws.RetryerV2
		if strings.EqualFold(s.mode, string(aws.RetryModeAdaptive)) {
			r = retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
				o.StandardOptions = append(o.StandardOptions, standard)
			})
		} else {
			r = retry.NewStandard(standard)
		}
		return &unreachableShortcut{RetryerV2: r}
	}
}

// unreachableShortcut stops retrying the calls of MaxMisconfigAttempts after that many attempts,
// and one whose endpoint's TLS certificate is not trusted at once (the SDK retries every failure
// to send): those errors mean a wrong endpoint, token or CA bundle far more often than a passing
// fault, and nothing was changed on AWS, so nothing is lost.
type unreachableShortcut struct {
	aws.RetryerV2
}

// RetryDelay is the only Retryer method that sees the attempt number.
func (r *unreachableShortcut) RetryDelay(attempt int, err error) (time.Duration, error) {
	if isCertificateError(err) || (attempt >= MaxMisconfigAttempts && (isUnreachable(err) || ErrCodeEquals(err, "InvalidIdentityToken"))) {
		return 0, &retry.MaxAttemptsError{Attempt: attempt, Err: err}
	}
	return r.RetryerV2.RetryDelay(attempt, err)
}

func isCertificateError(err error) bool {
	var verifyErr *tls.CertificateVerificationError
	var authorityErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	return errors.As(err, &verifyErr) || errors.As(err, &authorityErr) || errors.As(err, &hostErr) || errors.As(err, &invalidErr)
}

func isUnreachable(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial" && strings.Contains(opErr.Err.Error(), "connection refused")
}
