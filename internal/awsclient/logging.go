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
			fields["error"] = err.Error()
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
