package acctest

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Diagnostic is one diagnostic of a `terraform plan -json` run.
type Diagnostic struct {
	Severity string // "error" or "warning"
	Summary  string
	Detail   string
	Address  string // the resource it is about, when Terraform says
	Source   string // the configuration line(s) it points at (the snippet's code), when it points at any
}

// PlanDiagnostics runs `terraform init` and `terraform plan -json` on config with the acceptance
// tests' Terraform CLI and an in-process provider pointed at the target, and returns every diagnostic
// of the plan. terraform-plugin-testing does not expose warnings; the planner's warnings are tested
// through this. The plan's exit status is not an error: its diagnostics say what happened.
func (tg *Target) PlanDiagnostics(t *testing.T, config string) []Diagnostic {
	t.Helper()
	w := tg.NewWorkdir(t)
	w.SetConfig(config)
	return w.Plan("").Diagnostics
}

// reattachValue serves each provider (by namespace/type) in-process for the rest of the test and
// returns the TF_REATTACH_PROVIDERS value that points Terraform at them.
func reattachValue(t *testing.T, servers map[string]func() tfprotov6.ProviderServer) string {
	t.Helper()
	host := "registry.terraform.io"
	if h := os.Getenv("TF_ACC_PROVIDER_HOST"); h != "" {
		host = h
	}
	type addr struct{ Network, String string }
	all := map[string]any{}
	for name, server := range servers {
		ctx, cancel := context.WithCancel(context.Background())
		reattachCh := make(chan *plugin.ReattachConfig, 1)
		closeCh := make(chan struct{})
		go func() {
			_ = tf6server.Serve(host+"/"+name, server,
				tf6server.WithDebug(ctx, reattachCh, closeCh),
				tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
				tf6server.WithoutLogStderrOverride())
		}()
		var rc *plugin.ReattachConfig
		select {
		case rc = <-reattachCh:
		case <-time.After(30 * time.Second):
			cancel()
			t.Fatalf("the in-process provider %s did not start", name)
		}
		t.Cleanup(func() {
			cancel()
			select {
			case <-closeCh:
			case <-time.After(10 * time.Second):
			}
		})
		all[host+"/"+name] = map[string]any{
			"Protocol":        string(rc.Protocol),
			"ProtocolVersion": rc.ProtocolVersion,
			"Pid":             rc.Pid,
			"Test":            true,
			"Addr":            addr{Network: rc.Addr.Network(), String: rc.Addr.String()},
		}
	}
	b, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// HasDiagnostic reports whether diags holds one of severity whose summary and detail contain every
// fragment.
func HasDiagnostic(diags []Diagnostic, severity string, fragments ...string) bool {
	for _, d := range diags {
		if d.Severity != severity {
			continue
		}
		text := d.Summary + "\n" + d.Detail
		ok := true
		for _, f := range fragments {
			if !strings.Contains(text, f) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
