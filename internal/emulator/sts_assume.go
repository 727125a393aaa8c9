package emulator

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// STS role sessions: AssumeRole (signed by any known key, sessions included, for role chaining)
// and AssumeRoleWithWebIdentity (unsigned) hand out temporary credentials (ASIA… key, secret and
// session token) for a role in one of the server's accounts. Requests signed with a session key
// must carry its session token (X-Amz-Security-Token) until the session expires; GetCallerIdentity
// reports the assumed-role ARN.

// stsSession is one set of temporary credentials.
type stsSession struct {
	accessKey, secret, token string
	account                  string
	arn                      string // arn:aws:sts::<account>:assumed-role/<role>/<session>
	roleID                   string // AROA…:<session>
	expires                  time.Time
}

const (
	msgInvalidToken = "The security token included in the request is invalid."
	msgExpiredToken = "The security token included in the request is expired"
	// stsMaxDuration is the longest session; the emulator's roles all allow it (a real role's
	// MaxSessionDuration defaults to 1 hour).
	stsMaxDuration     = 12 * time.Hour
	stsDefaultDuration = time.Hour
	stsChainedMax      = time.Hour
)

var (
	stsNameRe       = regexp.MustCompile(`^[\w+=,.@-]*$`)
	stsExternalIDRe = regexp.MustCompile(`^[\w+=,.@:/-]*$`)
	stsRoleARNRe    = regexp.MustCompile(`^arn:aws(-cn|-us-gov)?:iam::(\d{12}):role/(?:[\x21-\x7e]*/)?([\w+=,.@-]{1,64})$`)
)

// serveRoleSessions answers the requests that involve role sessions, before ServeHTTP's own
// authentication: unsigned AssumeRoleWithWebIdentity, AssumeRole, GetCallerIdentity signed by a
// session, and any request signed by a session key without its valid session token. It reports
// whether it answered; otherwise the request goes on unchanged (its body restored).
func (s *Server) serveRoleSessions(w http.ResponseWriter, r *http.Request) bool {
	authz := r.Header.Get("Authorization")
	key, service := credentialScope(authz)
	s.mu.Lock()
	sess := s.sessions[key]
	s.mu.Unlock()
	if authz != "" && service != "sts" && sess == nil {
		return false // the common case, an EC2 call signed by a long-term key: no body read
	}
	body, err := readBody(r)
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return false
	}
	form, _ := url.ParseQuery(string(body))
	action := form.Get("Action")
	reqID := newRequestID()
	fail := func(e *apiError) bool {
		s.logf("%s %s -> %s", reqID, action, e.Code)
		if service == "ec2" {
			writeEC2Error(w, reqID, e)
		} else {
			writeSTSError(w, reqID, e)
		}
		return true
	}
	if sess != nil {
		switch now := time.Now(); {
		case r.Header.Get("X-Amz-Security-Token") != sess.token:
			s.countCall(action)
			if service == "ec2" {
				return fail(&apiError{Code: "AuthFailure", Message: msgAuthFailure})
			}
			return fail(&apiError{Code: "InvalidClientTokenId", Message: msgInvalidToken, Status: http.StatusForbidden})
		case now.After(sess.expires):
			s.countCall(action)
			if service == "ec2" {
				return fail(&apiError{Code: "RequestExpired", Message: "Request has expired."})
			}
			return fail(&apiError{Code: "ExpiredToken", Message: msgExpiredToken, Status: http.StatusForbidden})
		}
	}
	switch {
	case authz == "" && action == "AssumeRoleWithWebIdentity":
		s.countCall(action)
		out, aerr := s.assumeRoleWithWebIdentity(form)
		if aerr != nil {
			return fail(aerr)
		}
		writeSTSResult(w, reqID, action, out)
		return true
	case service == "sts" && action == "AssumeRole":
		s.countCall(action)
		c, aerr := s.authenticate(r, body)
		if aerr != nil {
			return fail(aerr)
		}
		out, aerr := s.assumeRole(form, c, sess)
		if aerr != nil {
			return fail(aerr)
		}
		writeSTSResult(w, reqID, action, out)
		return true
	case service == "sts" && action == "GetCallerIdentity" && sess != nil:
		s.countCall(action)
		if _, aerr := s.authenticate(r, body); aerr != nil {
			return fail(aerr)
		}
		writeSTSResult(w, reqID, action, fmt.Sprintf("<Arn>%s</Arn><UserId>%s</UserId><Account>%s</Account>",
			xmlEscape(sess.arn), xmlEscape(sess.roleID), sess.account))
		return true
	}
	return false
}

// credentialScope returns the access key and service of a SigV4 Authorization header.
func credentialScope(authz string) (key, service string) {
	_, rest, ok := strings.Cut(authz, "Credential=")
	if !ok {
		return "", ""
	}
	cred, _, _ := strings.Cut(rest, ",")
	parts := strings.Split(strings.TrimSpace(cred), "/")
	if len(parts) != 5 {
		return "", ""
	}
	return parts[0], parts[3]
}

func (s *Server) countCall(action string) {
	s.mu.Lock()
	s.calls[action]++
	s.mu.Unlock()
}

