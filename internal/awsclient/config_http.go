package awsclient

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"golang.org/x/net/http/httpproxy"
)

// proxySettings resolves http_proxy, https_proxy and no_proxy: a provider argument (even "", which
// means "no proxy") wins over HTTP_PROXY / http_proxy, HTTPS_PROXY / https_proxy and NO_PROXY /
// no_proxy, read in that order as Go's net/http does. Each proxy serves its own scheme only:
// http_proxy is not used for the HTTPS requests AWS endpoints receive.
func proxySettings(cfg Config, getenv func(string) string) (*httpproxy.Config, error) {
	env := func(names ...string) string {
		for _, n := range names {
			if v := getenv(n); v != "" {
				return v
			}
		}
		return ""
	}
	pc := &httpproxy.Config{
		HTTPProxy:  env("HTTP_PROXY", "http_proxy"),
		HTTPSProxy: env("HTTPS_PROXY", "https_proxy"),
		NoProxy:    env("NO_PROXY", "no_proxy"),
		CGI:        getenv("REQUEST_METHOD") != "",
	}
	if cfg.HTTPProxy != nil {
		pc.HTTPProxy = *cfg.HTTPProxy
	}
	if cfg.HTTPSProxy != nil {
		pc.HTTPSProxy = *cfg.HTTPSProxy
	}
	if cfg.NoProxy != nil {
		pc.NoProxy = *cfg.NoProxy
	}
	for name, v := range map[string]string{"http_proxy": pc.HTTPProxy, "https_proxy": pc.HTTPSProxy} {
		if err := checkProxyURL(v); err != nil {
			return nil, fmt.Errorf("%s %q: %w", name, RedactURL(v), err)
		}
	}
	return pc, nil
}

// checkProxyURL accepts what net/http accepts: a URL with scheme http, https or socks5, or a bare
// host:port (read as http://host:port).
func checkProxyURL(s string) error {
	if s == "" {
		return nil
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		// The *url.Error quotes the whole URL, password included: keep only the reason.
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return fmt.Errorf("not a URL: %w", err)
	}
	switch u.Scheme {
	case "http", "https", "socks5", "socks5h":
	default:
		return fmt.Errorf("scheme %q is not one of http, https, socks5", u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("no host")
	}
	return nil
}

// newHTTPClient is the SDK's buildable HTTP client with the resolved proxy settings. The SDK adds
// the custom CA bundle to it (see caBundle).
func newHTTPClient(pc *httpproxy.Config) *awshttp.BuildableClient {
	proxy := pc.ProxyFunc()
	return awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		tr.Proxy = func(req *http.Request) (*url.URL, error) { return proxy(req.URL) }
	})
}

// caBundle reads custom_ca_bundle, else AWS_CA_BUNDLE, and checks that it holds at least one PEM
// certificate (the SDK silently ignores a bundle it cannot parse). The certificates replace the
// system's roots for AWS calls. nil when neither is set (the profile's ca_bundle may still apply).
func caBundle(cfg Config, getenv func(string) string) (io.Reader, error) {
	path, source := cfg.CustomCABundle, "custom_ca_bundle"
	if path == "" {
		path, source = getenv("AWS_CA_BUNDLE"), "AWS_CA_BUNDLE"
	}
	if path == "" {
		return nil, nil
	}
	path = expandHome(path)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the CA bundle of %s: %w", source, err)
	}
	if !x509.NewCertPool().AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("the CA bundle of %s (%s) holds no PEM certificate", source, path)
	}
	return bytes.NewReader(b), nil
}

// expandHome expands a leading ~/ to the user's home directory, as the aws provider does for file
// arguments.
func expandHome(path string) string {
	if path != "~" && !strings.HasPrefix(path, "~/") {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return path
	}
	return filepath.Join(home, strings.TrimPrefix(path, "~"))
}
