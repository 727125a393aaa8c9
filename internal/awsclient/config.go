// Package awsclient is the provider's AWS layer: configuration and credentials, the retryer, the
// tflog bridge, finders, status and wait functions, AWS error codes and their translation into the
// planner's wording, the facts the planner needs (gathered in batches and cached), and per-endpoint
// serialisation of ModifyVpcEndpoint. It never decides: the planner does.
package awsclient

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
)

// DefaultAssumeRoleSessionName is the session name used for assume_role when none is configured.
const DefaultAssumeRoleSessionName = "terraform-provider-vpce"

// AssumeRole mirrors the provider's assume_role block.
type AssumeRole struct {
	RoleARN     string
	SessionName string
	ExternalID  string
	Duration    time.Duration
}

// Config is the provider configuration, already merged with defaults (not with env: New does that
// through the SDK's own loading).
type Config struct {
	Region                    string
	Profile                   string
	SharedConfigFiles         []string
	SharedCredentialsFiles    []string
	AccessKey                 string
	SecretKey                 string
	Token                     string
	AssumeRole                *AssumeRole
	EC2Endpoint               string
	STSEndpoint               string
	SkipCredentialsValidation bool
	SkipRequestingAccountID   bool
	MaxRetries                int    // 0 = SDK default
	RetryMode                 string // "", "standard", "adaptive"
	UserAgent                 string // e.g. "terraform-provider-vpce/0.1.0"
}

// Client is the configured AWS layer, shared by all resources of one provider instance. The zero
// value plus EC2 (and Region) is usable, which lets tests build a Client around any *ec2.Client.
type Client struct {
	EC2       *ec2.Client
	STS       *sts.Client
	Region    string
	AccountID string // "" when skipped
	Partition string // "aws", "aws-cn", "aws-us-gov"

	initOnce sync.Once
	facts    *factCache
	polls    pollers
	locksMu  sync.Mutex
	locks    map[string]chan struct{}
}

// authErrorCodes are the STS/EC2 codes that mean the credentials themselves were refused.
var authErrorCodes = []string{
	"InvalidClientTokenId",
	"SignatureDoesNotMatch",
	"AuthFailure",
	"ExpiredToken",
	"ExpiredTokenException",
	"UnrecognizedClientException",
	"AccessDenied",
	"AccessDeniedException",
	"InvalidAccessKeyId",
	"IncompleteSignature",
	"MissingAuthenticationToken",
	"RequestExpired",
}

// New builds one aws.Config and the EC2 and STS clients, and (unless skipped) validates the
// credentials with one sts:GetCallerIdentity call, which also gives the account id.
func New(ctx context.Context, cfg Config) (*Client, error) {
	awsCfg, err := loadAWSConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}

	c := &Client{
		EC2: ec2.NewFromConfig(awsCfg, func(o *ec2.Options) {
			if cfg.EC2Endpoint != "" {
				o.BaseEndpoint = aws.String(cfg.EC2Endpoint)
			}
		}),
		STS:       newSTSClient(awsCfg, cfg.STSEndpoint),
		Region:    awsCfg.Region,
		Partition: PartitionForRegion(awsCfg.Region),
	}

	// With skip_credentials_validation no STS call is made at all, even when the account id would
	// be wanted (skip_requesting_account_id = false): AccountID then stays "".
	if !cfg.SkipCredentialsValidation {
		out, err := c.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			return nil, credentialsError(err)
		}
		if !cfg.SkipRequestingAccountID {
			c.AccountID = aws.ToString(out.Account)
		}
	}
	return c, nil
}

