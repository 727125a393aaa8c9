package awsclient

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go/middleware"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestMaskHeaderValue(t *testing.T) {
	t.Parallel()
	auth := "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ec2/aws4_request, " +
		"SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=0123456789abcdef"
	got := MaskHeaderValue("Authorization", auth)
	for _, secret := range []string{"AKIDEXAMPLE", "0123456789abcdef"} {
		if strings.Contains(got, secret) {
			t.Errorf("Authorization not masked: %q", got)
		}
	}
	if !strings.HasPrefix(got, "AWS4-HMAC-SHA256 Credential=***") || !strings.Contains(got, "SignedHeaders=host;") {
		t.Errorf("Authorization over-masked: %q", got)
	}
	if got := MaskHeaderValue("authorization", "Bearer abc"); got != "***" {
		t.Errorf("non-SigV4 Authorization = %q", got)
	}
	for _, h := range []string{"X-Amz-Security-Token", "x-amz-security-token", "X-Amz-Credential", "X-Amz-Signature", "Cookie"} {
		if got := MaskHeaderValue(h, "FwoGZXIvYXdzEXAMPLETOKEN"); got != "***" {
			t.Errorf("%s = %q, want masked", h, got)
		}
	}
	if got := MaskHeaderValue("X-Amz-Date", "20240101T000000Z"); got != "20240101T000000Z" {
		t.Errorf("X-Amz-Date masked: %q", got)
	}
}

func TestMaskHeaders(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	h.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=abc")
	h.Set("X-Amz-Security-Token", "sessiontoken")
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	got := MaskHeaders(h)
	all := ""
	for k, v := range got {
		all += k + "=" + v + "\n"
	}
	if strings.Contains(all, "AKID") || strings.Contains(all, "sessiontoken") || strings.Contains(all, "=abc") {
		t.Errorf("secrets leaked: %s", all)
	}
	if got["Content-Type"] != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type = %q", got["Content-Type"])
	}
}

func TestRequestLogging(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpoints", func(url.Values) fakeResponse {
		return describeEndpoints(endpointXML("vpce-1", "vpc-1", "com.amazonaws.us-east-1.s3", "Gateway", "available",
			"<policyDocument>SECRET-POLICY</policyDocument>"))
	})
	f.handle("ModifyVpcEndpoint", func(url.Values) fakeResponse { return apiError("OperationInProgress", "busy") })
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(testCtx(t), &buf)
	conn := ec2.NewFromConfig(aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDLOGTEST", "secretkey", "SESSIONTOKEN"),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
		APIOptions:  []func(*middleware.Stack) error{addLoggingMiddleware},
	}, func(o *ec2.Options) { o.BaseEndpoint = aws.String(f.srv.URL) })

	if _, err := FindVPCEndpointByID(ctx, conn, "vpce-1"); err != nil {
		t.Fatal(err)
	}
	_, _ = conn.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-1"),
		PolicyDocument: aws.String("SECRET-POLICY")})

	out := buf.String()
	for _, secret := range []string{"AKIDLOGTEST", "secretkey", "SESSIONTOKEN", "SECRET-POLICY"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("log entries = %d:\n%s", len(entries), out)
	}
	first, second := entries[0], entries[1]
	if first["aws.service"] != "EC2" || first["aws.operation"] != "DescribeVpcEndpoints" || first["http.status"] != float64(200) ||
		first["aws.request_id"] != "req-1" || first["@level"] != "debug" {
		t.Errorf("first entry = %v", first)
	}
	if second["aws.operation"] != "ModifyVpcEndpoint" || second["http.status"] != float64(400) || second["aws.error_code"] != "OperationInProgress" {
		t.Errorf("second entry = %v", second)
	}
}
