package awsclient_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// The provider's endpoints fall back to the SDK's AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL_STS: with
// only the environment naming the local EC2 API, both the credential check and EC2 calls reach it.
func TestNew_endpointsFromEnvironment(t *testing.T) {
	srv := emulator.New(emulator.Options{})
	url, err := srv.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	t.Setenv("AWS_ENDPOINT_URL_EC2", url)
	t.Setenv("AWS_ENDPOINT_URL_STS", url)

	ctx := context.Background()
	client, err := awsclient.New(ctx, awsclient.Config{
		Region: emulator.DefaultRegion, AccessKey: emulator.DefaultAccessKeyID, SecretKey: emulator.DefaultSecretAccessKey,
	})
	if err != nil {
		t.Fatalf("New: %s", err)
	}
	if client.AccountID != emulator.DefaultAccountID {
		t.Errorf("account id = %q, want the local EC2 API's %q", client.AccountID, emulator.DefaultAccountID)
	}
	if _, err := client.EC2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}); err != nil {
		t.Errorf("DescribeVpcs through AWS_ENDPOINT_URL_EC2: %s", err)
	}
	if srv.Calls("GetCallerIdentity") != 1 || srv.Calls("DescribeVpcs") != 1 {
		t.Errorf("calls = %v, want one GetCallerIdentity and one DescribeVpcs", srv.CallCounts())
	}
}
