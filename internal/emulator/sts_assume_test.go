package emulator_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

func sessionClients(url string, c *ststypes.Credentials, token string) (*ec2.Client, *sts.Client) {
	creds := credentials.NewStaticCredentialsProvider(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), token)
	one := retry.AddWithMaxAttempts(retry.NewStandard(), 1)
	return ec2.New(ec2.Options{Region: region, BaseEndpoint: aws.String(url), Credentials: creds, Retryer: one}),
		sts.New(sts.Options{Region: region, BaseEndpoint: aws.String(url), Credentials: creds, Retryer: one})
}

func TestAssumeRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t, emulator.Options{})
	base := stsClient(e.url, "test", "test")
	out, err := base.AssumeRole(e.ctx, &sts.AssumeRoleInput{
		RoleArn:           aws.String("arn:aws:iam::" + emulator.OtherAccountID + ":role/deploy/path/ci"),
		RoleSessionName:   aws.String("run-1"),
		DurationSeconds:   aws.Int32(7200),
		ExternalId:        aws.String("ext-1"),
		Policy:            aws.String(`{"Version":"2012-10-17","Statement":[]}`),
		PolicyArns:        []ststypes.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::aws:policy/ReadOnlyAccess")}},
		Tags:              []ststypes.Tag{{Key: aws.String("team"), Value: aws.String("net")}},
		TransitiveTagKeys: []string{"team"},
		SourceIdentity:    aws.String("alice"),
	})
	e.must(err)
	wantARN := "arn:aws:sts::" + emulator.OtherAccountID + ":assumed-role/ci/run-1"
	if got := aws.ToString(out.AssumedRoleUser.Arn); got != wantARN {
		t.Errorf("AssumedRoleUser.Arn = %q, want %q", got, wantARN)
	}
	if !strings.HasPrefix(aws.ToString(out.Credentials.AccessKeyId), "ASIA") || aws.ToString(out.SourceIdentity) != "alice" {
		t.Errorf("credentials = %+v, source identity %q", out.Credentials, aws.ToString(out.SourceIdentity))
	}
	if d := time.Until(aws.ToTime(out.Credentials.Expiration)); d < 119*time.Minute || d > 2*time.Hour {
		t.Errorf("expiration in %s, want the 2 hours asked for", d)
	}

	// The session works in the role's account, with its token only.
	sessEC2, sessSTS := sessionClients(e.url, out.Credentials, aws.ToString(out.Credentials.SessionToken))
	id, err := sessSTS.GetCallerIdentity(e.ctx, &sts.GetCallerIdentityInput{})
	e.must(err)
	if aws.ToString(id.Arn) != wantARN || aws.ToString(id.Account) != emulator.OtherAccountID || !strings.HasSuffix(aws.ToString(id.UserId), ":run-1") {
		t.Errorf("GetCallerIdentity = %s %s %s", aws.ToString(id.Arn), aws.ToString(id.Account), aws.ToString(id.UserId))
	}
	vpc, err := e.ec2.CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")}) // in the base account
	e.must(err)
	vpcs, err := sessEC2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	e.must(err)
	for _, v := range vpcs.Vpcs {
		if aws.ToString(v.VpcId) == aws.ToString(vpc.Vpc.VpcId) {
			t.Errorf("the role's account sees the base account's VPC %s", aws.ToString(v.VpcId))
		}
	}
	noToken, noTokenSTS := sessionClients(e.url, out.Credentials, "")
	_, err = noToken.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	wantErr(t, err, "AuthFailure", "")
	_, err = noTokenSTS.GetCallerIdentity(e.ctx, &sts.GetCallerIdentityInput{})
	wantErr(t, err, "InvalidClientTokenId", "The security token included in the request is invalid.")
	wrongToken, _ := sessionClients(e.url, out.Credentials, "forged")
	_, err = wrongToken.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	wantErr(t, err, "AuthFailure", "")

	// Role chaining: at most one hour.
	_, err = sessSTS.AssumeRole(e.ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/next"),
		RoleSessionName: aws.String("chained"), DurationSeconds: aws.Int32(7200)})
	wantErr(t, err, "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
	chained, err := sessSTS.AssumeRole(e.ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/next"), RoleSessionName: aws.String("chained")})
	e.must(err)
	if got := aws.ToString(chained.AssumedRoleUser.Arn); got != "arn:aws:sts::123456789012:assumed-role/next/chained" {
		t.Errorf("chained session %q", got)
	}
	if n := e.srv.Calls("AssumeRole"); n != 3 {
		t.Errorf("AssumeRole calls = %d, want 3", n)
	}
	if got := e.srv.Sessions(); len(got) != 2 {
		t.Errorf("Sessions = %v", got)
	}
}

func TestAssumeRole_validation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, emulator.Options{})
	base := stsClient(e.url, "test", "test")
	role := aws.String("arn:aws:iam::123456789012:role/r")
	for name, tc := range map[string]struct {
		in        sts.AssumeRoleInput
		code, msg string
	}{
		"short role ARN":   {sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::1"), RoleSessionName: aws.String("s1")}, "ValidationError", "at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"},
		"bad role ARN":     {sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:user/bob"), RoleSessionName: aws.String("s1")}, "ValidationError", "Request ARN is invalid"},
		"bad session name": {sts.AssumeRoleInput{RoleArn: role, RoleSessionName: aws.String("has space")}, "ValidationError", "Member must satisfy regular expression pattern"},
		"short duration":   {sts.AssumeRoleInput{RoleArn: role, RoleSessionName: aws.String("s1"), DurationSeconds: aws.Int32(60)}, "ValidationError", "Member must have value greater than or equal to 900"},
		"long duration":    {sts.AssumeRoleInput{RoleArn: role, RoleSessionName: aws.String("s1"), DurationSeconds: aws.Int32(50000)}, "ValidationError", "Member must have value less than or equal to 43200"},
		"policy not JSON":  {sts.AssumeRoleInput{RoleArn: role, RoleSessionName: aws.String("s1"), Policy: aws.String("{")}, "MalformedPolicyDocument", "The policy is not in the valid JSON format."},
		"duplicate tags":   {sts.AssumeRoleInput{RoleArn: role, RoleSessionName: aws.String("s1"), Tags: []ststypes.Tag{{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("A"), Value: aws.String("2")}}}, "InvalidParameterValue", "Duplicate tag keys found"},
		"aws: source":      {sts.AssumeRoleInput{RoleArn: role, RoleSessionName: aws.String("s1"), SourceIdentity: aws.String("aws:x")}, "ValidationError", "aws:"},
		"unknown account":  {sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::999999999999:role/r"), RoleSessionName: aws.String("s1")}, "AccessDenied", "User: arn:aws:iam::123456789012:user/test is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999999999999:role/r"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := base.AssumeRole(e.ctx, &tc.in)
			wantErr(t, err, tc.code, "")
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error = %v, want %q", err, tc.msg)
			}
		})
	}
	_, err := stsClient(e.url, "test", "wrong").AssumeRole(e.ctx, &sts.AssumeRoleInput{RoleArn: role, RoleSessionName: aws.String("s1")})
	wantErr(t, err, "SignatureDoesNotMatch", "")
	if got := e.srv.Sessions(); len(got) != 0 {
		t.Errorf("sessions handed out for invalid requests: %v", got)
	}
}

