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
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
)

// Config is the provider configuration, already merged with defaults (not with the environment:
// New does that through the SDK's own loading, and for the arguments the SDK does not know).
type Config struct {
	Region                    string
	Profile                   string
	SharedConfigFiles         []string
	SharedCredentialsFiles    []string
	AccessKey                 string
	SecretKey                 string
	Token                     string
	AssumeRole                *AssumeRole
	AssumeRoleWithWebIdentity *AssumeRoleWithWebIdentity // the base credentials when set
	EC2Endpoint               string
	STSEndpoint               string
	STSRegion                 string // "": Region
	AllowedAccountIDs         []string
	ForbiddenAccountIDs       []string
	HTTPProxy                 *string // nil: HTTP_PROXY / http_proxy; "": no proxy
	HTTPSProxy                *string // nil: HTTPS_PROXY / https_proxy; "": no proxy
	NoProxy                   *string // nil: NO_PROXY / no_proxy
	CustomCABundle            string  // PEM file; "": AWS_CA_BUNDLE
	SkipMetadataAPICheck      *bool   // nil: AWS_EC2_METADATA_DISABLED
	SkipCredentialsValidation bool
	SkipRequestingAccountID   bool
	MaxRetries                *int   // nil: AWS_MAX_ATTEMPTS, the profile's max_attempts, else DefaultMaxAttempts
	RetryMode                 string // "", "standard", "adaptive"
	UserAgent                 string // e.g. "terraform-provider-vpce/0.1.0"

	retryBackoff retry.BackoffDelayer // tests only: replaces the SDK's backoff
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
// credentials with one sts:GetCallerIdentity call, which also gives the account id that
// allowed_account_ids and forbidden_account_ids are checked against. Its errors never contain the
// userinfo of an endpoint or proxy URL.
func New(ctx context.Context, cfg Config) (*Client, error) {
	c, err := newClient(ctx, cfg)
	if err != nil {
		return nil, redactError(err)
	}
	return c, nil
}

func newClient(ctx context.Context, cfg Config) (*Client, error) {
	checkAccounts := len(cfg.AllowedAccountIDs) > 0 || len(cfg.ForbiddenAccountIDs) > 0
	if checkAccounts && cfg.SkipCredentialsValidation {
		return nil, errors.New("allowed_account_ids and forbidden_account_ids need the account of the credentials, " +
			"which skip_credentials_validation = true does not look up: remove one or the other")
	}
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
		STS:       newSTSClient(awsCfg, cfg),
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
		account := aws.ToString(out.Account)
		if err := checkAccountID(account, aws.ToString(out.Arn), cfg.AllowedAccountIDs, cfg.ForbiddenAccountIDs); err != nil {
			return nil, err
		}
		if !cfg.SkipRequestingAccountID {
			c.AccountID = account
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
	proxy, err := proxySettings(cfg, os.Getenv)
	if err != nil {
		return aws.Config{}, err
	}
	opts = append(opts, config.WithHTTPClient(newHTTPClient(proxy)))
	bundle, err := caBundle(cfg, os.Getenv)
	if err != nil {
		return aws.Config{}, err
	}
	if bundle != nil {
		opts = append(opts, config.WithCustomCABundle(bundle))
	}
	if cfg.SkipMetadataAPICheck != nil {
		state := imds.ClientEnabled
		if *cfg.SkipMetadataAPICheck {
			state = imds.ClientDisabled
		}
		opts = append(opts, config.WithEC2IMDSClientEnableState(state))
	}
	opts = append(opts, config.WithRetryer(newRetryer(resolveRetrySettings(ctx, cfg, os.Getenv))))
	opts = append(opts, config.WithAppID(appID(cfg.UserAgent)))

	apiOptions := []func(*middleware.Stack) error{addLoggingMiddleware, addRedactErrorsMiddleware}
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

	// Base credentials: a web identity replaces whatever the chain found; assume_role then
	// assumes its role with the base credentials.
	if w := cfg.AssumeRoleWithWebIdentity; w != nil {
		resolved, err := w.resolve(os.Getenv)
		if err != nil {
			return aws.Config{}, err
		}
		awsCfg.Credentials = webIdentityCredentials(newSTSClient(awsCfg, cfg), resolved)
	}
	if ar := cfg.AssumeRole; ar != nil && ar.RoleARN != "" {
		awsCfg.Credentials = assumeRoleCredentials(newSTSClient(awsCfg, cfg), *ar)
	}
	return awsCfg, nil
}

// newSTSClient is an STS client with the provider's sts endpoint and sts_region.
func newSTSClient(awsCfg aws.Config, cfg Config) *sts.Client {
	return sts.NewFromConfig(awsCfg, func(o *sts.Options) {
		if cfg.STSEndpoint != "" {
			o.BaseEndpoint = aws.String(cfg.STSEndpoint)
		}
		if cfg.STSRegion != "" {
			o.Region = cfg.STSRegion
		}
	})
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
