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

// TestAccInstallMirror runs scripts/test-install-mirror.sh with the acceptance tests' CLI (Terraform or
// OpenTofu): the README's "Using a local build" steps. `make install-mirror` puts the provider built
// from this tree into a filesystem mirror; a configuration using it together with another provider
// (hashicorp/time, from a second mirror standing in for the registry) initialises, validates and plans
// against the local EC2 API; a rebuild needs `providers lock` as documented; the dev_overrides route
// fails at `init`. The script exits non-zero, naming the step, on any unexpected result.
func TestAccInstallMirror(t *testing.T) {
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH names the Terraform CLI to run the script with")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("the script runs `make install-mirror`: make is not on PATH")
	}
	n := tg.NewNetwork(t)
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", filepath.Join(root, "scripts", "test-install-mirror.sh"))
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"TERRAFORM="+tf,
		"TMPDIR="+t.TempDir(),
		"VPCE_TEST_ENDPOINT="+tg.Emulator.URL(),
		"VPCE_TEST_REGION="+tg.Region,
		"VPCE_TEST_VPC_ID="+n.VPCID,
		"VPCE_TEST_ROUTE_TABLE_ID="+n.RouteTableIDs[0],
	)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("scripts/test-install-mirror.sh failed: %s\n%s", err, out.String())
	}
	t.Log(out.String())
	for _, want := range []string{
		"# time_static.created will be created",
		"# vpce_gateway_endpoint.s3 will be created",
		"OK: the local build installs from the mirror beside another provider; dev_overrides does not",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("script output lacks %q\n%s", want, out.String())
		}
	}
}
