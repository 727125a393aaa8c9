package awsclient

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// testCA is a certificate authority made for one test, and a server certificate it signed for
// 127.0.0.1 and the given DNS names.
func testCA(t *testing.T, dnsNames ...string) (caPEM []byte, server tls.Certificate) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "vpce test CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(time.Hour),
		IsCA:                  true,
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leafTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "vpce test server"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:     dnsNames,
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, caCert, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	return caPEM, tls.Certificate{Certificate: [][]byte{leafDER}, PrivateKey: leafKey}
}

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// tlsSTS is a scripted server behind TLS with a certificate of the test CA.
func tlsSTS(t *testing.T, cert tls.Certificate) *scriptedServer {
	t.Helper()
	s := &scriptedServer{t: t, calls: map[string]int{}, fails: map[string]scriptedFailure{}}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	s.srv.StartTLS()
	t.Cleanup(s.srv.Close)
	return s
}

func TestNew_customCABundle(t *testing.T) {
	isolateEnv(t)
	caPEM, cert := testCA(t)
	srv := tlsSTS(t, cert)
	caFile := writeFile(t, "ca.pem", caPEM)
	cfg := srv.config()

	t.Run("system roots do not trust the test CA", func(t *testing.T) {
		_, err := New(testCtx(t), cfg)
		if err == nil || !strings.Contains(err.Error(), "certificate signed by unknown authority") {
			t.Errorf("error = %v, want an unknown-authority error", err)
		}
		if !strings.Contains(err.Error(), "exceeded maximum number of attempts, 1,") {
			t.Errorf("error = %v: an untrusted certificate must not be retried", err)
		}
	})
	t.Run("custom_ca_bundle", func(t *testing.T) {
		c := cfg
		c.CustomCABundle = caFile
		if _, err := New(testCtx(t), c); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("AWS_CA_BUNDLE", func(t *testing.T) {
		t.Setenv("AWS_CA_BUNDLE", caFile)
		if _, err := New(testCtx(t), cfg); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("custom_ca_bundle wins over AWS_CA_BUNDLE", func(t *testing.T) {
		t.Setenv("AWS_CA_BUNDLE", filepath.Join(t.TempDir(), "missing.pem"))
		c := cfg
		c.CustomCABundle = caFile
		if _, err := New(testCtx(t), c); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("not PEM", func(t *testing.T) {
		c := cfg
		c.CustomCABundle = writeFile(t, "ca.pem", []byte("not a certificate"))
		_, err := New(testCtx(t), c)
		if err == nil || !strings.Contains(err.Error(), "custom_ca_bundle") || !strings.Contains(err.Error(), "holds no PEM certificate") {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		t.Setenv("AWS_CA_BUNDLE", filepath.Join(t.TempDir(), "missing.pem"))
		_, err := New(testCtx(t), cfg)
		if err == nil || !strings.Contains(err.Error(), "reading the CA bundle of AWS_CA_BUNDLE") {
			t.Errorf("error = %v", err)
		}
	})
}

// countingProxy is an HTTP proxy that counts what it serves: absolute-URI requests (plain HTTP) and
// CONNECT tunnels (HTTPS). Every host it is asked for is served by target, so test endpoints can
// use names that do not resolve.
type countingProxy struct {
	srv     *httptest.Server
	target  string // host:port every request goes to
	mu      sync.Mutex
	seen    []string
	authHdr []string
}

func newCountingProxy(t *testing.T, target string) *countingProxy {
	t.Helper()
	p := &countingProxy{target: target}
	forward := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.Out.URL.Scheme = "http"
		r.Out.URL.Host = p.target
		r.Out.Host = r.In.Host
	}}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.seen = append(p.seen, r.Method+" "+r.Host)
		p.authHdr = append(p.authHdr, r.Header.Get("Proxy-Authorization"))
		p.mu.Unlock()
		if r.Method != http.MethodConnect {
			forward.ServeHTTP(w, r)
			return
		}
		upstream, err := net.Dial("tcp", p.target)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			_ = upstream.Close()
			return
		}
		_, _ = conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
		go func() { _, _ = io.Copy(upstream, conn); _ = upstream.Close() }()
		go func() { _, _ = io.Copy(conn, upstream); _ = conn.Close() }()
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *countingProxy) requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

func strPtr(s string) *string { return &s }

func TestNew_httpProxy(t *testing.T) {
	isolateEnv(t)
	backend := newScriptedServer(t)
	proxy := newCountingProxy(t, strings.TrimPrefix(backend.srv.URL, "http://"))
	cfg := backend.config()
	cfg.STSEndpoint = "http://sts.vpce.test"
	cfg.EC2Endpoint = "http://ec2.vpce.test"

	t.Run("http_proxy", func(t *testing.T) {
		c := cfg
		c.HTTPProxy = strPtr(proxy.srv.URL)
		if _, err := New(testCtx(t), c); err != nil {
			t.Fatal(err)
		}
		if got := proxy.requests(); len(got) != 1 || got[0] != "POST sts.vpce.test" {
			t.Errorf("proxy saw %q, want one POST for sts.vpce.test", got)
		}
	})
	t.Run("HTTP_PROXY with credentials", func(t *testing.T) {
		u, _ := url.Parse(proxy.srv.URL)
		u.User = url.UserPassword("puser", "psecret")
		t.Setenv("HTTP_PROXY", u.String())
		before := len(proxy.requests())
		if _, err := New(testCtx(t), cfg); err != nil {
			t.Fatal(err)
		}
		if got := proxy.requests(); len(got) != before+1 {
			t.Errorf("proxy saw %d requests, want %d", len(got), before+1)
		}
		proxy.mu.Lock()
		auth := proxy.authHdr[len(proxy.authHdr)-1]
		proxy.mu.Unlock()
		if !strings.HasPrefix(auth, "Basic ") {
			t.Errorf("Proxy-Authorization = %q, want the proxy URL's userinfo", auth)
		}
	})
}

func TestNew_httpsProxyWithCustomCA(t *testing.T) {
	isolateEnv(t)
	caPEM, cert := testCA(t, "sts.vpce.test")
	backend := tlsSTS(t, cert)
	hostPort := strings.TrimPrefix(backend.srv.URL, "https://")
	_, port, _ := net.SplitHostPort(hostPort)
	proxy := newCountingProxy(t, hostPort)
	cfg := backend.config()
	cfg.STSEndpoint = "https://sts.vpce.test:" + port
	cfg.CustomCABundle = writeFile(t, "ca.pem", caPEM)

	t.Setenv("HTTPS_PROXY", proxy.srv.URL)
	if _, err := New(testCtx(t), cfg); err != nil {
		t.Fatal(err)
	}
	if got := proxy.requests(); len(got) != 1 || got[0] != "CONNECT sts.vpce.test:"+port {
		t.Errorf("proxy saw %q, want one CONNECT to sts.vpce.test:%s", got, port)
	}
	if backend.count("GetCallerIdentity") != 1 {
		t.Errorf("backend GetCallerIdentity calls = %d", backend.count("GetCallerIdentity"))
	}
}

func TestProxySettings(t *testing.T) {
	t.Parallel()
	httpURL, _ := url.Parse("http://ec2.us-east-1.amazonaws.com/")
	httpsURL, _ := url.Parse("https://ec2.us-east-1.amazonaws.com/")
	internalURL, _ := url.Parse("https://sts.internal.example/")
	for name, tc := range map[string]struct {
		cfg       Config
		env       map[string]string
		http      string // proxy of httpURL ("" none)
		https     string
		internal  string
		wantError string
	}{
		"none":                        {},
		"environment":                 {env: map[string]string{"HTTP_PROXY": "http://envh:1", "HTTPS_PROXY": "http://envs:2"}, http: "http://envh:1", https: "http://envs:2", internal: "http://envs:2"},
		"lowercase environment":       {env: map[string]string{"http_proxy": "http://envh:1", "https_proxy": "http://envs:2"}, http: "http://envh:1", https: "http://envs:2", internal: "http://envs:2"},
		"http_proxy serves http only": {cfg: Config{HTTPProxy: strPtr("http://cfgh:3")}, http: "http://cfgh:3"},
		"arguments win":               {cfg: Config{HTTPProxy: strPtr("http://cfgh:3"), HTTPSProxy: strPtr("http://cfgs:4")}, env: map[string]string{"HTTP_PROXY": "http://envh:1", "HTTPS_PROXY": "http://envs:2"}, http: "http://cfgh:3", https: "http://cfgs:4", internal: "http://cfgs:4"},
		"empty argument turns it off": {cfg: Config{HTTPSProxy: strPtr("")}, env: map[string]string{"HTTPS_PROXY": "http://envs:2"}},
		"no_proxy":                    {cfg: Config{HTTPSProxy: strPtr("cfgs:4"), NoProxy: strPtr(".internal.example")}, https: "http://cfgs:4"},
		"NO_PROXY":                    {env: map[string]string{"HTTPS_PROXY": "http://envs:2", "NO_PROXY": "sts.internal.example"}, https: "http://envs:2"},
		"no_proxy argument wins":      {cfg: Config{NoProxy: strPtr("")}, env: map[string]string{"HTTPS_PROXY": "http://envs:2", "NO_PROXY": "sts.internal.example"}, https: "http://envs:2", internal: "http://envs:2"},
		"socks5":                      {cfg: Config{HTTPSProxy: strPtr("socks5://s:1080")}, https: "socks5://s:1080", internal: "socks5://s:1080"},
		"bad scheme":                  {cfg: Config{HTTPSProxy: strPtr("ftp://u:topsecret@p:21")}, wantError: `https_proxy "ftp://***@p:21": scheme "ftp"`},
		"bad URL":                     {cfg: Config{HTTPProxy: strPtr("http://u:top secret@p:bad")}, wantError: "http_proxy"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			pc, err := proxySettings(tc.cfg, func(k string) string { return tc.env[k] })
			if tc.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantError) || strings.Contains(err.Error(), "secret") {
					t.Errorf("error = %v, want %q without the password", err, tc.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			f := pc.ProxyFunc()
			for u, want := range map[*url.URL]string{httpURL: tc.http, httpsURL: tc.https, internalURL: tc.internal} {
				got, err := f(u)
				if err != nil {
					t.Fatal(err)
				}
				if s := ""; (got == nil && want != "") || (got != nil && got.String() != want) {
					if got != nil {
						s = got.String()
					}
					t.Errorf("proxy for %s = %q, want %q", u, s, want)
				}
			}
		})
	}
}

// imdsCounter counts the requests a fake metadata service got.
type imdsCounter struct {
	mu sync.Mutex
	n  int
}

func (c *imdsCounter) add() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *imdsCounter) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// fakeIMDS is an EC2 instance metadata service (IMDSv2) handing out role credentials.
func fakeIMDS(t *testing.T) (*httptest.Server, *imdsCounter) {
	t.Helper()
	calls := &imdsCounter{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.add()
		switch {
		case r.Method == http.MethodPut && r.URL.Path == "/latest/api/token":
			w.Header().Set("X-Aws-Ec2-Metadata-Token-Ttl-Seconds", "21600")
			_, _ = w.Write([]byte("imds-session"))
		case r.URL.Path == "/latest/meta-data/iam/security-credentials/":
			_, _ = w.Write([]byte("instance-role"))
		case r.URL.Path == "/latest/meta-data/iam/security-credentials/instance-role":
			_, _ = w.Write([]byte(`{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"ASIAIMDS","SecretAccessKey":"imdssecret",` +
				`"Token":"imdstoken","Expiration":"2099-01-01T00:00:00Z","LastUpdated":"2024-01-01T00:00:00Z"}`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, calls
}

func TestNew_skipMetadataAPICheck(t *testing.T) {
	yes, no := true, false
	for name, tc := range map[string]struct {
		skip     *bool
		disabled string // AWS_EC2_METADATA_DISABLED
		useIMDS  bool
	}{
		"unset: the metadata API is used":                    {useIMDS: true},
		"skip_metadata_api_check = true":                     {skip: &yes},
		"AWS_EC2_METADATA_DISABLED=true":                     {disabled: "true"},
		"skip_metadata_api_check = false wins over the env":  {skip: &no, disabled: "true", useIMDS: true},
		"skip_metadata_api_check = true wins over env false": {skip: &yes, disabled: "false"},
	} {
		t.Run(name, func(t *testing.T) {
			isolateEnv(t)
			imds, calls := fakeIMDS(t)
			t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.URL)
			t.Setenv("AWS_EC2_METADATA_DISABLED", tc.disabled)
			sts := newScriptedServer(t)
			var auth string
			sts.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				auth = r.Header.Get("Authorization")
				sts.serve(w, r)
			})
			_, err := New(testCtx(t), Config{Region: "us-east-1", STSEndpoint: sts.srv.URL, SkipMetadataAPICheck: tc.skip,
				MaxRetries: intPtr(0), retryBackoff: noBackoff})
			if tc.useIMDS {
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(auth, "Credential=ASIAIMDS/") {
					t.Errorf("GetCallerIdentity signed with %q, want the instance role's key", auth)
				}
				return
			}
			if err == nil {
				t.Fatal("want an error: no credentials without the metadata API")
			}
			if n := calls.total(); n != 0 {
				t.Errorf("metadata API called %d times, want 0", n)
			}
		})
	}
}
