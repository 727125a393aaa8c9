package provider_test

import (
	"os"
	"testing"
	"time"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

func TestMain(m *testing.M) {
	if acctest.Kind() == acctest.KindEmulator {
		// The local EC2 API runs at acctest.EmulatorTimeScale: poll it as often, relatively, as AWS.
		awsclient.PollInitialDelay = 200 * time.Millisecond
		awsclient.PollMaxDelay = 2 * time.Second
	}
	os.Exit(m.Run())
}
