package awsclient

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go/middleware"
)

func TestMain(m *testing.M) {
	PollInitialDelay = 2 * time.Millisecond
	PollMaxDelay = 10 * time.Millisecond
	PollMinDelay = time.Millisecond
	NotFoundWindow = 100 * time.Millisecond
	BatchWindow = 20 * time.Millisecond
	os.Exit(m.Run())
}

const ec2NS = "http://ec2.amazonaws.com/doc/2016-11-15/"

// fakeResponse is what a fake action answers: an HTTP status and a body.
type fakeResponse struct {
	status int
	body   string
}

// ok wraps inner XML in <ActionResponse xmlns=…>.
func ok(action, inner string) fakeResponse {
	return fakeResponse{http.StatusOK, fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<%[1]sResponse xmlns="%[2]s"><requestId>req-1</requestId>%[3]s</%[1]sResponse>`, action, ec2NS, inner)}
}

// apiError is an EC2 error answer.
func apiError(code, msg string) fakeResponse {
	return fakeResponse{http.StatusBadRequest, fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>req-err</RequestID></Response>`, code, msg)}
}

// fakeEC2 is a hand-written EC2 Query endpoint: each action has a handler; calls are counted.
type fakeEC2 struct {
	t        *testing.T
	srv      *httptest.Server
	mu       sync.Mutex
	handlers map[string]func(form url.Values) fakeResponse
	calls    map[string]int
	forms    map[string][]url.Values
}

func newFakeEC2(t *testing.T) *fakeEC2 {
	t.Helper()
	f := &fakeEC2{
		t:        t,
		handlers: map[string]func(url.Values) fakeResponse{},
		calls:    map[string]int{},
		forms:    map[string][]url.Values{},
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeEC2) handle(action string, h func(form url.Values) fakeResponse) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handlers[action] = h
}

func (f *fakeEC2) count(action string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[action]
}

func (f *fakeEC2) requests(action string) []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]url.Values(nil), f.forms[action]...)
}

func (f *fakeEC2) serve(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	action := r.PostForm.Get("Action")
	f.mu.Lock()
	f.calls[action]++
	f.forms[action] = append(f.forms[action], r.PostForm)
	h := f.handlers[action]
	f.mu.Unlock()
	if h == nil {
		f.t.Errorf("fake EC2: unexpected action %q", action)
		resp := apiError("InvalidAction", "not implemented by the fake")
		w.WriteHeader(resp.status)
		_, _ = w.Write([]byte(resp.body))
		return
	}
	resp := h(r.PostForm)
	if resp.status < 0 { // the request was carried out, the answer is lost
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", "req-1")
	w.WriteHeader(resp.status)
	_, _ = w.Write([]byte(resp.body))
}

// client returns an EC2 client for the fake: static credentials, no SDK retries (the tests check
// our own retries), the request logger installed.
func (f *fakeEC2) client() *ec2.Client {
	return ec2.NewFromConfig(aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
		APIOptions:  []func(*middleware.Stack) error{addLoggingMiddleware},
	}, func(o *ec2.Options) { o.BaseEndpoint = aws.String(f.srv.URL) })
}

func (f *fakeEC2) awsClient() *Client {
	return &Client{EC2: f.client(), Region: "us-east-1", Partition: "aws"}
}

// endpointXML renders one VPC endpoint <item>.
func endpointXML(id, vpcID, service, typ, state string, extra string) string {
	return fmt.Sprintf(`<item><vpcEndpointId>%s</vpcEndpointId><vpcId>%s</vpcId><serviceName>%s</serviceName>`+
		`<vpcEndpointType>%s</vpcEndpointType><state>%s</state>%s</item>`, id, vpcID, service, typ, state, extra)
}

func describeEndpoints(items ...string) fakeResponse {
	s := "<vpcEndpointSet>"
	for _, it := range items {
		s += it
	}
	return ok("DescribeVpcEndpoints", s+"</vpcEndpointSet>")
}

func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

var errCanceled = context.Canceled

func contextWithCancel(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return ctx, cancel
}

// requestedEndpointIDs are the endpoint ids a DescribeVpcEndpoints asks for: VpcEndpointId.N, or the
// values of a vpc-endpoint-id filter (the poller's form).
func requestedEndpointIDs(form url.Values) []string {
	var ids []string
	for i := 1; ; i++ {
		id := form.Get(fmt.Sprintf("VpcEndpointId.%d", i))
		if id == "" {
			break
		}
		ids = append(ids, id)
	}
	for f := 1; form.Get(fmt.Sprintf("Filter.%d.Name", f)) != ""; f++ {
		if form.Get(fmt.Sprintf("Filter.%d.Name", f)) != "vpc-endpoint-id" {
			continue
		}
		for i := 1; ; i++ {
			id := form.Get(fmt.Sprintf("Filter.%d.Value.%d", f, i))
			if id == "" {
				break
			}
			ids = append(ids, id)
		}
	}
	return ids
}
