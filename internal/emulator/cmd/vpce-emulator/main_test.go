package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

func TestParseFlags_faults(t *testing.T) {
	t.Parallel()
	c, err := parseFlags([]string{"-addr", "127.0.0.1:4566", "-throttle-rate", "0.3", "-error-rate", "0.1", "-error-code", "RequestLimitExceeded",
		"-drop-rate", "0.2", "-slow-answer", "3s", "-slow-rate", "0.5", "-fault-seed", "42",
		"-fault", "ModifyVpcEndpoint:throttle-rate=0.2,error-rate=0.3,error-code=InternalError", "-fault", "GetCallerIdentity:error-rate=0",
		"-fail-next-endpoint", "InsufficientCapacity:There is not enough capacity.", "-fail-endpoints", "2",
		"-consistency-window", "2m", "-scale-consistency-window", "-time-scale", "0.02"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	want := emulator.Faults{Seed: 42,
		All: emulator.ActionFaults{ThrottleRate: 0.3, ErrorRate: 0.1, ErrorCode: "RequestLimitExceeded", DropRate: 0.2, SlowAnswer: 3 * time.Second, SlowRate: 0.5},
		Actions: map[string]emulator.ActionFaults{
			"ModifyVpcEndpoint": {ThrottleRate: 0.2, ErrorRate: 0.3, ErrorCode: "InternalError"},
			"GetCallerIdentity": {},
		}}
	got := c.opts.Faults
	if got.Seed != want.Seed || got.All != want.All || len(got.Actions) != 2 ||
		got.Actions["ModifyVpcEndpoint"] != want.Actions["ModifyVpcEndpoint"] || got.Actions["GetCallerIdentity"] != want.Actions["GetCallerIdentity"] {
		t.Fatalf("%+v", got)
	}
	if c.opts.Addr != "127.0.0.1:4566" || c.opts.ConsistencyWindow != 2*time.Minute || !c.opts.ScaleConsistencyWindow || c.opts.TimeScale != 0.02 ||
		c.opts.FailEndpoints != (emulator.EndpointFailure{Code: "InsufficientCapacity", Message: "There is not enough capacity.", Count: 2}) {
		t.Fatalf("%+v", c.opts)
	}
}

func TestParseFlags_errors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"-error-rate", "1.5"},
		{"-drop-rate", "-0.1"},
		{"-throttle-rate", "1.1"},
		{"-fault", "ModifyVpcEndpoint"},
		{"-fault", "ModifyVpcEndpoint:speed=1"},
		{"-fail-next-endpoint", "no colon"},
		{"stray"},
	} {
		if _, err := parseFlags(args, &bytes.Buffer{}); err == nil {
			t.Errorf("%q accepted", args)
		}
	}
}

// TestParseFlags_help checks that -h documents every flag.
func TestParseFlags_help(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	_, err := parseFlags([]string{"-h"}, &out)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatal(err)
	}
	help := out.String()
	for _, name := range []string{"addr", "region", "seed", "seed-file", "url-file", "admin-addr", "time-scale", "pending", "deleting",
		"deleted-retention", "dns-reservation", "latency", "consistency-window", "scale-consistency-window", "throttle-rate", "throttle", "throttle-burst", "error-rate",
		"error-code", "drop-rate", "slow-answer", "slow-rate", "fault-seed", "fault", "fail-next-endpoint", "fail-endpoints", "v"} {
		if !strings.Contains(help, "\n  -"+name+" ") && !strings.Contains(help, "\n  -"+name+"\t") && !strings.Contains(help, "\n  -"+name+"\n") {
			t.Errorf("-h does not document -%s", name)
		}
	}
	if !strings.Contains(help, "Fault knobs") {
		t.Error("-h does not explain the fault knobs")
	}
}

func TestServeAdmin(t *testing.T) {
	t.Parallel()
	srv := emulator.New(emulator.Options{})
	url, err := srv.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	admin, stop, err := serveAdmin("127.0.0.1:0", srv)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	// One unsigned call: counted (every request that names an action is), then refused.
	resp, err := http.Post(url, "application/x-www-form-urlencoded", strings.NewReader("Action=DescribeVpcs&Version=2016-11-15"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	counts := func() map[string]int {
		t.Helper()
		resp, err := http.Get(admin + "/calls")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]int
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	if got := counts(); got["DescribeVpcs"] != 1 || len(got) != 1 {
		t.Fatalf("counts %v, want DescribeVpcs=1", got)
	}
	resp, err = http.Post(admin+"/calls/reset", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("reset: %s", resp.Status)
	}
	if got := counts(); len(got) != 0 {
		t.Fatalf("counts after reset %v", got)
	}
}
