package awsclient

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// DefaultAssumeRoleSessionName is the session name used for assume_role and
// assume_role_with_web_identity when none is configured.
const DefaultAssumeRoleSessionName = "terraform-provider-vpce"

// AssumeRole mirrors the provider's assume_role block.
type AssumeRole struct {
	RoleARN           string
	SessionName       string
	ExternalID        string
	Duration          time.Duration // 0: the SDK's default (15 minutes, renewed as needed)
	Policy            string
	PolicyARNs        []string
	Tags              map[string]string
	TransitiveTagKeys []string
	SourceIdentity    string
}

// AssumeRoleWithWebIdentity mirrors the provider's assume_role_with_web_identity block. Empty
// RoleARN, SessionName and WebIdentityTokenFile fall back to AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME
// and AWS_WEB_IDENTITY_TOKEN_FILE, as in the aws provider.
type AssumeRoleWithWebIdentity struct {
	RoleARN              string
	SessionName          string
	WebIdentityToken     string
	WebIdentityTokenFile string
	Duration             time.Duration
	Policy               string
	PolicyARNs           []string
}

// resolve applies the environment fallbacks and checks that a role and a token are known.
func (w AssumeRoleWithWebIdentity) resolve(getenv func(string) string) (AssumeRoleWithWebIdentity, error) {
	if w.RoleARN == "" {
		w.RoleARN = getenv("AWS_ROLE_ARN")
	}
	if w.SessionName == "" {
		w.SessionName = getenv("AWS_ROLE_SESSION_NAME")
	}
	if w.WebIdentityToken == "" && w.WebIdentityTokenFile == "" {
		w.WebIdentityTokenFile = getenv("AWS_WEB_IDENTITY_TOKEN_FILE")
	}
	if w.RoleARN == "" {
		return w, errors.New("assume_role_with_web_identity: no role: set role_arn or AWS_ROLE_ARN")
	}
	if w.WebIdentityToken == "" && w.WebIdentityTokenFile == "" {
		return w, errors.New("assume_role_with_web_identity: no token: set web_identity_token, web_identity_token_file or AWS_WEB_IDENTITY_TOKEN_FILE")
	}
	return w, nil
}

// staticToken is a web identity token given inline (web_identity_token).
type staticToken string

func (t staticToken) GetIdentityToken() ([]byte, error) { return []byte(t), nil }

// webIdentityCredentials exchanges the token for role credentials with
// sts:AssumeRoleWithWebIdentity (an unsigned call). The token file is read at every renewal, so a
// rotated token is picked up.
func webIdentityCredentials(client *sts.Client, w AssumeRoleWithWebIdentity) aws.CredentialsProvider {
	var token stscreds.IdentityTokenRetriever = staticToken(w.WebIdentityToken)
	if w.WebIdentityToken == "" {
		token = stscreds.IdentityTokenFile(expandHome(w.WebIdentityTokenFile))
	}
	provider := stscreds.NewWebIdentityRoleProvider(client, w.RoleARN, token, func(o *stscreds.WebIdentityRoleOptions) {
		o.RoleSessionName = sessionName(w.SessionName)
		o.Duration = w.Duration
		if w.Policy != "" {
			o.Policy = aws.String(w.Policy)
		}
		o.PolicyARNs = policyDescriptors(w.PolicyARNs)
	})
	return aws.NewCredentialsCache(provider)
}

// assumeRoleCredentials assumes ar.RoleARN with sts:AssumeRole, signed with the base credentials
// of client.
func assumeRoleCredentials(client *sts.Client, ar AssumeRole) aws.CredentialsProvider {
	provider := stscreds.NewAssumeRoleProvider(client, ar.RoleARN, func(o *stscreds.AssumeRoleOptions) {
		o.RoleSessionName = sessionName(ar.SessionName)
		if ar.ExternalID != "" {
			o.ExternalID = aws.String(ar.ExternalID)
		}
		if ar.Duration > 0 {
			o.Duration = ar.Duration
		}
		if ar.Policy != "" {
			o.Policy = aws.String(ar.Policy)
		}
		o.PolicyARNs = policyDescriptors(ar.PolicyARNs)
		o.Tags = sessionTags(ar.Tags)
		o.TransitiveTagKeys = append([]string(nil), ar.TransitiveTagKeys...)
		if ar.SourceIdentity != "" {
			o.SourceIdentity = aws.String(ar.SourceIdentity)
		}
	})
	return aws.NewCredentialsCache(provider)
}

func sessionName(s string) string {
	if s == "" {
		return DefaultAssumeRoleSessionName
	}
	return s
}

func policyDescriptors(arns []string) []ststypes.PolicyDescriptorType {
	if len(arns) == 0 {
		return nil
	}
	out := make([]ststypes.PolicyDescriptorType, len(arns))
	for i, a := range arns {
		out[i] = ststypes.PolicyDescriptorType{Arn: aws.String(a)}
	}
	return out
}

// sessionTags renders tags sorted by key, so that requests are stable.
func sessionTags(tags map[string]string) []ststypes.Tag {
	if len(tags) == 0 {
		return nil
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]ststypes.Tag, len(keys))
	for i, k := range keys {
		out[i] = ststypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])}
	}
	return out
}

// checkAccountID applies allowed_account_ids and forbidden_account_ids to the account of the
// credentials in use (after any role assumption).
func checkAccountID(account, arn string, allowed, forbidden []string) error {
	for _, id := range forbidden {
		if id == account {
			return fmt.Errorf("AWS account %s is forbidden: it is in forbidden_account_ids, and the credentials in use (%s) belong to it. "+
				"Use credentials of another account, or remove %s from forbidden_account_ids", account, arn, account)
		}
	}
	if len(allowed) == 0 {
		return nil
	}
	for _, id := range allowed {
		if id == account {
			return nil
		}
	}
	return fmt.Errorf("AWS account %s is not allowed: allowed_account_ids lists %v, and the credentials in use (%s) belong to %s. "+
		"Use credentials of an allowed account, or add %s to allowed_account_ids", account, allowed, arn, account, account)
}