func writeSTSResult(w http.ResponseWriter, reqID, action, inner string) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, `<%[1]sResponse xmlns="%[2]s"><%[1]sResult>%[3]s</%[1]sResult><ResponseMetadata><RequestId>%[4]s</RequestId></ResponseMetadata></%[1]sResponse>`,
		action, stsNamespace, inner, reqID)
}

func stsValidation(format string, args ...any) *apiError {
	return errf("ValidationError", "1 validation error detected: "+format, args...)
}

// sessionArgs are the parameters AssumeRole and AssumeRoleWithWebIdentity share.
type sessionArgs struct {
	account, role, roleARN, session string
	duration                        time.Duration
}

// checkSessionArgs validates RoleArn, RoleSessionName, DurationSeconds, Policy and PolicyArns in
// STS's order, and that the role's account is one of the server's.
func (s *Server) checkSessionArgs(form url.Values, caller string) (*sessionArgs, *apiError) {
	a := &sessionArgs{roleARN: form.Get("RoleArn"), session: form.Get("RoleSessionName"), duration: stsDefaultDuration}
	switch {
	case a.roleARN == "":
		return nil, stsValidation("Value null at 'roleArn' failed to satisfy constraint: Member must not be null")
	case len(a.roleARN) < 20:
		return nil, stsValidation("Value '%s' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20", a.roleARN)
	}
	m := stsRoleARNRe.FindStringSubmatch(a.roleARN)
	if m == nil {
		return nil, errf("ValidationError", "Request ARN is invalid")
	}
	a.account, a.role = m[2], m[3]
	switch {
	case a.session == "":
		return nil, stsValidation("Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null")
	case len(a.session) < 2 || len(a.session) > 64:
		return nil, stsValidation("Value '%s' at 'roleSessionName' failed to satisfy constraint: Member must have length %s", a.session, lengthBound(a.session, 2, 64))
	case !stsNameRe.MatchString(a.session):
		return nil, stsValidation("Value '%s' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*", a.session)
	}
	if v := form.Get("DurationSeconds"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			return nil, errf("MalformedInput", "Value '%s' for DurationSeconds is not a valid integer", v)
		case n < 900:
			return nil, stsValidation("Value '%d' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900", n)
		case n > int(stsMaxDuration/time.Second):
			return nil, stsValidation("Value '%d' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200", n)
		}
		a.duration = time.Duration(n) * time.Second
	}
	if p := form.Get("Policy"); p != "" {
		if len(p) > 2048 {
			return nil, stsValidation("Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048")
		}
		var doc map[string]any
		if json.Unmarshal([]byte(p), &doc) != nil || doc == nil {
			return nil, errf("MalformedPolicyDocument", "The policy is not in the valid JSON format.")
		}
	}
	arns := memberValues(form, "PolicyArns", "arn")
	if len(arns) > 10 {
		return nil, stsValidation("Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10")
	}
	for _, arn := range arns {
		if len(arn) < 20 || !strings.HasPrefix(arn, "arn:") || !strings.Contains(arn, ":policy/") {
			return nil, errf("InvalidParameterValue", "The policy ARN %s is invalid.", arn)
		}
	}
	if !s.knownAccount(a.account) {
		return nil, &apiError{Code: "AccessDenied", Status: http.StatusForbidden,
			Message: fmt.Sprintf("User: %s is not authorized to perform: sts:AssumeRole on resource: %s", caller, a.roleARN)}
	}
	return a, nil
}

func lengthBound(v string, lo, hi int) string {
	if len(v) < lo {
		return "greater than or equal to " + strconv.Itoa(lo)
	}
	return "less than or equal to " + strconv.Itoa(hi)
}

// memberValues reads name.member.N[.field] until the first gap.
func memberValues(form url.Values, name, field string) []string {
	var out []string
	for i := 1; ; i++ {
		k := fmt.Sprintf("%s.member.%d", name, i)
		if field != "" {
			k += "." + field
		}
		v, ok := form[k]
		if !ok {
			return out
		}
		out = append(out, v[0])
	}
}

func (s *Server) knownAccount(account string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.opts.Credentials {
		if c.AccountID == account {
			return true
		}
	}
	return false
}