func jwt(payload string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"RS256"}`)) + "." + enc([]byte(payload)) + ".c2ln"
}

func TestAssumeRoleWithWebIdentity(t *testing.T) {
	t.Parallel()
	e := newEnv(t, emulator.Options{})
	anon := sts.New(sts.Options{Region: region, BaseEndpoint: aws.String(e.url), Retryer: retry.AddWithMaxAttempts(retry.NewStandard(), 1)})
	out, err := anon.AssumeRoleWithWebIdentity(e.ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn:          aws.String("arn:aws:iam::123456789012:role/gha"),
		RoleSessionName:  aws.String("build-7"),
		WebIdentityToken: aws.String(jwt(`{"sub":"repo:org/app:ref:refs/heads/main","iss":"https://token.actions.githubusercontent.com","aud":["sts.amazonaws.com"]}`)),
		DurationSeconds:  aws.Int32(900),
	})
	e.must(err)
	if aws.ToString(out.SubjectFromWebIdentityToken) != "repo:org/app:ref:refs/heads/main" || aws.ToString(out.Audience) != "sts.amazonaws.com" ||
		aws.ToString(out.AssumedRoleUser.Arn) != "arn:aws:sts::123456789012:assumed-role/gha/build-7" {
		t.Errorf("answer = %s %s %s", aws.ToString(out.SubjectFromWebIdentityToken), aws.ToString(out.Audience), aws.ToString(out.AssumedRoleUser.Arn))
	}
	sessEC2, _ := sessionClients(e.url, out.Credentials, aws.ToString(out.Credentials.SessionToken))
	_, err = sessEC2.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	e.must(err)

	_, err = anon.AssumeRoleWithWebIdentity(e.ctx, &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/gha"),
		RoleSessionName: aws.String("s1"), WebIdentityToken: aws.String("an-access-token")})
	wantErr(t, err, "InvalidIdentityToken", "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)")
	_, err = anon.AssumeRoleWithWebIdentity(e.ctx, &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String("arn:aws:iam::999999999999:role/gha"),
		RoleSessionName: aws.String("s1"), WebIdentityToken: aws.String(jwt(`{}`))})
	wantErr(t, err, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity")
	if n := e.srv.Calls("AssumeRoleWithWebIdentity"); n != 3 {
		t.Errorf("AssumeRoleWithWebIdentity calls = %d, want 3", n)
	}
	// Other unsigned requests still fail authentication.
	_, err = ec2.New(ec2.Options{Region: region, BaseEndpoint: aws.String(e.url), Retryer: aws.NopRetryer{}}).DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
	if err == nil {
		t.Error("an unsigned DescribeVpcs succeeded")
	}
}
