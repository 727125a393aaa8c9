// Package acctest is the acceptance-test harness: it picks the EC2 API the tests run against, builds
// the protocol-6 provider factories pointed at it, creates network fixtures through EC2 calls, and lets
// a test read the local EC2 API's call counters.
//
// Targets:
//   - default: a fresh in-process local EC2 API (internal/emulator) per test;
//   - VPCE_TEST_EC2_ENDPOINT=<url>: another EC2-compatible API (credentials and region from the usual
//     AWS environment; VPCE_TEST_STS_ENDPOINT for its STS, else the same URL);
//   - VPCE_TEST_AWS=1: a real AWS account through the SDK's default chain.
package acctest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	awspolicy "github.com/hashicorp/awspolicyequivalence"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
	"github.com/vpce-dev/terraform-provider-vpce/internal/provider"
)

// Target kinds.
const (
	KindEmulator = "emulator"
	KindEndpoint = "endpoint"
	KindAWS      = "aws"
)

// EmulatorTimeScale shortens the local EC2 API's simulated durations for tests.
const EmulatorTimeScale = 0.2

// Target is the EC2 API one test runs against.
type Target struct {
	Kind     string
	Region   string
	EC2      *ec2.Client
	Emulator *emulator.Server // nil unless Kind == KindEmulator
	defaults provider.Defaults
}

// Kind reports the target kind chosen by the environment.
func Kind() string {
	switch {
	case os.Getenv("VPCE_TEST_AWS") == "1":
		return KindAWS
	case os.Getenv("VPCE_TEST_EC2_ENDPOINT") != "":
		return KindEndpoint
	default:
		return KindEmulator
	}
}

// PreCheck skips acceptance tests unless TF_ACC is set, as terraform-plugin-testing does.
func PreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run with TF_ACC=1 (make testacc)")
	}
}

// New returns the target for one test; an in-process local EC2 API is closed when the test ends.
func New(t *testing.T) *Target {
	t.Helper()
	PreCheck(t)
	return NewWithOptions(t, emulator.Options{})
}

// NewWithOptions is New with options for the in-process local EC2 API (ignored for other targets).
func NewWithOptions(t *testing.T, opts emulator.Options) *Target {
	t.Helper()
	ctx := context.Background()
	tg := &Target{Kind: Kind()}
	switch tg.Kind {
	case KindEmulator:
		if opts.TimeScale == 0 {
			opts.TimeScale = EmulatorTimeScale
		}
		srv := emulator.New(opts)
		url, err := srv.Start()
		if err != nil {
			t.Fatalf("starting the local EC2 API: %s", err)
		}
		t.Cleanup(func() { _ = srv.Close() })
		tg.Emulator = srv
		tg.Region = emulator.DefaultRegion
		tg.defaults = provider.Defaults{
			Region:      emulator.DefaultRegion,
			AccessKey:   emulator.DefaultAccessKeyID,
			SecretKey:   emulator.DefaultSecretAccessKey,
			EC2Endpoint: url,
			STSEndpoint: url,
		}
		cfg := aws.Config{
			Region:      tg.Region,
			Credentials: credentials.NewStaticCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultSecretAccessKey, ""),
		}
		tg.EC2 = ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.BaseEndpoint = aws.String(url) })
	default:
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			t.Fatalf("loading AWS configuration: %s", err)
		}
		if cfg.Region == "" {
			t.Fatal("set AWS_REGION for acceptance tests against " + tg.Kind)
		}
		tg.Region = cfg.Region
		var opts []func(*ec2.Options)
		if url := os.Getenv("VPCE_TEST_EC2_ENDPOINT"); url != "" {
			sts := os.Getenv("VPCE_TEST_STS_ENDPOINT")
			if sts == "" {
				sts = url
			}
			tg.defaults = provider.Defaults{EC2Endpoint: url, STSEndpoint: sts}
			opts = append(opts, func(o *ec2.Options) { o.BaseEndpoint = aws.String(url) })
		}
		tg.EC2 = ec2.NewFromConfig(cfg, opts...)
	}
	return tg
}

// ProviderFactories are the protocol-6 provider factories for resource.TestCase, pointed at the target.
func (tg *Target) ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"vpce": func() (tfprotov6.ProviderServer, error) {
			return provider.NewServer(provider.NewWithDefaults("test", tg.defaults))(), nil
		},
	}
}

// RequireEmulator skips the test unless it runs against the in-process local EC2 API (for call
// counters and knobs).
func (tg *Target) RequireEmulator(t *testing.T) {
	t.Helper()
	if tg.Emulator == nil {
		t.Skipf("needs the in-process local EC2 API (target is %s)", tg.Kind)
	}
}

// Calls returns how many times the local EC2 API served action; it skips the test on other targets.
func (tg *Target) Calls(t *testing.T, action string) int {
	t.Helper()
	tg.RequireEmulator(t)
	return tg.Emulator.Calls(action)
}

// Context returns a context for fixture calls, bounded so that a hung API fails the test.
func Context(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// PoliciesEquivalent reports whether two IAM policy documents grant the same.
func PoliciesEquivalent(a, b string) bool {
	eq, err := awspolicy.PoliciesAreEquivalent(a, b)
	return err == nil && eq
}
