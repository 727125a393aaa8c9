// Command vpce-emulator runs the local EC2/STS API of package emulator.
//
//	go run ./internal/emulator/cmd/vpce-emulator -seed demo
//
// It prints the endpoint URL and the environment to use, writes the seeded network ids as JSON,
// prints "READY <url>" once listening, and stops on SIGINT or SIGTERM. -h lists every flag,
// including the fault knobs (random errors, dropped answers, slow answers, failed endpoints).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vpce-emulator:", err)
		os.Exit(2)
	}
	if err := run(cfg); err != nil {
		log.Fatal(err)
	}
}

// config is what the flags ask for.
type config struct {
	opts     emulator.Options
	region   string
	seedKind string
	seedFile string
	urlFile  string
	admin    string // listen address of the counters endpoint; "" = none
}

const usageHeader = `vpce-emulator runs the local EC2 API (EC2 Query protocol and STS GetCallerIdentity on one URL).

Usage: vpce-emulator [flags]

Credentials test/test (account 123456789012) and other/other (account 210987654321).

Fault knobs, for testing retries (rates are probabilities from 0 to 1; draws are seeded by
-fault-seed, so a run sending the same requests in the same order meets the same faults):
  -throttle-rate              throttle calls (RequestLimitExceeded) before they run
  -error-rate / -error-code   fail calls before they run (nothing is committed)
  -drop-rate                  commit mutating calls, then close the connection unanswered
  -slow-answer / -slow-rate   answer late, after the change is committed
  -fault ACTION:key=value,…   the same knobs for one action, replacing the ones above for it
                              (keys throttle-rate, error-rate, error-code, drop-rate,
                              slow-answer, slow-rate;
                              "-fault GetCallerIdentity:error-rate=0" exempts an action)
  -fail-next-endpoint         the next endpoints created end in "failed" with this LastError
  -latency, -throttle         delay every call before it runs; token-bucket RequestLimitExceeded

Call counters: -admin-addr serves GET /calls (the calls served, by action, as JSON) and POST
/calls/reset (zeroes them) on a listener of its own, for benchmarks run from another process.

Flags:
`

// parseFlags turns the command line into a config; -h prints the usage to out and returns
// flag.ErrHelp.
func parseFlags(args []string, out io.Writer) (config, error) {
	fs := flag.NewFlagSet("vpce-emulator", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprint(out, usageHeader)
		fs.PrintDefaults()
	}
	var c config
	addr := fs.String("addr", "127.0.0.1:0", "listen address (port 0: a free port, printed)")
	fs.StringVar(&c.region, "region", emulator.DefaultRegion, "region for -seed")
	fs.StringVar(&c.seedKind, "seed", "", `seed data to create: "" or "demo" (a VPC, three subnets, two route tables, a security group)`)
	fs.StringVar(&c.seedFile, "seed-file", filepath.Join(os.TempDir(), "vpce-emulator-seed.json"), "where to write the seeded network ids (JSON)")
	fs.StringVar(&c.urlFile, "url-file", "", "write the URL to this file when ready")
	fs.StringVar(&c.admin, "admin-addr", "", "listen address of the call counters (GET /calls: JSON counts by action; POST /calls/reset zeroes them); \"\": off")
	timeScale := fs.Float64("time-scale", 1, "multiplies every simulated duration (0.01: endpoints available in 10 ms)")
	pending := fs.Duration("pending", time.Second, "endpoint pending → available")
	deleting := fs.Duration("deleting", time.Second, "endpoint deleting → deleted")
	retention := fs.Duration("deleted-retention", 2*time.Second, "how long deleted endpoints are still described")
	dnsWindow := fs.Duration("dns-reservation", 2*time.Second, "private DNS reservation after delete")
	latency := fs.Duration("latency", 0, "added to every call, before it runs")
	consistency := fs.Duration("consistency-window", 0, "new endpoints are NotFound in DescribeVpcEndpoints for this long")
	scaleConsistency := fs.Bool("scale-consistency-window", false, "multiply -consistency-window by -time-scale like the other durations")
	throttle := fs.Float64("throttle", 0, "requests per second before RequestLimitExceeded (0: off)")
	burst := fs.Int("throttle-burst", 10, "token bucket burst")
	throttleRate := fs.Float64("throttle-rate", 0, "fraction of calls (every action) throttled with RequestLimitExceeded before they run (random, unlike -throttle)")
	errorRate := fs.Float64("error-rate", 0, "fraction of calls (every action) failing with -error-code before they run")
	errorCode := fs.String("error-code", "InternalError", "error code of -error-rate: InternalError (HTTP 500), RequestLimitExceeded or Unavailable (503), any other (400)")
	dropRate := fs.Float64("drop-rate", 0, "fraction of successful mutating calls committed and then left unanswered (connection closed)")
	slowAnswer := fs.Duration("slow-answer", 0, "delay of an answer after the call is committed")
	slowRate := fs.Float64("slow-rate", 0, "fraction of calls answered after -slow-answer (0 with -slow-answer set: every call)")
	faultSeed := fs.Int64("fault-seed", 1, "seed of the fault draws")
	var perAction actionFaultsFlag
	fs.Var(&perAction, "fault", "per-action faults `ACTION:key=value,…` (repeatable), e.g. ModifyVpcEndpoint:error-rate=0.3,error-code=RequestLimitExceeded")
	failNext := fs.String("fail-next-endpoint", "", "`CODE:MESSAGE`: the next endpoints created land in \"failed\" with this LastError")
	failCount := fs.Int("fail-endpoints", 1, "how many endpoints -fail-next-endpoint fails")
	verbose := fs.Bool("v", false, "log every request")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	for name, r := range map[string]float64{"throttle-rate": *throttleRate, "error-rate": *errorRate, "drop-rate": *dropRate, "slow-rate": *slowRate} {
		if r < 0 || r > 1 {
			return c, fmt.Errorf("-%s %v: want a number between 0 and 1", name, r)
		}
	}
	c.opts = emulator.Options{
		Addr: *addr, TimeScale: *timeScale, PendingDuration: *pending, DeletingDuration: *deleting,
		DeletedRetention: *retention, DNSReservationWindow: *dnsWindow, Latency: *latency,
		ConsistencyWindow: *consistency, ScaleConsistencyWindow: *scaleConsistency, ThrottleRate: *throttle, ThrottleBurst: *burst,
		Faults: emulator.Faults{Seed: *faultSeed, Actions: perAction.m,
			All: emulator.ActionFaults{ThrottleRate: *throttleRate, ErrorRate: *errorRate, ErrorCode: *errorCode, DropRate: *dropRate, SlowAnswer: *slowAnswer, SlowRate: *slowRate}},
	}
	if *failNext != "" {
		code, msg, ok := strings.Cut(*failNext, ":")
		if !ok || code == "" {
			return c, fmt.Errorf("-fail-next-endpoint %q: want CODE:MESSAGE", *failNext)
		}
		c.opts.FailEndpoints = emulator.EndpointFailure{Code: code, Message: msg, Count: *failCount}
	}
	if *verbose {
		c.opts.Logf = log.Printf
	}
	return c, nil
}

