package awsclient

import (
	"context"
	"errors"
	"net"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// permissionErrorCodes are the codes with which AWS refuses a call for want of permission: asked
// again, it refuses again, unlike throttling, 5xx answers or lost connections.
var permissionErrorCodes = []string{
	ErrCodeUnauthorizedOperation, "AccessDenied", "AccessDeniedException", ErrCodeAuthFailure, "OptInRequired",
}

// IsPermissionError reports whether err is AWS refusing the call for want of permission (a
// deterministic answer), as opposed to a transient failure.
func IsPermissionError(err error) bool {
	return ErrCodeEquals(err, permissionErrorCodes...)
}

// IsTransientCode reports whether an AWS error code is one of throttling or of a server that failed
// to answer: asked again later, AWS may well carry the request out.
func IsTransientCode(code string) bool {
	if _, ok := retry.DefaultThrottleErrorCodes[code]; ok {
		return true
	}
	if _, ok := retry.DefaultRetryableErrorCodes[code]; ok {
		return true
	}
	switch code {
	case ErrCodeRequestLimitExceeded, ErrCodeInternalError, "InternalFailure", "ServiceUnavailable", "Unavailable",
		"RequestTimeout", "RequestTimeoutException", "EC2ThrottledException", "SlowDown", "PriorRequestNotComplete":
		return true
	}
	return false
}

// IsTransient reports whether err is a failure that a later attempt may not meet: throttling, a
// server error (5xx), or no answer at all (a lost connection, a timeout). AWS refusing the request
// for what it is (a 4xx answer) is not.
func IsTransient(err error) bool {
	if err == nil {
		return false
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		if IsTransientCode(apiErr.ErrorCode()) {
			return true
		}
		var re *smithyhttp.ResponseError
		return errors.As(err, &re) && re.HTTPStatusCode() >= 500
	}
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, context.DeadlineExceeded) || isConnectionError(err)
}

// isConnectionError reports a connection that broke or was refused under a request.
func isConnectionError(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return true
	}
	s := err.Error()
	for _, frag := range []string{"connection reset", "connection refused", "broken pipe", "EOF", "use of closed network connection", "http: server closed idle connection"} {
		if strings.Contains(s, frag) {
			return true
		}
	}
	return false
}
