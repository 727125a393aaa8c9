package awsclient

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// stsRecorder is a fake STS that records each request (form and Authorization header) and
// answers AssumeRole, AssumeRoleWithWebIdentity and GetCallerIdentity. Credentials it hands out
// are ASIA<ACTION>; GetCallerIdentity reports the account of the last role assumed.
type stsRecorder struct {
	srv      *httptest.Server
	mu       sync.Mutex
	requests []stsRequest
	account  string
}

type stsRequest struct {
	action string
	form   url.Values
	auth   string
	token  string // X-Amz-Security-Token
}

func newSTSRecorder(t *testing.T) *stsRecorder {
	t.Helper()
	s := &stsRecorder{account: "123456789012"}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		req := stsRequest{action: r.PostForm.Get("Action"), form: r.PostForm, auth: r.Header.Get("Authorization"), token: r.Header.Get("X-Amz-Security-Token")}
		s.mu.Lock()
		s.requests = append(s.requests, req)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/xml")
		creds := func(key string) string {
			return `<Credentials><AccessKeyId>` + key + `</AccessKeyId><SecretAccessKey>secret-of-` + key + `</SecretAccessKey>` +
				`<SessionToken>token-of-` + key + `</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>`
		}
		roleAccount := func() string {
			parts := strings.Split(r.PostForm.Get("RoleArn"), ":")
			if len(parts) > 4 {
				return parts[4]
			}
			return "000000000000"
		}
		switch req.action {
		case "AssumeRole":
			s.mu.Lock()
			s.account = roleAccount()
			s.mu.Unlock()
			_, _ = fmt.Fprintf(w, `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>%s`+
				`<AssumedRoleUser><Arn>arn:aws:sts::%s:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>`+
				`</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`, creds("ASIAASSUMED"), roleAccount())
		case "AssumeRoleWithWebIdentity":
			s.mu.Lock()
			s.account = roleAccount()
			s.mu.Unlock()
			_, _ = fmt.Fprintf(w, `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult>%s`+
				`<AssumedRoleUser><Arn>arn:aws:sts::%s:assumed-role/w/s</Arn><AssumedRoleId>AROA:w</AssumedRoleId></AssumedRoleUser>`+
				`<SubjectFromWebIdentityToken>sub</SubjectFromWebIdentityToken>`+
				`</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`, creds("ASIAWEB"), roleAccount())
		case "GetCallerIdentity":
			s.mu.Lock()
			acct := s.account
			s.mu.Unlock()
			_, _ = w.Write([]byte(strings.ReplaceAll(stsIdentity, "123456789012", acct)))
		default:
			w.WriteHeader(http.StatusBadRequest)
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *stsRecorder) get(action string) []stsRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []stsRequest
	for _, r := range s.requests {
		if r.action == action {
			out = append(out, r)
		}
	}
	return out
}

func (s *stsRecorder) config() Config {
	return Config{Region: "us-east-1", AccessKey: "AKIDTEST", SecretKey: "s3cr3t", STSEndpoint: s.srv.URL, retryBackoff: noBackoff}
}

func expectForm(t *testing.T, what string, form url.Values, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got := form.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q (form %v)", what, k, got, v, form)
		}
	}
}

