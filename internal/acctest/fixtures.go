package acctest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"
	"time"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

// Network is a VPC with three subnets in three zones, two route tables and a security group, built
// through EC2 calls (so it works against any target) and destroyed when the test ends.
type Network = seed.Network

// RandomName returns a name unique to one test run, for Name tags.
func RandomName(prefix string) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return prefix + "-" + hex.EncodeToString(b)
}

// NewNetwork builds a network for the test through EC2 calls and registers its destruction. Endpoints
// the test leaves behind are the test framework's to destroy first (CheckDestroy).
func (tg *Target) NewNetwork(t *testing.T) *Network {
	t.Helper()
	n, err := seed.Demo(Context(t), tg.EC2, RandomName("tf-acc"))
	if err != nil {
		t.Fatalf("creating the test network: %s", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if err := seed.Destroy(ctx, tg.EC2, n); err != nil {
			t.Logf("destroying the test network %s: %s", n.VPCID, err)
		}
	})
	return n
}
