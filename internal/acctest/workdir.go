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
	"syscall"
	"testing"
	"time"

	providerfw "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/vpce-dev/terraform-provider-vpce/internal/provider"
)

// Workdir is a Terraform working directory driven step by step with the acceptance tests' CLI and an
// in-process provider pointed at the target: init once, then plan, apply and destroy with `-json`, so
// that a test sees every diagnostic (warnings included, which terraform-plugin-testing hides) and every
// planned change. The state lives in the directory between steps.
type Workdir struct {
	t      *testing.T
	Dir    string
	tf     string
	env    []string
	inited bool
}

// Change is one planned change of a `terraform plan -json` run.
type Change struct {
	Address string // vpce_interface_endpoint.test
	Action  string // create, update, delete, replace, read, noop, move, remove, import
}

// Result is what one `-json` command reported.
type Result struct {
	Diagnostics []Diagnostic
	Changes     []Change // plan: the planned changes (no-op changes are not listed)
	Err         error    // the command's exit error; nil on success (exit 0, or 2 for a plan with changes)
	Output      string   // the raw JSON lines, for failure messages
}

// HasChanges reports whether the plan has any change.
func (r Result) HasChanges() bool { return len(r.Changes) > 0 }

// Warnings returns the warning diagnostics.
func (r Result) Warnings() []Diagnostic {
	var out []Diagnostic
	for _, d := range r.Diagnostics {
		if d.Severity == "warning" {
			out = append(out, d)
		}
	}
	return out
}

// Errors returns the error diagnostics.
func (r Result) Errors() []Diagnostic {
	var out []Diagnostic
	for _, d := range r.Diagnostics {
		if d.Severity == "error" {
			out = append(out, d)
		}
	}
	return out
}

// NewWorkdir returns an empty working directory whose commands reach an in-process provider serving
// for the rest of the test.
func (tg *Target) NewWorkdir(t *testing.T) *Workdir {
	t.Helper()
	return tg.newWorkdir(t, nil)
}

// NewWorkdirWithAWSStandIn is NewWorkdir with a stand-in for the `aws` provider (hashicorp/aws)
// served beside this one: it knows the schemas of aws_vpc_endpoint and its three association
// resources, enough for Terraform to load a state the `aws` provider wrote and move it with `moved`
// blocks; it manages nothing (see StandInAWS).
func (tg *Target) NewWorkdirWithAWSStandIn(t *testing.T) *Workdir {
	t.Helper()
	return tg.newWorkdir(t, map[string]func() tfprotov6.ProviderServer{"hashicorp/aws": providerserver.NewProtocol6(StandInAWS())})
}

// NewWorkdirServing is NewWorkdir with one more provider (namespace/type, e.g. "example/minimal")
// served in-process beside this one.
func (tg *Target) NewWorkdirServing(t *testing.T, name string, server func() tfprotov6.ProviderServer) *Workdir {
	t.Helper()
	return tg.newWorkdir(t, map[string]func() tfprotov6.ProviderServer{name: server})
}

// ProviderServerFor serves a terraform-plugin-framework provider (protocol 6).
func ProviderServerFor(p providerfw.Provider) func() tfprotov6.ProviderServer {
	return providerserver.NewProtocol6(p)
}

func (tg *Target) newWorkdir(t *testing.T, extra map[string]func() tfprotov6.ProviderServer) *Workdir {
	t.Helper()
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Skip("no Terraform CLI: set TF_ACC_TERRAFORM_PATH")
		}
	}
	servers := map[string]func() tfprotov6.ProviderServer{
		"vpce-dev/vpce": provider.NewServer(provider.NewWithDefaults("test", tg.defaults)),
	}
	for name, s := range extra {
		servers[name] = s
	}
	reattach := reattachValue(t, servers)
	env := append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	w := &Workdir{t: t, Dir: t.TempDir(), tf: tf, env: env}
	// Whatever a failed test left in the directory's state is destroyed before the test's network
	// (registered earlier, so cleaned up later).
	t.Cleanup(func() {
		if _, err := os.Stat(filepath.Join(w.Dir, "terraform.tfstate")); err != nil || !w.inited {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		if out, err := w.run(ctx, "destroy", "-input=false", "-lock=false", "-auto-approve", "-no-color"); err != nil {
			t.Logf("cleanup: %s\n%s", err, out)
		}
	})
	return w
}

