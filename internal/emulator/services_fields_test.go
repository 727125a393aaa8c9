package emulator_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// TestDescribeVpcEndpointServices_detailFields checks the ServiceDetail fields that the data sources
// expose beyond what the planner needs: ServiceId, BaseEndpointDnsNames, ManagesVpcEndpoints and Tags,
// and the tag filters.
func TestDescribeVpcEndpointServices_detailFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())

	s3, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{svc("s3")}})
	e.must(err)
	if len(s3.ServiceDetails) != 2 {
		t.Fatalf("s3: %d details, want a Gateway and an Interface entry", len(s3.ServiceDetails))
	}
	ids := map[types.ServiceType]string{}
	for _, d := range s3.ServiceDetails {
		typ := d.ServiceType[0].ServiceType
		ids[typ] = aws.ToString(d.ServiceId)
		if !strings.HasPrefix(ids[typ], "vpce-svc-") {
			t.Errorf("s3 %s: ServiceId %q", typ, ids[typ])
		}
		if aws.ToBool(d.ManagesVpcEndpoints) || d.ManagesVpcEndpoints == nil {
			t.Errorf("s3 %s: ManagesVpcEndpoints = %v, want false", typ, d.ManagesVpcEndpoints)
		}
		if len(d.Tags) != 0 {
			t.Errorf("s3 %s: tags %+v, want none on an AWS service", typ, d.Tags)
		}
		want := "s3." + region + ".vpce.amazonaws.com"
		if typ == types.ServiceTypeGateway {
			want = "s3." + region + ".amazonaws.com"
		}
		if !slices.Equal(d.BaseEndpointDnsNames, []string{want}) {
			t.Errorf("s3 %s: BaseEndpointDnsNames %v, want [%s]", typ, d.BaseEndpointDnsNames, want)
		}
	}
	if ids[types.ServiceTypeGateway] == ids[types.ServiceTypeInterface] {
		t.Errorf("the s3 Gateway and Interface entries share the ServiceId %s", ids[types.ServiceTypeGateway])
	}

	own, _, _ := emulator.CustomerServiceNames(region)
	cust, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{own}})
	e.must(err)
	d := cust.ServiceDetails[0]
	svcID := own[strings.LastIndex(own, ".")+1:]
	if aws.ToString(d.ServiceId) != svcID || !slices.Equal(d.BaseEndpointDnsNames, []string{svcID + "." + region + ".vpce.amazonaws.com"}) {
		t.Errorf("customer service: ServiceId %q, BaseEndpointDnsNames %v", aws.ToString(d.ServiceId), d.BaseEndpointDnsNames)
	}
	tags := map[string]string{}
	for _, tg := range d.Tags {
		tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	if tags["Name"] != "accept-own" || tags["team"] != "platform" || len(tags) != 2 {
		t.Errorf("customer service tags %v", tags)
	}

	for _, tc := range []struct {
		f    types.Filter
		want int
	}{
		{filter("tag:Name", "accept-own"), 1},
		{filter("tag:Name", "accept-own", "no-accept"), 2},
		{filter("tag-key", "team"), 3},
		{filter("tag:team", "nobody"), 0},
	} {
		out, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{Filters: []types.Filter{tc.f}})
		e.must(err)
		if len(out.ServiceDetails) != tc.want {
			t.Errorf("%s=%v: %d services, want %d", aws.ToString(tc.f.Name), tc.f.Values, len(out.ServiceDetails), tc.want)
		}
	}
}
