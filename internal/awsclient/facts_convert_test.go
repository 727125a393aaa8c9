package awsclient

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestServiceFactsFromSDKList_detailFields: the fields only the data sources show survive the
// conversion, and merging a service's Gateway and Interface entries keeps the Gateway's ServiceId
// whichever comes first.
func TestServiceFactsFromSDKList_detailFields(t *testing.T) {
	t.Parallel()
	name := "com.amazonaws.us-east-1.s3"
	gateway := ec2types.ServiceDetail{ServiceName: aws.String(name), ServiceId: aws.String("vpce-svc-gw"),
		ServiceType:          []ec2types.ServiceTypeDetail{{ServiceType: ec2types.ServiceTypeGateway}},
		BaseEndpointDnsNames: []string{"s3.us-east-1.amazonaws.com"}, ManagesVpcEndpoints: aws.Bool(false)}
	iface := ec2types.ServiceDetail{ServiceName: aws.String(name), ServiceId: aws.String("vpce-svc-if"),
		ServiceType:          []ec2types.ServiceTypeDetail{{ServiceType: ec2types.ServiceTypeInterface}},
		BaseEndpointDnsNames: []string{"s3.us-east-1.vpce.amazonaws.com", "s3.us-east-1.amazonaws.com"},
		ManagesVpcEndpoints:  aws.Bool(true),
		Tags:                 []ec2types.Tag{{Key: aws.String("Name"), Value: aws.String("s3")}}}
	for _, order := range [][]ec2types.ServiceDetail{{gateway, iface}, {iface, gateway}} {
		got := ServiceFactsFromSDKList(order, "us-east-1")
		if len(got) != 1 {
			t.Fatalf("%d services, want 1", len(got))
		}
		s := got[0]
		if s.ServiceID != "vpce-svc-gw" {
			t.Errorf("ServiceID = %q, want the Gateway entry's vpce-svc-gw", s.ServiceID)
		}
		if len(s.BaseEndpointDNSNames) != 2 || !s.ManagesVPCEndpoints || !reflect.DeepEqual(s.Tags, map[string]string{"Name": "s3"}) {
			t.Errorf("merged = %+v, want both DNS names once, ManagesVPCEndpoints, the Name tag", s)
		}
		cp := cloneServiceFacts(&s)
		cp.Tags["Name"] = "changed"
		cp.BaseEndpointDNSNames[0] = "changed"
		if s.Tags["Name"] != "s3" || s.BaseEndpointDNSNames[0] == "changed" {
			t.Error("cloneServiceFacts shares the tags or the DNS names")
		}
	}
	one := ServiceFactsFromSDK(ec2types.ServiceDetail{ServiceName: aws.String("com.amazonaws.us-east-1.ssm")}, "us-east-1")
	if one.Tags != nil || one.BaseEndpointDNSNames != nil || one.ServiceID != "" || one.ManagesVPCEndpoints {
		t.Errorf("a detail without the fields: %+v", one)
	}
}
