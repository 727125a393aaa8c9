package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

var (
	regionRegexp    = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d+$`)
	roleARNRegexp   = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/.+$`)
	policyARNRegexp = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(aws|\d{12}):policy/.+$`)
	accountIDRegexp = regexp.MustCompile(`^\d{12}$`)
	// sessionNameRegexp is STS's pattern for RoleSessionName and SourceIdentity (2 to 64 of them).
	sessionNameRegexp = regexp.MustCompile(`^[\w+=,.@-]{2,64}$`)
	// externalIDRegexp is STS's pattern for ExternalId (2 to 1224 of them: the schema checks the length).
	externalIDRegexp = regexp.MustCompile(`^[\w+=,.@:/-]*$`)
)

// Session limits of sts:AssumeRole (and AssumeRoleWithWebIdentity).
const (
	assumeRoleMinDuration    = 15 * time.Minute
	assumeRoleMaxDuration    = 12 * time.Hour
	sessionPolicyMaxLength   = 2048
	sessionPolicyARNsMax     = 10
	sessionTagsMax           = 50
	sessionTagKeyMaxLength   = 128
	sessionTagValueMaxLength = 256
)

// quotedList renders allowed values for a description: `a`, `b` and `c`.
func quotedList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// endpointSchemes are the schemes of an AWS endpoint URL; proxySchemes those of a proxy.
var (
	endpointSchemes = []string{"http", "https"}
	proxySchemes    = []string{"http", "https", "socks5"}
)

// urlValidator accepts absolute URLs with a host and one of schemes (default: http or https).
// With bareHostPort, "host:port" is accepted too and read as http://host:port, as net/http reads
// proxy settings. A rejected value is echoed with its userinfo masked.
type urlValidator struct {
	kind         string // "" = "endpoint URL"
	schemes      []string
	bareHostPort bool
}

var _ validator.String = urlValidator{}

func (v urlValidator) allowed() []string {
	if len(v.schemes) == 0 {
		return endpointSchemes
	}
	return v.schemes
}

func (v urlValidator) Description(context.Context) string {
	s := "must be an absolute " + strings.Join(v.allowed(), ", ") + " URL, such as http://127.0.0.1:4566"
	if v.bareHostPort {
		s += " (or host:port, read as http://host:port)"
	}
	return s
}

func (v urlValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v urlValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if v.bareHostPort && s == "" {
		return // "" turns the environment's proxy off
	}
	if err := v.check(s); err != nil {
		kind := v.kind
		if kind == "" {
			kind = "endpoint URL"
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+kind,
			fmt.Sprintf("%q is not usable here: %s. It %s.", awsclient.RedactURL(s), err, v.Description(ctx)))
	}
}

// check returns why s is not acceptable; its text never contains s's userinfo.
func (v urlValidator) check(s string) error {
	if v.bareHostPort && !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		var urlErr *url.Error // it quotes the whole URL, password included: keep the reason only
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return fmt.Errorf("it does not parse (%s)", awsclient.RedactText(err.Error()))
	}
	ok := false
	for _, sc := range v.allowed() {
		ok = ok || u.Scheme == sc
	}
	switch {
	case !ok:
		return fmt.Errorf("its scheme is %q", u.Scheme)
	case u.Host == "" || u.Hostname() == "":
		return errors.New("it has no host")
	}
	return nil
}

// parseDuration parses a session duration as the aws provider does (a Go duration such as 1h,
// 90m or 1h30m) and checks it is within [lo, hi]. Configure and durationValidator both use it,
// so what validates is what is used.
func parseDuration(s string, lo, hi time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("not a duration: %w", err)
	}
	if d < lo || d > hi {
		return 0, fmt.Errorf("%s is outside %s to %s", d, lo, hi)
	}
	return d, nil
}

// durationValidator accepts durations within [min, max] (see parseDuration).
type durationValidator struct{ min, max time.Duration }

var _ validator.String = durationValidator{}

func (v durationValidator) Description(context.Context) string {
	return fmt.Sprintf("must be a duration such as 1h or 90m, between %s and %s", v.min, v.max)
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseDuration(req.ConfigValue.ValueString(), v.min, v.max); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%q %s (%s).", req.ConfigValue.ValueString(), v.Description(ctx), err))
	}
}

// jsonObjectValidator accepts a JSON object (an IAM policy document).
type jsonObjectValidator struct{}

var _ validator.String = jsonObjectValidator{}

func (jsonObjectValidator) Description(context.Context) string {
	return "must be a JSON object, such as an IAM policy document"
}

func (v jsonObjectValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v jsonObjectValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var obj map[string]any
	err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &obj)
	if err == nil && obj == nil {
		err = errors.New("it is null")
	}
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid policy", fmt.Sprintf("The value %s: %s. Use jsonencode() or a heredoc with a policy document.", v.Description(ctx), err))
	}
}
