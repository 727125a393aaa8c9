package emulator

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// Fuzz tests of what the local EC2 API parses from its callers. Run longer with
// go test -run '^$' -fuzz FuzzX ./internal/emulator/.

// An Authorization header that was not made by signing the request with a known key never
// authenticates, and no header or body makes the server panic or answer without an AWS error.
func FuzzAuthenticate(f *testing.F) {
	for _, seed := range [][3]string{
		{"AWS4-HMAC-SHA256 Credential=test/20261202/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc", "20261202T000000Z", "Action=DescribeVpcs&Version=2016-11-15"},
		{"AWS4-HMAC-SHA256 Credential=test/20261202/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00", "", "Action=GetCallerIdentity"},
		{"AWS4-HMAC-SHA256 Credential=///// ,,,=", "x", ""},
		{"Bearer x", "", "Action=CreateVpcEndpoint&VpcId=vpc-1"},
		{"", "", ""},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	srv := New(Options{})
	f.Fuzz(func(t *testing.T, auth, date, body string) {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", auth)
		req.Header.Set("X-Amz-Date", date)
		if c, e := srv.authenticate(req, []byte(body)); c != nil || e == nil {
			t.Fatalf("an unsigned request authenticated: %q", auth)
		}
		req = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.Header.Set("Authorization", auth)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code < 400 || !strings.Contains(rec.Body.String(), "<Code>") {
			t.Fatalf("answer %d %q to an unsigned request", rec.Code, rec.Body.String())
		}
	})
}

// Whatever the form, the parameter parsers never panic: filters come out in order with their
// values, page bounds stay within the result, and tag specifications either parse or fail with an
// AWS error.
func FuzzRequestParsing(f *testing.F) {
	for _, seed := range []string{
		"Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1&Filter.2.Name=tag:Name&Filter.2.Value.1=a*",
		"MaxResults=5&NextToken=3",
		"MaxResults=-1&NextToken=x",
		"TagSpecification.1.ResourceType=vpc-endpoint&TagSpecification.1.Tag.1.Key=aws:x&TagSpecification.1.Tag.1.Value=v",
		"SubnetId.1=subnet-1&SubnetId.3=subnet-3&PrivateDnsEnabled=maybe",
		"Filter.1.Name=&Filter.1.Value.1=",
	} {
		f.Add(seed, 10)
	}
	f.Fuzz(func(t *testing.T, raw string, n int) {
		form, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		n = max(0, min(n, 10000))
		fs := filters(form)
		for i, flt := range fs {
			if _, ok := form["Filter."+strconv.Itoa(i+1)+".Name"]; !ok || flt.name != form.Get("Filter."+strconv.Itoa(i+1)+".Name") {
				t.Fatalf("filter %d parsed as %+v", i+1, flt)
			}
		}
		_, _ = matchFilters(fs, []tag{{Key: "Name", Value: "a"}}, func(string) ([]string, bool) { return []string{"x"}, true })
		if from, to, _, e := page(form, n, 1); e == nil && (from < 0 || to > n || from > to) {
			t.Fatalf("page(%q, %d) = %d..%d", raw, n, from, to)
		}
		_, _ = tagSpecs(form, "vpc-endpoint")
		_, _, _ = optBool(form, "PrivateDnsEnabled")
		_ = list(form, "SubnetId")
		_, _ = dnsParams(form)
	})
}
