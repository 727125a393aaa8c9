package awsclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestPartitionForRegion(t *testing.T) {
	t.Parallel()
	for region, want := range map[string]string{
		"us-east-1":      "aws",
		"eu-west-3":      "aws",
		"cn-north-1":     "aws-cn",
		"cn-northwest-1": "aws-cn",
		"us-gov-west-1":  "aws-us-gov",
		"":               "aws",
	} {
		if got := PartitionForRegion(region); got != want {
			t.Errorf("PartitionForRegion(%q) = %q, want %q", region, got, want)
		}
	}
}

func TestSplitUserAgentAndAppID(t *testing.T) {
	t.Parallel()
	if n, v := splitUserAgent("terraform-provider-vpce/0.1.0"); n != "terraform-provider-vpce" || v != "0.1.0" {
		t.Errorf("splitUserAgent = %q %q", n, v)
	}
	if n, v := splitUserAgent(""); n != "" || v != "" {
		t.Errorf("splitUserAgent(empty) = %q %q", n, v)
	}
	if got := appID("terraform-provider-vpce/0.1.0"); got != "terraform-provider-vpce_0.1.0" {
		t.Errorf("appID = %q", got)
	}
	if got := appID(strings.Repeat("x", 80)); len(got) != 50 {
		t.Errorf("appID not truncated: %d", len(got))
	}
}

var errTest = &testErr{}

type testErr struct{}

func (*testErr) Error() string { return "test" }

// isolateEnv keeps the developer's AWS configuration out of New.
func isolateEnv(t *testing.T) {
	dir := t.TempDir()
	for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
		"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ROLE_ARN",
		"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_EC2"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// fakeSTS answers GetCallerIdentity with the given status/body and counts calls.
func fakeSTS(t *testing.T, status int, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		if a := r.PostForm.Get("Action"); a != "GetCallerIdentity" {
			t.Errorf("unexpected STS action %q", a)
		}
		if !strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 Credential=AKIDTEST/") {
			t.Errorf("request not signed with the static credentials: %q", r.Header.Get("Authorization"))
		}
		calls.Add(1)
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

const stsIdentity = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/test</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult>
<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`

func TestNew(t *testing.T) {
	isolateEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	t.Run("validates and reads account", func(t *testing.T) {
		srv, calls := fakeSTS(t, 200, stsIdentity)
		c, err := New(ctx, Config{Region: "cn-north-1", AccessKey: "AKIDTEST", SecretKey: "s3cr3t",
			STSEndpoint: srv.URL, EC2Endpoint: "http://127.0.0.1:1", UserAgent: "terraform-provider-vpce/test"})
		if err != nil {
			t.Fatal(err)
		}
		if c.AccountID != "123456789012" || c.Region != "cn-north-1" || c.Partition != "aws-cn" || calls.Load() != 1 {
			t.Errorf("client = %+v, STS calls %d", c, calls.Load())
		}
		if c.EC2 == nil || c.STS == nil {
			t.Error("clients missing")
		}
	})

	t.Run("skip requesting account id", func(t *testing.T) {
		srv, calls := fakeSTS(t, 200, stsIdentity)
		c, err := New(ctx, Config{Region: "us-east-1", AccessKey: "AKIDTEST", SecretKey: "s3cr3t",
			STSEndpoint: srv.URL, SkipRequestingAccountID: true})
		if err != nil {
			t.Fatal(err)
		}
		if c.AccountID != "" || calls.Load() != 1 {
			t.Errorf("AccountID %q, STS calls %d", c.AccountID, calls.Load())
		}
	})

	t.Run("skip credentials validation makes no STS call", func(t *testing.T) {
		srv, calls := fakeSTS(t, 200, stsIdentity)
		c, err := New(ctx, Config{Region: "us-gov-west-1", AccessKey: "AKIDTEST", SecretKey: "s3cr3t",
			STSEndpoint: srv.URL, SkipCredentialsValidation: true})
		if err != nil {
			t.Fatal(err)
		}
		if calls.Load() != 0 {
			t.Errorf("STS called %d times", calls.Load())
		}
		if c.AccountID != "" || c.Partition != "aws-us-gov" {
			t.Errorf("client = %+v", c)
		}
	})

	t.Run("rejected credentials", func(t *testing.T) {
		srv, _ := fakeSTS(t, 403, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>`+
			`<Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>r</RequestId></ErrorResponse>`)
		_, err := New(ctx, Config{Region: "us-east-1", AccessKey: "AKIDTEST", SecretKey: "s3cr3t", STSEndpoint: srv.URL})
		if err == nil {
			t.Fatal("want error")
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "AWS credentials were rejected: InvalidClientTokenId: The security token") {
			t.Errorf("error = %q", msg)
		}
		if strings.Contains(msg, "s3cr3t") {
			t.Errorf("secret in error: %q", msg)
		}
	})

	t.Run("other validation error", func(t *testing.T) {
		srv, _ := fakeSTS(t, 400, `<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>bad</Message></Error><RequestId>r</RequestId></ErrorResponse>`)
		_, err := New(ctx, Config{Region: "us-east-1", AccessKey: "AKIDTEST", SecretKey: "s3cr3t", STSEndpoint: srv.URL})
		if err == nil || !strings.HasPrefix(err.Error(), "validating AWS credentials: ") || !ErrCodeEquals(err, "ValidationError") {
			t.Errorf("error = %v", err)
		}
	})

	t.Run("no region", func(t *testing.T) {
		_, err := New(ctx, Config{AccessKey: "AKIDTEST", SecretKey: "s3cr3t", SkipCredentialsValidation: true})
		if err == nil || err.Error() != "no AWS region: set the provider's region argument or AWS_REGION" {
			t.Errorf("error = %v", err)
		}
	})

	t.Run("region from environment", func(t *testing.T) {
		t.Setenv("AWS_REGION", "eu-west-1")
		c, err := New(ctx, Config{AccessKey: "AKIDTEST", SecretKey: "s3cr3t", SkipCredentialsValidation: true})
		if err != nil || c.Region != "eu-west-1" {
			t.Errorf("New = %+v, %v", c, err)
		}
	})
}

