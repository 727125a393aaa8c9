package provider

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"golang.org/x/net/http/httpproxy"
)

// Fuzz tests of the provider's URL and duration validators and of the assume_role duration parsing.
// `go test` runs the seeds; `go test -fuzz FuzzURLValidator ./internal/provider/` explores.

func validateString(v validator.String, s string) diag.Diagnostics {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{
		Path: path.Root("endpoints").AtName("ec2"), ConfigValue: types.StringValue(s),
	}, resp)
	return resp.Diagnostics
}

var urlSeeds = []string{
	"http://127.0.0.1:4566", "https://ec2.us-east-1.amazonaws.com", "http://localhost", "HTTP://EXAMPLE.COM",
	"http://user:secret@127.0.0.1:4566/", "https://token@ec2.example.com", "http://u:p@ss/w#rd@host:1",
	"not a url", "", "ftp://host", "http://", "http:///path", "http://[::1]:80", "http://[::1", "http://h:bad",
	"socks5://proxy:1080", "proxy:3128", "user:secret@proxy:3128", "http://%41", "http://a b", "://x", "http://:80",
	"https://h/%zz", "http://u:p%20ass@h", "\x00http://h", "http://h\n", "mailto:a@b",
}

// secretPart is what RedactURL masks in s (between the scheme and the last "@"), when it is
// long enough and appears nowhere else in s, so that finding it in a message means a leak.
func secretPart(s string) string {
	start := 0
	if i := strings.Index(s, "://"); i >= 0 {
		start = i + 3
	}
	at := strings.LastIndex(s[start:], "@")
	if at < 6 {
		return ""
	}
	secret := s[start : start+at]
	if strings.Contains(s[:start]+s[start+at:], secret) {
		return ""
	}
	return secret
}

func FuzzURLValidator(f *testing.F) {
	for _, s := range urlSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range []urlValidator{{}, proxyURLValidator} {
			diags := validateString(v, s)
			if diags.ErrorsCount() > 1 || diags.WarningsCount() > 0 {
				t.Fatalf("%+v(%q): %v, want at most one error", v, s, diags)
			}
			if secret := secretPart(s); secret != "" && !strings.Contains(v.Description(context.Background()), secret) {
				for _, d := range diags {
					if strings.Contains(d.Summary()+d.Detail(), secret) {
						t.Fatalf("%+v(%q): the userinfo %q leaked into %q", v, s, secret, d.Detail())
					}
				}
			}
			if diags.HasError() {
				if !strings.Contains(diags[0].Detail(), "must be an absolute") {
					t.Fatalf("%+v(%q): the error does not say what is expected: %q", v, s, diags[0].Detail())
				}
				continue
			}
			if v.bareHostPort && s == "" {
				continue // turns the environment's proxy off
			}
			// Accepted: the URL parses with an allowed scheme and a host, and (for proxies) net/http
			// can use it.
			raw := s
			if v.bareHostPort && !strings.Contains(s, "://") {
				raw = "http://" + s
			}
			u, err := url.Parse(raw)
			if err != nil || u.Hostname() == "" {
				t.Fatalf("%+v accepted %q, which does not parse to a host: %v", v, s, err)
			}
			if ok := strings.Contains(" "+strings.Join(v.allowed(), " ")+" ", " "+u.Scheme+" "); !ok {
				t.Fatalf("%+v accepted %q with scheme %q", v, s, u.Scheme)
			}
			if v.bareHostPort {
				proxy := (&httpproxy.Config{HTTPSProxy: s}).ProxyFunc()
				target, _ := url.Parse("https://ec2.us-east-1.amazonaws.com/")
				if _, err := proxy(target); err != nil {
					t.Fatalf("proxy %q accepted, but net/http refuses it: %v", s, err)
				}
			}
		}
	})
}

var durationSeeds = []string{
	"1h", "15m", "12h", "90m", "1h30m", "5400s", "14m59s", "12h0m1s", "0", "", "-1h", "1d", "h", "1.5h",
	" 1h ", "900000000000ns", "2562047h", "9223372036854775807ns", "1e3s", "+1h", "1h-30m", "∞",
}

func FuzzDurationValidator(f *testing.F) {
	for _, s := range durationSeeds {
		f.Add(s)
	}
	v := durationValidator{min: assumeRoleMinDuration, max: assumeRoleMaxDuration}
	f.Fuzz(func(t *testing.T, s string) {
		diags := validateString(v, s)
		parsed, parseErr := parseDuration(s, assumeRoleMinDuration, assumeRoleMaxDuration)
		if diags.HasError() != (parseErr != nil) {
			t.Fatalf("%q: validator error %v, parse error %v: they must agree", s, diags, parseErr)
		}
		// What Configure uses is what was validated.
		var cdiags diag.Diagnostics
		got := sessionDuration(types.StringValue(s), path.Root("assume_role").AtName("duration"), &cdiags)
		if s == "" {
			if got != 0 || cdiags.HasError() {
				t.Fatalf("empty duration: %s, %v; want 0 (the default)", got, cdiags)
			}
			return
		}
		if cdiags.HasError() != diags.HasError() || got != parsed {
			t.Fatalf("%q: Configure got %s (%v), the validator %v", s, got, cdiags, diags)
		}
		if diags.HasError() {
			return
		}
		// Accepted: within the range, and the DurationSeconds sent is one STS accepts.
		if parsed < 15*time.Minute || parsed > 12*time.Hour {
			t.Fatalf("%q accepted as %s, out of range", s, parsed)
		}
		if secs := int32(parsed / time.Second); secs < 900 || secs > 43200 {
			t.Fatalf("%q: DurationSeconds %d outside STS's 900..43200", s, secs)
		}
	})
}