func TestNewAssumeRole_sessionArguments(t *testing.T) {
	isolateEnv(t)
	s := newSTSRecorder(t)
	cfg := s.config()
	cfg.AssumeRole = &AssumeRole{
		RoleARN:           "arn:aws:iam::210987654321:role/deploy",
		SessionName:       "ci-run",
		Duration:          2 * time.Hour,
		Policy:            `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}`,
		PolicyARNs:        []string{"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::210987654321:policy/vpce"},
		Tags:              map[string]string{"team": "network", "env": "ci"},
		TransitiveTagKeys: []string{"team"},
		SourceIdentity:    "alice",
	}
	c, err := New(testCtx(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ar := s.get("AssumeRole")
	if len(ar) != 1 {
		t.Fatalf("AssumeRole calls = %d", len(ar))
	}
	expectForm(t, "AssumeRole", ar[0].form, map[string]string{
		"RoleArn":                    "arn:aws:iam::210987654321:role/deploy",
		"RoleSessionName":            "ci-run",
		"DurationSeconds":            "7200",
		"Policy":                     cfg.AssumeRole.Policy,
		"PolicyArns.member.1.arn":    "arn:aws:iam::aws:policy/ReadOnlyAccess",
		"PolicyArns.member.2.arn":    "arn:aws:iam::210987654321:policy/vpce",
		"Tags.member.1.Key":          "env",
		"Tags.member.1.Value":        "ci",
		"Tags.member.2.Key":          "team",
		"Tags.member.2.Value":        "network",
		"TransitiveTagKeys.member.1": "team",
		"SourceIdentity":             "alice",
	})
	if !strings.Contains(ar[0].auth, "Credential=AKIDTEST/") {
		t.Errorf("AssumeRole signed with %q, want the base credentials", ar[0].auth)
	}
	gci := s.get("GetCallerIdentity")
	if len(gci) != 1 || !strings.Contains(gci[0].auth, "Credential=ASIAASSUMED/") || gci[0].token != "token-of-ASIAASSUMED" {
		t.Errorf("GetCallerIdentity = %+v, want it signed with the role's session", gci)
	}
	if c.AccountID != "210987654321" {
		t.Errorf("AccountID = %q", c.AccountID)
	}
}

func TestNew_stsRegion(t *testing.T) {
	isolateEnv(t)
	s := newSTSRecorder(t)
	cfg := s.config()
	cfg.STSRegion = "eu-west-1"
	cfg.AssumeRole = &AssumeRole{RoleARN: "arn:aws:iam::123456789012:role/r"}
	c, err := New(testCtx(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, action := range []string{"AssumeRole", "GetCallerIdentity"} {
		reqs := s.get(action)
		if len(reqs) != 1 || !strings.Contains(reqs[0].auth, "/eu-west-1/sts/aws4_request") {
			t.Errorf("%s credential scope: %+v, want eu-west-1", action, reqs)
		}
	}
	if c.Region != "us-east-1" || c.EC2.Options().Region != "us-east-1" {
		t.Errorf("EC2 region = %q / %q, want us-east-1 (sts_region is for STS only)", c.Region, c.EC2.Options().Region)
	}
}

func TestNew_assumeRoleWithWebIdentity(t *testing.T) {
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`
	t.Run("inline token", func(t *testing.T) {
		isolateEnv(t)
		s := newSTSRecorder(t)
		cfg := s.config()
		cfg.AccessKey, cfg.SecretKey = "", "" // no other credentials needed
		cfg.AssumeRoleWithWebIdentity = &AssumeRoleWithWebIdentity{
			RoleARN: "arn:aws:iam::210987654321:role/ci", SessionName: "gha", WebIdentityToken: "eyJ.inline.token",
			Duration: time.Hour, Policy: policy, PolicyARNs: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"},
		}
		c, err := New(testCtx(t), cfg)
		if err != nil {
			t.Fatal(err)
		}
		web := s.get("AssumeRoleWithWebIdentity")
		if len(web) != 1 {
			t.Fatalf("AssumeRoleWithWebIdentity calls = %d", len(web))
		}
		expectForm(t, "AssumeRoleWithWebIdentity", web[0].form, map[string]string{
			"RoleArn": "arn:aws:iam::210987654321:role/ci", "RoleSessionName": "gha", "WebIdentityToken": "eyJ.inline.token",
			"DurationSeconds": "3600", "Policy": policy, "PolicyArns.member.1.arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
		})
		if web[0].auth != "" {
			t.Errorf("AssumeRoleWithWebIdentity signed (%q): it is an unsigned call", web[0].auth)
		}
		if gci := s.get("GetCallerIdentity"); len(gci) != 1 || !strings.Contains(gci[0].auth, "Credential=ASIAWEB/") {
			t.Errorf("GetCallerIdentity = %+v, want the web identity session", gci)
		}
		if c.AccountID != "210987654321" {
			t.Errorf("AccountID = %q", c.AccountID)
		}
	})
	t.Run("token file and the environment", func(t *testing.T) {
		isolateEnv(t)
		s := newSTSRecorder(t)
		file := writeFile(t, "token", []byte("eyJ.file.token"))
		t.Setenv("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/from-env")
		t.Setenv("AWS_WEB_IDENTITY_TOKEN_FILE", file)
		t.Setenv("AWS_ROLE_SESSION_NAME", "env-session")
		cfg := s.config()
		cfg.AssumeRoleWithWebIdentity = &AssumeRoleWithWebIdentity{}
		if _, err := New(testCtx(t), cfg); err != nil {
			t.Fatal(err)
		}
		web := s.get("AssumeRoleWithWebIdentity")
		if len(web) != 1 {
			t.Fatalf("AssumeRoleWithWebIdentity calls = %d", len(web))
		}
		expectForm(t, "AssumeRoleWithWebIdentity", web[0].form, map[string]string{
			"RoleArn": "arn:aws:iam::123456789012:role/from-env", "RoleSessionName": "env-session", "WebIdentityToken": "eyJ.file.token",
		})
	})
	t.Run("then assume_role", func(t *testing.T) {
		isolateEnv(t)
		s := newSTSRecorder(t)
		cfg := s.config()
		cfg.AssumeRoleWithWebIdentity = &AssumeRoleWithWebIdentity{RoleARN: "arn:aws:iam::123456789012:role/ci", WebIdentityToken: "eyJ.t"}
		cfg.AssumeRole = &AssumeRole{RoleARN: "arn:aws:iam::210987654321:role/deploy"}
		c, err := New(testCtx(t), cfg)
		if err != nil {
			t.Fatal(err)
		}
		ar := s.get("AssumeRole")
		if len(ar) != 1 || !strings.Contains(ar[0].auth, "Credential=ASIAWEB/") || ar[0].token != "token-of-ASIAWEB" {
			t.Errorf("AssumeRole = %+v, want it signed with the web identity session", ar)
		}
		if got := s.get("AssumeRoleWithWebIdentity"); len(got) != 1 || got[0].form.Get("RoleSessionName") != DefaultAssumeRoleSessionName {
			t.Errorf("AssumeRoleWithWebIdentity = %+v, want the default session name", got)
		}
		if c.AccountID != "210987654321" {
			t.Errorf("AccountID = %q", c.AccountID)
		}
	})
	t.Run("missing role or token", func(t *testing.T) {
		isolateEnv(t)
		s := newSTSRecorder(t)
		for want, w := range map[string]AssumeRoleWithWebIdentity{
			"no role: set role_arn or AWS_ROLE_ARN": {WebIdentityToken: "eyJ.t"},
			"no token: set web_identity_token":      {RoleARN: "arn:aws:iam::123456789012:role/ci"},
		} {
			cfg := s.config()
			cfg.AssumeRoleWithWebIdentity = &w
			if _, err := New(testCtx(t), cfg); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error = %v, want %q", err, want)
			}
		}
		if n := len(s.get("AssumeRoleWithWebIdentity")); n != 0 {
			t.Errorf("STS called %d times", n)
		}
	})
}

func TestNew_accountIDs(t *testing.T) {
	isolateEnv(t)
	for name, tc := range map[string]struct {
		allowed, forbidden []string
		skipAccountID      bool
		want               string // "" = success
	}{
		"allowed":       {allowed: []string{"111111111111", "123456789012"}},
		"not allowed":   {allowed: []string{"111111111111"}, want: "AWS account 123456789012 is not allowed: allowed_account_ids lists [111111111111]"},
		"forbidden":     {forbidden: []string{"123456789012"}, want: "AWS account 123456789012 is forbidden"},
		"not forbidden": {forbidden: []string{"111111111111"}},
		"checked with skip_requesting_account_id": {forbidden: []string{"123456789012"}, skipAccountID: true, want: "is forbidden"},
	} {
		t.Run(name, func(t *testing.T) {
			s := newSTSRecorder(t)
			cfg := s.config()
			cfg.AllowedAccountIDs, cfg.ForbiddenAccountIDs, cfg.SkipRequestingAccountID = tc.allowed, tc.forbidden, tc.skipAccountID
			c, err := New(testCtx(t), cfg)
			if tc.want == "" {
				if err != nil || c.AccountID != "123456789012" {
					t.Errorf("New = %v, %v", c, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "arn:aws:iam::123456789012:user/test") {
				t.Errorf("error = %v, want %q naming the caller", err, tc.want)
			}
		})
	}
	t.Run("needs the credential check", func(t *testing.T) {
		s := newSTSRecorder(t)
		cfg := s.config()
		cfg.AllowedAccountIDs, cfg.SkipCredentialsValidation = []string{"123456789012"}, true
		if _, err := New(testCtx(t), cfg); err == nil || !strings.Contains(err.Error(), "skip_credentials_validation") {
			t.Errorf("error = %v", err)
		}
		if n := len(s.get("GetCallerIdentity")); n != 0 {
			t.Errorf("GetCallerIdentity calls = %d", n)
		}
	})
}
