package emulator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

const (
	msgAuthFailure       = "AWS was not able to validate the provided access credentials"
	msgSignatureMismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."

	// maxClockSkew is how far X-Amz-Date may be from the server's clock.
	maxClockSkew = 15 * time.Minute
	amzDate      = "20060102T150405Z"
)

// caller is the authenticated identity of a request.
type caller struct {
	accessKey string
	account   string
	region    string
	service   string
}

func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	defer r.Body.Close()
	return io.ReadAll(io.LimitReader(r.Body, 10<<20))
}

// authenticate checks the SigV4 Authorization header by signing a copy of the
// request with the caller's secret and comparing signatures.
func (s *Server) authenticate(r *http.Request, body []byte) (*caller, *apiError) {
	authFailure := &apiError{Code: "AuthFailure", Message: msgAuthFailure}
	h := r.Header.Get("Authorization")
	const algo = "AWS4-HMAC-SHA256 "
	if !strings.HasPrefix(h, algo) {
		return nil, authFailure
	}
	fields := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(h, algo), ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok {
			fields[k] = v
		}
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 5 || scope[4] != "aws4_request" || fields["Signature"] == "" || fields["SignedHeaders"] == "" {
		return nil, authFailure
	}
	c := &caller{accessKey: scope[0], region: scope[2], service: scope[3]}
	if c.service == "sts" {
		authFailure.Status = http.StatusForbidden
	}
	s.mu.Lock()
	cred, ok := s.creds[c.accessKey]
	s.mu.Unlock()
	if !ok {
		return nil, authFailure
	}
	c.account = cred.AccountID
	mismatch := &apiError{Code: "SignatureDoesNotMatch", Message: msgSignatureMismatch, Status: authFailure.Status}
	if c.service != "ec2" && c.service != "sts" {
		want := "ec2"
		if r.URL.Query().Get("Action") == "GetCallerIdentity" || bytes.Contains(body, []byte("Action=GetCallerIdentity")) {
			want = "sts"
		}
		return nil, &apiError{Code: "SignatureDoesNotMatch", Message: "Credential should be scoped to correct service: '" + want + "'. "}
	}
	signingTime, err := time.Parse(amzDate, r.Header.Get("X-Amz-Date"))
	if err != nil {
		return nil, mismatch
	}
	sum := sha256.Sum256(body)
	payloadHash := hex.EncodeToString(sum[:])

	cp, err := http.NewRequestWithContext(context.Background(), r.Method, r.URL.String(), bytes.NewReader(body))
	if err != nil {
		return nil, mismatch
	}
	cp.URL.Host = r.Host
	cp.Host = r.Host
	cp.ContentLength = 0
	for _, name := range strings.Split(fields["SignedHeaders"], ";") {
		switch name {
		case "host":
		case "content-length":
			cp.ContentLength = int64(len(body))
		default:
			for _, v := range r.Header.Values(name) {
				cp.Header.Add(name, v)
			}
		}
	}
	creds := aws.Credentials{AccessKeyID: cred.AccessKeyID, SecretAccessKey: cred.SecretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, cp, payloadHash, c.service, c.region, signingTime); err != nil {
		return nil, mismatch
	}
	if sigOf(cp.Header.Get("Authorization")) != fields["Signature"] {
		return nil, mismatch
	}
	if e := checkSigningTime(c.service, signingTime, time.Now()); e != nil {
		return nil, e
	}
	return c, nil
}

// checkSigningTime rejects a signature made more than maxClockSkew away from now: EC2 answers
// RequestExpired; STS answers SignatureDoesNotMatch with the times.
func checkSigningTime(service string, signed, now time.Time) *apiError {
	now = now.UTC()
	early, late := now.Add(-maxClockSkew), now.Add(maxClockSkew)
	if !signed.Before(early) && !signed.After(late) {
		return nil
	}
	if service != "sts" {
		return &apiError{Code: "RequestExpired", Message: "Request has expired."}
	}
	e := &apiError{Code: "SignatureDoesNotMatch", Status: http.StatusForbidden}
	if signed.Before(early) {
		e.Message = "Signature expired: " + signed.Format(amzDate) + " is now earlier than " + early.Format(amzDate) +
			" (" + now.Format(amzDate) + " - 15 min.)"
	} else {
		e.Message = "Signature not yet current: " + signed.Format(amzDate) + " is still later than " + late.Format(amzDate) +
			" (" + now.Format(amzDate) + " + 15 min.)"
	}
	return e
}

func sigOf(h string) string {
	_, sig, _ := strings.Cut(h, "Signature=")
	return sig
}
