package awsclient

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// loggingMiddlewareID names the request-log middleware in the SDK stack.
const loggingMiddlewareID = "vpce.TflogRequestLogger"

// masked replaces secret header values in logs.
const masked = "***"

// addLoggingMiddleware adds the request logger at the end of the Finalize step: after signing (so
// the logged headers are those sent, masked) and inside the retry loop (so every attempt is logged).
func addLoggingMiddleware(stack *middleware.Stack) error {
	return stack.Finalize.Add(middleware.FinalizeMiddlewareFunc(loggingMiddlewareID, logRequest), middleware.After)
}

// logRequest logs one HTTP attempt at debug level: service, operation, status, request id,
// duration, masked request headers, and the AWS error code when there is one. Bodies are never
// logged: an endpoint policy may be confidential.
func logRequest(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
	middleware.FinalizeOutput, middleware.Metadata, error,
) {
	start := time.Now()
	out, metadata, err := next.HandleFinalize(ctx, in)

	fields := map[string]any{
		"aws.service":     awsmiddleware.GetServiceID(ctx),
		"aws.operation":   awsmiddleware.GetOperationName(ctx),
		"aws.duration_ms": time.Since(start).Milliseconds(),
	}
	if req, ok := in.Request.(*smithyhttp.Request); ok {
		fields["http.method"] = req.Method
		if req.URL != nil {
			fields["http.host"] = req.URL.Host
		}
		fields["http.request_headers"] = MaskHeaders(req.Header)
	}
	resp, _ := awsmiddleware.GetRawResponse(metadata).(*smithyhttp.Response)
	var respErr *smithyhttp.ResponseError
	if resp == nil && errors.As(err, &respErr) {
		resp = respErr.Response
	}
	if resp != nil && resp.Response != nil {
		fields["http.status"] = resp.StatusCode
		if id := responseRequestID(resp.Header); id != "" {
			fields["aws.request_id"] = id
		}
	}
	if id, ok := awsmiddleware.GetRequestIDMetadata(metadata); ok && id != "" {
		fields["aws.request_id"] = id
	}
	if err != nil {
		var apiErr smithy.APIError
		if errors.As(err, &apiErr) {
			fields["aws.error_code"] = apiErr.ErrorCode()
		} else {
			fields["error"] = RedactText(err.Error())
		}
	}
	tflog.Debug(ctx, "AWS API request", fields)
	return out, metadata, err
}

func responseRequestID(h http.Header) string {
	for _, k := range []string{"X-Amzn-Requestid", "X-Amz-Request-Id", "X-Amzn-Request-Id"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// redactErrorsMiddlewareID names the middleware that masks URL userinfo in errors.
const redactErrorsMiddlewareID = "vpce.RedactURLUserinfo"

// addRedactErrorsMiddleware masks URL userinfo (http://user:password@host) in every error an
// operation returns, at the outermost step so that no error text shown in a diagnostic echoes it.
// The error is wrapped, never replaced: errors.As still finds AWS API errors.
func addRedactErrorsMiddleware(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc(redactErrorsMiddlewareID,
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
			middleware.InitializeOutput, middleware.Metadata, error,
		) {
			out, md, err := next.HandleInitialize(ctx, in)
			return out, md, redactError(err)
		}), middleware.Before)
}

// userinfoRe matches the userinfo of a URL in free text: scheme://userinfo@.
var userinfoRe = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^\s/?#"'<>]+@`)

// RedactText masks the userinfo of every URL in s: "http://user:secret@host" becomes
// "http://***@host".
func RedactText(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	return userinfoRe.ReplaceAllString(s, "${1}"+masked+"@")
}

// RedactURL masks the userinfo of one URL as it may be logged or shown: everything between the
// scheme (or the start, for host:port forms) and the last "@". It never parses, so that a URL
// malformed by its password (an unescaped "/" or "#") is masked too.
func RedactURL(raw string) string {
	start := 0
	if i := strings.Index(raw, "://"); i >= 0 {
		start = i + len("://")
	}
	at := strings.LastIndex(raw[start:], "@")
	if at < 0 {
		return raw
	}
	return raw[:start] + masked + raw[start+at:]
}

// redactedError shows err with URL userinfo masked; Unwrap gives err itself.
type redactedError struct {
	err error
	msg string
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redactError wraps err when its text contains URL userinfo; nil and clean errors are returned
// as they are.
func redactError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if red := RedactText(msg); red != msg {
		return &redactedError{err: err, msg: red}
	}
	return err
}

// secretHeaders are masked entirely (lowercase names).
var secretHeaders = map[string]bool{
	"x-amz-security-token": true,
	"x-amz-credential":     true,
	"x-amz-signature":      true,
	"cookie":               true,
	"set-cookie":           true,
	"proxy-authorization":  true,
}

var (
	credentialRe = regexp.MustCompile(`Credential=[^,\s]*`)
	signatureRe  = regexp.MustCompile(`Signature=[^,\s]*`)
)

// MaskHeaderValue returns the value of header name as it may be logged: secrets replaced by "***".
// For Authorization the SigV4 algorithm and SignedHeaders stay visible, the credential (access key
// id and scope) and the signature do not.
func MaskHeaderValue(name, value string) string {
	lower := strings.ToLower(name)
	switch {
	case lower == "authorization":
		if !strings.HasPrefix(value, "AWS4-") {
			return masked
		}
		v := credentialRe.ReplaceAllString(value, "Credential="+masked)
		return signatureRe.ReplaceAllString(v, "Signature="+masked)
	case secretHeaders[lower]:
		return masked
	case strings.Contains(lower, "token") || strings.Contains(lower, "secret") || strings.Contains(lower, "password"):
		return masked
	}
	return value
}

// MaskHeaders flattens headers into a map for logging, masking secrets (see MaskHeaderValue).
func MaskHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vals := make([]string, len(h[k]))
		for i, v := range h[k] {
			vals[i] = MaskHeaderValue(k, v)
		}
		out[k] = strings.Join(vals, ", ")
	}
	return out
}
