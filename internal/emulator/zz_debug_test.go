package emulator_test

import (
	"context"
	"bytes"
	"io"
	"net/http"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

type rt struct {
	next http.RoundTripper
	t    *testing.T
}

func (r rt) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	resp.Body = &body{resp.Body, req, r.t}
	return resp, nil
}

type body struct {
	io.ReadCloser
	req *http.Request
	t   *testing.T
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		b.t.Logf("read: %v ctxerr=%v cause=%v", err, b.req.Context().Err(), context.Cause(b.req.Context()))
	}
	return n, err
}
func (b *body) Close() error {
	b.t.Logf("close called")
	return b.ReadCloser.Close()
}
var _ = bytes.NewReader

func TestZZDebug(t *testing.T) {
	fails := 0
	var last error
	for i := 0; i < 300; i++ {
		e := newEnv(t, fastOptions())
		tr := awshttp.NewBuildableClient().GetTransport()
		c := ec2.New(e.ec2.Options(), func(o *ec2.Options) { o.HTTPClient = &http.Client{Transport: rt{tr, t}} })
		_, err := c.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{})
		if err != nil {
			fails++
			last = err
		}
	}
	t.Log(fails, last)
}
