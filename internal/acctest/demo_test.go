package acctest_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

// TestAccDemo runs `make demo`'s script with the acceptance tests' Terraform CLI: plan, apply (gateways,
// and the private-network module's Session Manager endpoints with private DNS), drift shown (a route
// table detached, a policy edited, private DNS turned off) and repaired, a gateway for ssm rejected by
// `terraform validate` and at plan, a subnet in a zone ssm-contacts does not offer rejected at plan,
// destroy. The script exits non-zero on any unexpected result.
func TestAccDemo(t *testing.T) {
	acctest.PreCheck(t)
	if acctest.Kind() != acctest.KindEmulator {
		t.Skip("the demo runs its own local EC2 API")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH names the Terraform CLI to run the demo with")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", filepath.Join(root, "examples", "demo", "run.sh"))
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "TERRAFORM="+tf, "TMPDIR="+t.TempDir())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("demo failed: %s\n%s", err, out.String())
	}
	for _, want := range []string{
		"OK: ssm, ssmmessages and ec2messages interface endpoints with private DNS",
		"OK: the plan shows the detached route table and the edited policy",
		"OK: the plan turns private DNS back on for ssmmessages",
		"OK: the next plan is empty",
		"OK: rejected at validate and at plan",
		"OK: the subnet in a zone the service does not offer is rejected at plan",
		"Demo complete",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}
