package awsclient

import (
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

func TestFindVPCEndpointByID(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		resp     fakeResponse
		notFound bool
		errLike  string
	}{
		{"found", describeEndpoints(endpointXML("vpce-1", "vpc-1", "com.amazonaws.us-east-1.s3", "Gateway", "available", "")), false, ""},
		{"not found code", apiError("InvalidVpcEndpointId.NotFound", "The VpcEndpoint Id 'vpce-1' does not exist"), true, ""},
		{"empty", describeEndpoints(), true, ""},
		{"deleted", describeEndpoints(endpointXML("vpce-1", "vpc-1", "s", "Gateway", "Deleted", "")), true, ""},
		{"id mismatch", describeEndpoints(endpointXML("vpce-2", "vpc-1", "s", "Gateway", "available", "")), true, ""},
		{"too many", describeEndpoints(endpointXML("vpce-1", "vpc-1", "s", "Gateway", "available", ""),
			endpointXML("vpce-1", "vpc-1", "s", "Gateway", "available", "")), false, "too many results"},
		{"other error", apiError("UnauthorizedOperation", "You are not authorized"), false, "UnauthorizedOperation"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeEC2(t)
			f.handle("DescribeVpcEndpoints", func(url.Values) fakeResponse { return tc.resp })
			ep, err := FindVPCEndpointByID(testCtx(t), f.client(), "vpce-1")
			switch {
			case tc.notFound:
				if !IsNotFound(err) || ep != nil {
					t.Errorf("got %v, %v; want not found", ep, err)
				}
			case tc.errLike != "":
				if err == nil || IsNotFound(err) || !strings.Contains(err.Error(), tc.errLike) {
					t.Errorf("err = %v, want %q", err, tc.errLike)
				}
			default:
				if err != nil || aws.ToString(ep.VpcEndpointId) != "vpce-1" {
					t.Errorf("got %v, %v", ep, err)
				}
			}
		})
	}
}

func TestFindVPCEndpointsPaginates(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpoints", func(form url.Values) fakeResponse {
		if form.Get("NextToken") == "" {
			return ok("DescribeVpcEndpoints", "<vpcEndpointSet>"+endpointXML("vpce-1", "vpc-1", "s", "Gateway", "available", "")+
				"</vpcEndpointSet><nextToken>page2</nextToken>")
		}
		return describeEndpoints(endpointXML("vpce-2", "vpc-1", "s", "Interface", "pending", ""))
	})
	eps, err := FindVPCEndpoints(testCtx(t), f.client(), &ec2.DescribeVpcEndpointsInput{})
	if err != nil || len(eps) != 2 || aws.ToString(eps[1].VpcEndpointId) != "vpce-2" {
		t.Fatalf("eps %v, err %v", eps, err)
	}
}

func TestFindVPCEndpointServices(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpointServices", func(form url.Values) fakeResponse {
		if form.Get("ServiceName.1") == "com.amazonaws.us-east-1.nope" {
			return apiError("InvalidServiceName", "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nope' does not exist")
		}
		if form.Get("NextToken") == "" {
			return ok("DescribeVpcEndpointServices", `<serviceDetailSet>`+serviceXML("com.amazonaws.us-east-1.s3", "Gateway")+`</serviceDetailSet><nextToken>t2</nextToken>`)
		}
		return ok("DescribeVpcEndpointServices", `<serviceDetailSet>`+serviceXML("com.amazonaws.us-east-1.ssm", "Interface")+`</serviceDetailSet>`)
	})
	sds, err := FindVPCEndpointServices(testCtx(t), f.client(), &ec2.DescribeVpcEndpointServicesInput{})
	if err != nil || len(sds) != 2 {
		t.Fatalf("services %v, err %v", sds, err)
	}
	_, err = FindVPCEndpointServices(testCtx(t), f.client(), &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{"com.amazonaws.us-east-1.nope"}})
	if !IsNotFound(err) || !ErrCodeEquals(err, ErrCodeInvalidServiceName) {
		t.Errorf("err = %v, want not found wrapping InvalidServiceName", err)
	}
}

func TestFindVPCByIDAndAttribute(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcs", func(form url.Values) fakeResponse {
		if form.Get("VpcId.1") == "vpc-404" {
			return apiError("InvalidVpcID.NotFound", "The vpc ID 'vpc-404' does not exist")
		}
		return ok("DescribeVpcs", `<vpcSet><item><vpcId>vpc-1</vpcId><cidrBlock>10.0.0.0/16</cidrBlock></item></vpcSet>`)
	})
	f.handle("DescribeVpcAttribute", func(form url.Values) fakeResponse {
		if form.Get("Attribute") == "enableDnsHostnames" {
			return ok("DescribeVpcAttribute", `<vpcId>vpc-1</vpcId><enableDnsHostnames><value>false</value></enableDnsHostnames>`)
		}
		return ok("DescribeVpcAttribute", `<vpcId>vpc-1</vpcId><enableDnsSupport><value>true</value></enableDnsSupport>`)
	})
	ctx, conn := testCtx(t), f.client()
	if vpc, err := FindVPCByID(ctx, conn, "vpc-1"); err != nil || aws.ToString(vpc.VpcId) != "vpc-1" {
		t.Errorf("FindVPCByID = %v, %v", vpc, err)
	}
	if _, err := FindVPCByID(ctx, conn, "vpc-404"); !IsNotFound(err) {
		t.Errorf("FindVPCByID(missing) err = %v", err)
	}
	if v, err := FindVPCAttribute(ctx, conn, "vpc-1", "enableDnsSupport"); err != nil || !v {
		t.Errorf("enableDnsSupport = %v, %v", v, err)
	}
	if v, err := FindVPCAttribute(ctx, conn, "vpc-1", "enableDnsHostnames"); err != nil || v {
		t.Errorf("enableDnsHostnames = %v, %v", v, err)
	}
}

func serviceXML(name, typ string) string {
	return `<item><serviceName>` + name + `</serviceName><serviceType><item><serviceType>` + typ + `</serviceType></item></serviceType>` +
		`<availabilityZoneSet><item>us-east-1a</item><item>us-east-1b</item></availabilityZoneSet><owner>amazon</owner>` +
		`<vpcEndpointPolicySupported>true</vpcEndpointPolicySupported></item>`
}
