package awsclient

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