// SetConfig writes the configuration (without the terraform block, which is added).
func (w *Workdir) SetConfig(config string) {
	w.t.Helper()
	main := "terraform {\n  required_providers {\n    vpce = {\n      source = \"vpce-dev/vpce\"\n    }\n  }\n}\n" + config
	if err := os.WriteFile(filepath.Join(w.Dir, "main.tf"), []byte(main), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// run runs one Terraform command in the directory; stdout is returned, stderr folded into the error.
func (w *Workdir) run(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, w.tf, args...)
	cmd.Dir, cmd.Env = w.Dir, w.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		err = fmt.Errorf("terraform %s: %w: %s", args[0], err, stderr.String())
	}
	return out, err
}

func (w *Workdir) init() {
	w.t.Helper()
	if w.inited {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if out, err := w.run(ctx, "init", "-input=false", "-no-color"); err != nil {
		w.t.Fatalf("%s\n%s", err, out)
	}
	w.inited = true
}

// Plan runs `terraform plan -json` (with -out=planFile when planFile is not "").
func (w *Workdir) Plan(planFile string) Result {
	w.t.Helper()
	args := []string{"plan", "-json", "-input=false", "-lock=false", "-detailed-exitcode"}
	if planFile != "" {
		args = append(args, "-out="+planFile)
	}
	return w.command(args...)
}

// Apply runs `terraform apply -json -auto-approve`, of planFile when it is not "".
func (w *Workdir) Apply(planFile string) Result {
	w.t.Helper()
	args := []string{"apply", "-json", "-input=false", "-lock=false", "-auto-approve"}
	if planFile != "" {
		args = append(args, planFile)
	}
	return w.command(args...)
}

// Destroy runs `terraform destroy -json -auto-approve`.
func (w *Workdir) Destroy() Result {
	w.t.Helper()
	return w.command("destroy", "-json", "-input=false", "-lock=false", "-auto-approve")
}

// Interrupt starts `terraform apply -json -auto-approve`, sends it SIGINT (Ctrl-C) when interrupt
// returns, and waits for it to stop; the Result is what it reported.
func (w *Workdir) Interrupt(interrupt func()) Result {
	w.t.Helper()
	w.init()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, w.tf, "apply", "-json", "-input=false", "-lock=false", "-auto-approve")
	cmd.Dir, cmd.Env = w.Dir, w.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	interrupt()
	_ = cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	if err != nil {
		err = fmt.Errorf("terraform apply: %w: %s", err, stderr.String())
	}
	r := parseJSONLines(stdout.Bytes())
	r.Err = err
	return r
}

// command runs one `-json` command and parses what it reported. A plan's exit status 2 (changes
// present, with -detailed-exitcode) is success.
func (w *Workdir) command(args ...string) Result {
	w.t.Helper()
	w.init()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	out, err := w.run(ctx, args...)
	if ee, ok := asExitError(err); ok && args[0] == "plan" && ee.ExitCode() == 2 {
		err = nil
	}
	r := parseJSONLines(out)
	r.Err = err
	return r
}

func asExitError(err error) (*exec.ExitError, bool) {
	for err != nil {
		if ee, ok := err.(*exec.ExitError); ok { //nolint:errorlint // walking the chain by hand
			return ee, true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return nil, false
		}
		err = u.Unwrap()
	}
	return nil, false
}

