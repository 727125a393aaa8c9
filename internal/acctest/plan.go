package acctest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/vpce-dev/terraform-provider-vpce/internal/provider"
)

// Diagnostic is one diagnostic of a `terraform plan -json` run.
type Diagnostic struct {
	Severity string // "error" or "warning"
	Summary  string
	Detail   string
	Address  string // the resource it is about, when Terraform says
}

// PlanDiagnostics runs `terraform init` and `terraform plan -json` on config with the acceptance
// tests' Terraform CLI and an in-process provider pointed at the target, and returns every diagnostic
// of the plan. terraform-plugin-testing does not expose warnings; the planner's warnings are tested
// through this. The plan's exit status is not an error: its diagnostics say what happened.
func (tg *Target) PlanDiagnostics(t *testing.T, config string) []Diagnostic {
	t.Helper()
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Skip("no Terraform CLI: set TF_ACC_TERRAFORM_PATH")
		}
	}
	dir := t.TempDir()
	main := "terraform {\n  required_providers {\n    vpce = {\n      source = \"vpce-dev/vpce\"\n    }\n  }\n}\n" + config
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o600); err != nil {
		t.Fatal(err)
	}

	reattach := tg.serveProvider(t)
	env := append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	run := func(args ...string) ([]byte, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, tf, args...)
		cmd.Dir, cmd.Env = dir, env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			err = fmt.Errorf("%w: %s", err, stderr.String())
		}
		return out, err
	}
	if out, err := run("init", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform init: %s\n%s", err, out)
	}
	out, _ := run("plan", "-json", "-input=false", "-lock=false")
	var diags []Diagnostic
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var line struct {
			Type       string `json:"type"`
			Diagnostic struct {
				Severity string `json:"severity"`
				Summary  string `json:"summary"`
				Detail   string `json:"detail"`
				Address  string `json:"address"`
			} `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &line) != nil || line.Type != "diagnostic" {
			continue
		}
		d := line.Diagnostic
		diags = append(diags, Diagnostic{Severity: d.Severity, Summary: d.Summary, Detail: d.Detail, Address: d.Address})
	}
	return diags
}

// serveProvider serves the provider in-process for the rest of the test and returns the
// TF_REATTACH_PROVIDERS value that points Terraform at it.
func (tg *Target) serveProvider(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattachCh := make(chan *plugin.ReattachConfig, 1)
	closeCh := make(chan struct{})
	server := providerserver.NewProtocol6(provider.NewWithDefaults("test", tg.defaults)())
	go func() {
		_ = tf6server.Serve(provider.RegistryAddress, server,
			tf6server.WithDebug(ctx, reattachCh, closeCh),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithoutLogStderrOverride())
	}()
	var rc *plugin.ReattachConfig
	select {
	case rc = <-reattachCh:
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("the in-process provider did not start")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-closeCh:
		case <-time.After(10 * time.Second):
		}
	})
	host := "registry.terraform.io"
	if h := os.Getenv("TF_ACC_PROVIDER_HOST"); h != "" {
		host = h
	}
	type addr struct{ Network, String string }
	b, err := json.Marshal(map[string]any{
		host + "/vpce-dev/vpce": map[string]any{
			"Protocol":        string(rc.Protocol),
			"ProtocolVersion": rc.ProtocolVersion,
			"Pid":             rc.Pid,
			"Test":            true,
			"Addr":            addr{Network: rc.Addr.Network(), String: rc.Addr.String()},
		},
	})
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
