package emulator_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

const (
	msgAuth = "AWS was not able to validate the provided access credentials"
	msgSig  = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."
)

func TestAuth_ec2(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	_, err := ec2Client(e.url, "test", "wrong").DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	wantErr(t, err, "SignatureDoesNotMatch", msgSig)
	_, err = ec2Client(e.url, "nobody", "test").DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	wantErr(t, err, "AuthFailure", msgAuth)
	_, err = ec2Client(e.url, emulator.OtherAccessKeyID, emulator.OtherSecretAccessKey).DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	e.must(err)

	resp, err := http.Post(e.url, "application/x-www-form-urlencoded", strings.NewReader("Action=DescribeVpcs&Version=2016-11-15"))
	e.must(err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("unsigned request: status %d", resp.StatusCode)
	}
	// Four requests reached the server: wrong secret, unknown key, the other account, unsigned.
	if e.srv.Calls("DescribeVpcs") != 4 {
		t.Fatalf("calls %d, want 4: every request counts, authenticated or not", e.srv.Calls("DescribeVpcs"))
	}
}

func TestAuth_sts(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	out, err := stsClient(e.url, "test", "test").GetCallerIdentity(e.ctx, &sts.GetCallerIdentityInput{})
	e.must(err)
	if aws.ToString(out.Account) != emulator.DefaultAccountID || !strings.HasPrefix(aws.ToString(out.Arn), "arn:aws:iam::123456789012:") {
		t.Fatalf("%+v", out)
	}
	out, err = stsClient(e.url, "other", "other").GetCallerIdentity(e.ctx, &sts.GetCallerIdentityInput{})
	e.must(err)
	if aws.ToString(out.Account) != emulator.OtherAccountID {
		t.Fatalf("%+v", out)
	}
	_, err = stsClient(e.url, "test", "wrong").GetCallerIdentity(e.ctx, &sts.GetCallerIdentityInput{})
	wantErr(t, err, "SignatureDoesNotMatch", msgSig)
	_, err = stsClient(e.url, "nobody", "x").GetCallerIdentity(e.ctx, &sts.GetCallerIdentityInput{})
	wantErr(t, err, "AuthFailure", msgAuth)
}

func TestAuth_customCredentials(t *testing.T) {
	t.Parallel()
	opts := fastOptions()
	opts.Credentials = []emulator.Credential{{AccessKeyID: "AKID", SecretAccessKey: "s3cr3t", AccountID: "111111111111"}}
	e := newEnv(t, opts)
	out, err := stsClient(e.url, "AKID", "s3cr3t").GetCallerIdentity(e.ctx, &sts.GetCallerIdentityInput{})
	e.must(err)
	if aws.ToString(out.Account) != "111111111111" {
		t.Fatal(aws.ToString(out.Account))
	}
	_, err = ec2Client(e.url, "test", "test").DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	wantErr(t, err, "AuthFailure", msgAuth)
}

func TestAuth_stateIsPerAccountAndRegion(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	e.vpc(false)
	other := ec2Client(e.url, "other", "other")
	out, err := other.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	e.must(err)
	if len(out.Vpcs) != 0 {
		t.Fatalf("other account sees %d VPCs", len(out.Vpcs))
	}
	west := ec2.New(ec2.Options{Region: "us-west-2", BaseEndpoint: aws.String(e.url), Credentials: e.ec2.Options().Credentials})
	out, err = west.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	e.must(err)
	if len(out.Vpcs) != 0 {
		t.Fatalf("us-west-2 sees %d VPCs", len(out.Vpcs))
	}
	azs, err := west.DescribeAvailabilityZones(e.ctx, &ec2.DescribeAvailabilityZonesInput{})
	e.must(err)
	if len(azs.AvailabilityZones) != 3 || aws.ToString(azs.AvailabilityZones[0].ZoneId) != "usw2-az1" {
		t.Fatalf("%+v", azs.AvailabilityZones)
	}
}