// parseJSONLines reads Terraform's machine-readable UI output.
func parseJSONLines(out []byte) Result {
	var r Result
	r.Output = string(out)
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
				Snippet  *struct {
					Code string `json:"code"`
				} `json:"snippet"`
			} `json:"diagnostic"`
			Change struct {
				Resource struct {
					Addr string `json:"addr"`
				} `json:"resource"`
				Action string `json:"action"`
			} `json:"change"`
		}
		if json.Unmarshal(sc.Bytes(), &line) != nil {
			continue
		}
		switch line.Type {
		case "diagnostic":
			d := line.Diagnostic
			diag := Diagnostic{Severity: d.Severity, Summary: d.Summary, Detail: d.Detail, Address: d.Address}
			if d.Snippet != nil {
				diag.Source = d.Snippet.Code
			}
			r.Diagnostics = append(r.Diagnostics, diag)
		case "planned_change":
			if line.Change.Action != "noop" {
				r.Changes = append(r.Changes, Change{Address: line.Change.Resource.Addr, Action: line.Change.Action})
			}
		}
	}
	return r
}

// String renders diagnostics for failure messages.
func (d Diagnostic) String() string {
	s := d.Severity + ": " + d.Summary
	if d.Address != "" {
		s += " (" + d.Address + ")"
	}
	if d.Detail != "" {
		s += ": " + strings.ReplaceAll(d.Detail, "\n", " ")
	}
	return s
}

// StateInstance is one resource instance object of the working directory's state.
type StateInstance struct {
	Address string // vpce_gateway_endpoint.gw["v0-s3"], with its module path
	ID      string // the id attribute
	Tainted bool
	Deposed string // the deposed key of an object replaced but not yet destroyed; "" for the current one
}

// State reads the working directory's state file (terraform.tfstate, format version 4, the same for
// Terraform and OpenTofu) and returns its managed resource instances; none when there is no state.
func (w *Workdir) State() []StateInstance {
	w.t.Helper()
	b, err := os.ReadFile(filepath.Join(w.Dir, "terraform.tfstate"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		w.t.Fatal(err)
	}
	var st struct {
		Version   int `json:"version"`
		Resources []struct {
			Module    string `json:"module"`
			Mode      string `json:"mode"`
			Type      string `json:"type"`
			Name      string `json:"name"`
			Instances []struct {
				IndexKey   json.RawMessage `json:"index_key"`
				Status     string          `json:"status"`
				Deposed    string          `json:"deposed"`
				Attributes struct {
					ID string `json:"id"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &st); err != nil {
		w.t.Fatalf("reading the state: %s", err)
	}
	if st.Version != 4 {
		w.t.Fatalf("state format version %d, want 4", st.Version)
	}
	var out []StateInstance
	for _, r := range st.Resources {
		if r.Mode != "managed" {
			continue
		}
		addr := r.Type + "." + r.Name
		if r.Module != "" {
			addr = r.Module + "." + addr
		}
		for _, in := range r.Instances {
			a := addr
			if len(in.IndexKey) > 0 {
				a += "[" + string(in.IndexKey) + "]" // a JSON string or number, as Terraform writes keys
			}
			out = append(out, StateInstance{Address: a, ID: in.Attributes.ID, Tainted: in.Status == "tainted", Deposed: in.Deposed})
		}
	}
	return out
}

// CLIVersion returns the version of the directory's CLI (Terraform or OpenTofu), as "1.11.4", and
// whether it is OpenTofu.
func (w *Workdir) CLIVersion() (version string, tofu bool) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := w.run(ctx, "version", "-json")
	if err != nil {
		w.t.Fatal(err)
	}
	var v struct {
		TerraformVersion string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		w.t.Fatalf("terraform version -json: %s: %s", err, out)
	}
	return v.TerraformVersion, strings.Contains(strings.ToLower(w.tf), "tofu") || strings.Contains(string(out), "opentofu")
}

// WriteState writes terraform.tfstate in the directory (a state another tool wrote, to start from).
func (w *Workdir) WriteState(state []byte) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.Dir, "terraform.tfstate"), state, 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// ShowPlan returns `terraform show` of a saved plan, as text, for failure messages.
func (w *Workdir) ShowPlan(planFile string) string {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := w.run(ctx, "show", "-no-color", planFile)
	if err != nil {
		return err.Error()
	}
	return string(out)
}

// WriteFile writes one file in the directory (a configuration of several files, a .tfvars file).
func (w *Workdir) WriteFile(name string, content []byte) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.Dir, name), content, 0o600); err != nil {
		w.t.Fatal(err)
	}
}