func loadAWSConfig(ctx context.Context, cfg Config) (aws.Config, error) {
	var opts []func(*config.LoadOptions) error
	if cfg.Region != "" {
		opts = append(opts, config.WithRegion(cfg.Region))
	}
	if cfg.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(cfg.Profile))
	}
	if len(cfg.SharedConfigFiles) > 0 {
		opts = append(opts, config.WithSharedConfigFiles(cfg.SharedConfigFiles))
	}
	if len(cfg.SharedCredentialsFiles) > 0 {
		opts = append(opts, config.WithSharedCredentialsFiles(cfg.SharedCredentialsFiles))
	}
	if cfg.AccessKey != "" || cfg.SecretKey != "" {
		if cfg.AccessKey == "" || cfg.SecretKey == "" {
			return aws.Config{}, errors.New("access_key and secret_key must be set together")
		}
		opts = append(opts, config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(cfg.AccessKey, cfg.SecretKey, cfg.Token)))
	}
	opts = append(opts, config.WithRetryer(newRetryer(retrySettings(cfg, os.Getenv))))
	opts = append(opts, config.WithAppID(appID(cfg.UserAgent)))

	apiOptions := []func(*middleware.Stack) error{addLoggingMiddleware}
	if name, version := splitUserAgent(cfg.UserAgent); name != "" {
		apiOptions = append(apiOptions, awsmiddleware.AddUserAgentKeyValue(name, version))
	}
	opts = append(opts, config.WithAPIOptions(apiOptions))

	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if awsCfg.Region == "" {
		return aws.Config{}, errors.New("no AWS region: set the provider's region argument or AWS_REGION")
	}

	if ar := cfg.AssumeRole; ar != nil && ar.RoleARN != "" {
		stsClient := newSTSClient(awsCfg, cfg.STSEndpoint)
		provider := stscreds.NewAssumeRoleProvider(stsClient, ar.RoleARN, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = ar.SessionName
			if o.RoleSessionName == "" {
				o.RoleSessionName = DefaultAssumeRoleSessionName
			}
			if ar.ExternalID != "" {
				o.ExternalID = aws.String(ar.ExternalID)
			}
			if ar.Duration > 0 {
				o.Duration = ar.Duration
			}
		})
		awsCfg.Credentials = aws.NewCredentialsCache(provider)
	}
	return awsCfg, nil
}

func newSTSClient(awsCfg aws.Config, endpoint string) *sts.Client {
	return sts.NewFromConfig(awsCfg, func(o *sts.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
	})
}

// retrySettings are the provider's max_retries and retry_mode, falling back to the SDK's environment
// variables AWS_MAX_ATTEMPTS (attempts = retries + 1) and AWS_RETRY_MODE as the SDK itself would.
func retrySettings(cfg Config, getenv func(string) string) (maxRetries int, mode string) {
	maxRetries, mode = cfg.MaxRetries, cfg.RetryMode
	if maxRetries == 0 {
		if n, err := strconv.Atoi(getenv("AWS_MAX_ATTEMPTS")); err == nil && n > 0 {
			maxRetries = n - 1
		}
	}
	if mode == "" {
		mode = getenv("AWS_RETRY_MODE")
	}
	return maxRetries, mode
}

// newRetryer returns the SDK retryer factory: standard (or adaptive) mode, MaxAttempts =
// maxRetries+1 when maxRetries > 0, and no client-side retry quota, so that a burst of throttled
// calls (twenty associations applied at once) cannot exhaust the quota and fail fast.
func newRetryer(maxRetries int, mode string) func() aws.Retryer {
	standard := func(o *retry.StandardOptions) {
		if maxRetries > 0 {
			o.MaxAttempts = maxRetries + 1
		}
		o.RateLimiter = ratelimit.None
	}
	return func() aws.Retryer {
		if strings.EqualFold(mode, string(aws.RetryModeAdaptive)) {
			return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
				o.StandardOptions = append(o.StandardOptions, standard)
			})
		}
		return retry.NewStandard(standard)
	}
}

// splitUserAgent splits "name/version" (version optional).
func splitUserAgent(ua string) (name, version string) {
	ua = strings.TrimSpace(ua)
	if ua == "" {
		return "", ""
	}
	name, version, _ = strings.Cut(ua, "/")
	return name, version
}

// appID is the SDK app id: the user agent with characters outside the allowed set dropped, at most
// 50 characters.
func appID(ua string) string {
	var b strings.Builder
	for _, r := range ua {
		if r == '/' {
			r = '_'
		}
		if r < 0x21 || r > 0x7e {
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	if len(s) > 50 {
		s = s[:50]
	}
	return s
}

// credentialsError turns a failed GetCallerIdentity into the provider's error. Auth errors carry
// only the code and AWS's message, which never include the secret.
func credentialsError(err error) error {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && ErrCodeEquals(err, authErrorCodes...) {
		return fmt.Errorf("AWS credentials were rejected: %s: %s", apiErr.ErrorCode(), apiErr.ErrorMessage())
	}
	return fmt.Errorf("validating AWS credentials: %w", err)
}

// PartitionForRegion returns the AWS partition of a region: aws-cn for cn-*, aws-us-gov for
// us-gov-*, aws otherwise.
func PartitionForRegion(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	default:
		return "aws"
	}
}

// init lazily prepares the unexported state, so that a Client built as a struct literal works.
func (c *Client) init() {
	c.initOnce.Do(func() {
		if c.facts == nil {
			c.facts = newFactCache()
		}
	})
}