// assumeRole is sts:AssumeRole for caller c (sess when c signed with a session key).
func (s *Server) assumeRole(form url.Values, c *caller, sess *stsSession) (string, *apiError) {
	callerARN := fmt.Sprintf("arn:aws:iam::%s:user/%s", c.account, c.accessKey)
	if sess != nil {
		callerARN = sess.arn
	}
	a, aerr := s.checkSessionArgs(form, callerARN)
	if aerr != nil {
		return "", aerr
	}
	if ext := form.Get("ExternalId"); ext != "" && (len(ext) < 2 || len(ext) > 1224 || !stsExternalIDRe.MatchString(ext)) {
		return "", stsValidation("Value '%s' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*", ext)
	}
	if src := form.Get("SourceIdentity"); src != "" {
		switch {
		case len(src) < 2 || len(src) > 64 || !stsNameRe.MatchString(src):
			return "", stsValidation("Value '%s' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*", src)
		case strings.HasPrefix(strings.ToLower(src), "aws:"):
			return "", errf("ValidationError", "SourceIdentity cannot begin with the prefix aws:")
		}
	}
	keys := memberValues(form, "Tags", "Key")
	vals := memberValues(form, "Tags", "Value")
	if len(keys) > 50 {
		return "", stsValidation("Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50")
	}
	seen := map[string]bool{}
	for i, k := range keys {
		if len(k) < 1 || len(k) > 128 || (i < len(vals) && len(vals[i]) > 256) {
			return "", stsValidation("Value at 'tags' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]")
		}
		if seen[strings.ToLower(k)] {
			return "", errf("InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
		}
		seen[strings.ToLower(k)] = true
	}
	if n := len(memberValues(form, "TransitiveTagKeys", "")); n > 50 {
		return "", stsValidation("Value at 'transitiveTagKeys' failed to satisfy constraint: Member must have length less than or equal to 50")
	}
	if sess != nil && form.Get("DurationSeconds") != "" && a.duration > stsChainedMax {
		return "", errf("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
	}
	out := s.newSession(a)
	if src := form.Get("SourceIdentity"); src != "" {
		out += "<SourceIdentity>" + xmlEscape(src) + "</SourceIdentity>"
	}
	return out, nil
}

// assumeRoleWithWebIdentity is the unsigned sts:AssumeRoleWithWebIdentity. Any token in JWT form
// is accepted: the emulator has no OIDC providers and checks no signature.
func (s *Server) assumeRoleWithWebIdentity(form url.Values) (string, *apiError) {
	token := form.Get("WebIdentityToken")
	switch {
	case token == "":
		return "", stsValidation("Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null")
	case len(token) < 4 || len(token) > 20000:
		return "", stsValidation("Value at 'webIdentityToken' failed to satisfy constraint: Member must have length %s", lengthBound(token, 4, 20000))
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
		return "", errf("InvalidIdentityToken", "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)")
	}
	a, aerr := s.checkSessionArgs(form, "arn:aws:sts::assumed-role-with-web-identity")
	if aerr != nil {
		if aerr.Code == "AccessDenied" {
			aerr.Message = "Not authorized to perform sts:AssumeRoleWithWebIdentity"
		}
		return "", aerr
	}
	claims := struct {
		Sub string `json:"sub"`
		Iss string `json:"iss"`
		Aud any    `json:"aud"`
	}{Sub: "unknown", Iss: "unknown"}
	if raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "=")); err == nil {
		_ = json.Unmarshal(raw, &claims)
	}
	aud := fmt.Sprint(claims.Aud)
	if list, ok := claims.Aud.([]any); ok && len(list) > 0 {
		aud = fmt.Sprint(list[0])
	}
	return s.newSession(a) + fmt.Sprintf("<SubjectFromWebIdentityToken>%s</SubjectFromWebIdentityToken><Provider>%s</Provider><Audience>%s</Audience>",
		xmlEscape(claims.Sub), xmlEscape(claims.Iss), xmlEscape(aud)), nil
}

// newSession registers temporary credentials for a and renders <Credentials> and
// <AssumedRoleUser>.
func (s *Server) newSession(a *sessionArgs) string {
	sess := &stsSession{
		accessKey: "ASIA" + strings.ToUpper(randHex(16)),
		secret:    randHex(40),
		token:     "IQoJ" + randHex(96),
		account:   a.account,
		arn:       fmt.Sprintf("arn:aws:sts::%s:assumed-role/%s/%s", a.account, a.role, a.session),
		roleID:    "AROA" + strings.ToUpper(hash17(a.roleARN)) + ":" + a.session,
		expires:   time.Now().Add(a.duration).UTC().Truncate(time.Second),
	}
	s.mu.Lock()
	if s.sessions == nil {
		s.sessions = map[string]*stsSession{}
	}
	s.sessions[sess.accessKey] = sess
	s.creds[sess.accessKey] = Credential{AccessKeyID: sess.accessKey, SecretAccessKey: sess.secret, AccountID: sess.account}
	s.mu.Unlock()
	var b bytes.Buffer
	_ = xml.NewEncoder(&b).Encode(struct {
		XMLName         xml.Name `xml:"Credentials"`
		AccessKeyID     string   `xml:"AccessKeyId"`
		SecretAccessKey string   `xml:"SecretAccessKey"`
		SessionToken    string   `xml:"SessionToken"`
		Expiration      string   `xml:"Expiration"`
	}{AccessKeyID: sess.accessKey, SecretAccessKey: sess.secret, SessionToken: sess.token, Expiration: sess.expires.Format(time.RFC3339)})
	return b.String() + fmt.Sprintf("<AssumedRoleUser><Arn>%s</Arn><AssumedRoleId>%s</AssumedRoleId></AssumedRoleUser>",
		xmlEscape(sess.arn), xmlEscape(sess.roleID))
}

// Sessions lists the role sessions the server has handed out, as assumed-role ARNs (sorted), for
// tests that check which role a provider used.
func (s *Server) Sessions() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.sessions))
	for _, sess := range s.sessions {
		out = append(out, sess.arn)
	}
	sort.Strings(out)
	return out
}
