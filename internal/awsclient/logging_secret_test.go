package awsclient_test

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// A password in an endpoint or proxy URL never reaches a log line or an error, whatever the call
// does: succeed, fail at AWS, or fail to connect.
func TestSecretsInURLsAreNeverLogged(t *testing.T) {
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	srv := emulator.New(emulator.Options{})
	base, err := srv.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	withSecret := strings.Replace(base, "http://", "http://user:secret@", 1)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://user:secret@" + ln.Addr().String()
	_ = ln.Close()

	var logs bytes.Buffer
	ctx, cancel := context.WithTimeout(tflogtest.RootLogger(context.Background(), &logs), time.Minute)
	defer cancel()
	var errs []string

	cfg := awsclient.Config{Region: emulator.DefaultRegion, AccessKey: emulator.DefaultAccessKeyID, SecretKey: emulator.DefaultSecretAccessKey,
		EC2Endpoint: withSecret, STSEndpoint: withSecret}
	client, err := awsclient.New(ctx, cfg)
	if err != nil {
		t.Fatalf("New through a URL with userinfo: %s", err)
	}
	if _, err := client.EC2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}); err != nil {
		t.Fatalf("DescribeVpcs: %s", err)
	}
	_, err = client.EC2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{"vpc-missing"}})
	if err == nil {
		t.Fatal("DescribeVpcs of a missing VPC succeeded")
	}
	errs = append(errs, err.Error())

	// Connection refused: the URL is in the error of every attempt.
	zero := 0
	unreachable := cfg
	unreachable.STSEndpoint, unreachable.MaxRetries = closed, &zero
	_, err = awsclient.New(ctx, unreachable)
	if err == nil {
		t.Fatal("New against a closed port succeeded")
	}
	errs = append(errs, err.Error())

	// A proxy with credentials that cannot be reached, and one that cannot be parsed.
	for _, proxy := range []string{closed, "http://user:secret@proxy:port"} {
		p := cfg
		p.HTTPProxy, p.MaxRetries = &proxy, &zero
		p.STSEndpoint = "http://user:secret@sts.vpce.test" // loopback is never proxied
		_, err = awsclient.New(ctx, p)
		if err == nil {
			t.Fatalf("New through proxy %s succeeded", awsclient.RedactURL(proxy))
		}
		errs = append(errs, err.Error())
	}

	out := logs.String()
	if !strings.Contains(out, "AWS API request") || !strings.Contains(out, "DescribeVpcs") {
		t.Fatalf("no request was logged, the test proves nothing:\n%s", out)
	}
	if strings.Contains(out, "secret") {
		t.Errorf("a password reached the log:\n%s", out)
	}
	for _, e := range errs {
		if strings.Contains(e, "secret") {
			t.Errorf("a password reached an error: %s", e)
		}
	}
	if !strings.Contains(errs[1], "connection refused") || !strings.Contains(errs[2], "connection refused") {
		t.Errorf("the connection errors lost their cause: %q", errs[1:3])
	}
}

func TestRedactURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"http://127.0.0.1:4566":              "http://127.0.0.1:4566",
		"http://user:secret@127.0.0.1:4566/": "http://***@127.0.0.1:4566/",
		"https://token@ec2.example.com":      "https://***@ec2.example.com",
		"http://u:p@ss/w#rd@host:1":          "http://***@host:1",
		"user:secret@proxy:3128":             "***@proxy:3128",
		"":                                   "",
	} {
		if got := awsclient.RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		`Post "http://user:***@127.0.0.1:1/": dial tcp`:       `Post "http://***@127.0.0.1:1/": dial tcp`,
		"endpoints http://a:b@h1/x and https://c:d@h2:443 ok": "endpoints http://***@h1/x and https://***@h2:443 ok",
		"mail user@example.com stays":                         "mail user@example.com stays",
		"http://u:p@ss@host/path":                             "http://***@host/path",
	} {
		if got := awsclient.RedactText(in); got != want {
			t.Errorf("RedactText(%q) = %q, want %q", in, got, want)
		}
	}
}