func TestNewAssumeRole(t *testing.T) {
	isolateEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var assumed, identity atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		auth := r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "text/xml")
		switch r.PostForm.Get("Action") {
		case "AssumeRole":
			assumed.Add(1)
			if !strings.Contains(auth, "Credential=AKIDTEST/") {
				t.Errorf("AssumeRole not signed with the base credentials: %q", auth)
			}
			if got := r.PostForm.Get("RoleSessionName"); got != DefaultAssumeRoleSessionName {
				t.Errorf("RoleSessionName = %q", got)
			}
			if r.PostForm.Get("ExternalId") != "ext-1" || r.PostForm.Get("DurationSeconds") != "1800" ||
				r.PostForm.Get("RoleArn") != "arn:aws:iam::210987654321:role/deploy" {
				t.Errorf("AssumeRole form = %v", r.PostForm)
			}
			_, _ = w.Write([]byte(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
				`<Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>rolesecret</SecretAccessKey><SessionToken>roletoken</SessionToken>` +
				`<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
				`<AssumedRoleUser><Arn>arn:aws:sts::210987654321:assumed-role/deploy/terraform-provider-vpce</Arn><AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser>` +
				`</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`))
		case "GetCallerIdentity":
			identity.Add(1)
			if !strings.Contains(auth, "Credential=ASIAROLE/") || r.Header.Get("X-Amz-Security-Token") != "roletoken" {
				t.Errorf("GetCallerIdentity not signed with the role's credentials: %q", auth)
			}
			_, _ = w.Write([]byte(strings.ReplaceAll(stsIdentity, "123456789012", "210987654321")))
		default:
			t.Errorf("unexpected action %q", r.PostForm.Get("Action"))
		}
	}))
	defer srv.Close()

	c, err := New(ctx, Config{Region: "us-east-1", AccessKey: "AKIDTEST", SecretKey: "s3cr3t", STSEndpoint: srv.URL,
		AssumeRole: &AssumeRole{RoleARN: "arn:aws:iam::210987654321:role/deploy", ExternalID: "ext-1", Duration: 30 * time.Minute}})
	if err != nil {
		t.Fatal(err)
	}
	if c.AccountID != "210987654321" || assumed.Load() != 1 || identity.Load() != 1 {
		t.Errorf("account %q, AssumeRole %d, GetCallerIdentity %d", c.AccountID, assumed.Load(), identity.Load())
	}
}