// actionFaultsFlag collects repeated -fault flags.
type actionFaultsFlag struct {
	m     map[string]emulator.ActionFaults
	specs []string
}

func (f *actionFaultsFlag) String() string { return strings.Join(f.specs, " ") }

func (f *actionFaultsFlag) Set(spec string) error {
	action, af, err := emulator.ParseActionFaults(spec)
	if err != nil {
		return err
	}
	if f.m == nil {
		f.m = map[string]emulator.ActionFaults{}
	}
	f.m[action] = af
	f.specs = append(f.specs, spec)
	return nil
}

func run(c config) error {
	srv := emulator.New(c.opts)
	url, err := srv.Start()
	if err != nil {
		return err
	}
	defer srv.Close()

	fmt.Printf("EC2/STS endpoint: %s\n", url)
	fmt.Printf("export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_REGION=%s AWS_ENDPOINT_URL_EC2=%s AWS_ENDPOINT_URL_STS=%s\n",
		emulator.DefaultAccessKeyID, emulator.DefaultSecretAccessKey, c.region, url, url)

	if c.seedKind != "" {
		if c.seedKind != "demo" {
			return fmt.Errorf("unknown -seed %q (want demo)", c.seedKind)
		}
		// The seed goes in before the fault knobs apply: it must not meet them.
		faults, failing := c.opts.Faults, c.opts.FailEndpoints
		srv.SetFaults(emulator.Faults{})
		srv.SetEndpointFailure(emulator.EndpointFailure{})
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		conn := ec2.New(ec2.Options{
			Region:       c.region,
			BaseEndpoint: aws.String(url),
			Credentials:  credentials.NewStaticCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultSecretAccessKey, ""),
		})
		n, err := seed.Demo(ctx, conn, "demo")
		if err != nil {
			return fmt.Errorf("seeding demo network: %w", err)
		}
		b, err := json.MarshalIndent(n, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(c.seedFile, append(b, '\n'), 0o600); err != nil {
			return fmt.Errorf("writing seed file: %w", err)
		}
		fmt.Printf("seed ids written to %s\n", c.seedFile)
		srv.SetFaults(faults)
		srv.SetEndpointFailure(failing)
		srv.ResetCalls()
	}
	if c.admin != "" {
		adminURL, stop, err := serveAdmin(c.admin, srv)
		if err != nil {
			return err
		}
		defer stop()
		fmt.Printf("ADMIN %s\n", adminURL)
	}
	if c.urlFile != "" {
		if err := os.WriteFile(c.urlFile, []byte(url+"\n"), 0o600); err != nil {
			return fmt.Errorf("writing URL file: %w", err)
		}
	}
	fmt.Printf("READY %s\n", url)

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	<-sig
	fmt.Println("stopping")
	return nil
}

// serveAdmin serves the server's call counters on addr: GET /calls answers the counts by action as a
// JSON object, POST /calls/reset zeroes them (and the fault counters). It returns the base URL.
func serveAdmin(addr string, srv *emulator.Server) (string, func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("listening on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /calls", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(srv.CallCounts())
	})
	mux.HandleFunc("POST /calls/reset", func(w http.ResponseWriter, _ *http.Request) {
		srv.ResetCalls()
		w.WriteHeader(http.StatusNoContent)
	})
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = hs.Close() }, nil
}
