package provider

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestEndpointQueryInput(t *testing.T) {
	t.Parallel()
	str := func(s string) types.String {
		if s == "" {
			return types.StringNull()
		}
		return types.StringValue(s)
	}
	noTags := types.MapNull(types.StringType)
	for name, tc := range map[string]struct {
		region, vpc, service, typ, state string
		tags                             types.Map
		filters                          []endpointFilterModel
		want                             []ec2types.Filter
		keepsDeleted                     bool
	}{
		"nothing": {region: "us-east-1", tags: noTags},
		"vpc, service and type": {region: "us-east-1", vpc: "vpc-1", service: "s3", typ: "Interface", tags: noTags,
			want: []ec2types.Filter{testFilter("vpc-id", "vpc-1"), testFilter("service-name", "com.amazonaws.us-east-1.s3"), testFilter("vpc-endpoint-type", "Interface")}},
		// In China, S3's gateway and interface services have different names: both match unless type is set.
		"china s3 any type": {region: "cn-north-1", service: "s3", tags: noTags,
			want: []ec2types.Filter{testFilter("service-name", "com.amazonaws.cn-north-1.s3", "cn.com.amazonaws.cn-north-1.s3")}},
		"china s3 gateway": {region: "cn-north-1", service: "s3", typ: "Gateway", tags: noTags,
			want: []ec2types.Filter{testFilter("service-name", "com.amazonaws.cn-north-1.s3"), testFilter("vpc-endpoint-type", "Gateway")}},
		"state spelt as EC2 does": {region: "us-east-1", state: "PENDINGACCEPTANCE", tags: noTags,
			want: []ec2types.Filter{testFilter("vpc-endpoint-state", "pendingAcceptance")}, keepsDeleted: true},
		"tags sorted by key": {region: "us-east-1",
			tags: types.MapValueMust(types.StringType, map[string]attr.Value{"team": types.StringValue("a"), "env": types.StringValue("dev")}),
			want: []ec2types.Filter{testFilter("tag:env", "dev"), testFilter("tag:team", "a")}},
		"filter blocks last, values sorted": {region: "us-east-1", vpc: "vpc-1", tags: noTags,
			filters: []endpointFilterModel{{Name: types.StringValue("vpc-endpoint-state"), Values: types.SetValueMust(types.StringType, []attr.Value{types.StringValue("deleting"), types.StringValue("deleted")})}},
			want:    []ec2types.Filter{testFilter("vpc-id", "vpc-1"), testFilter("vpc-endpoint-state", "deleted", "deleting")}, keepsDeleted: true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			q, diags := newEndpointQuery(context.Background(), tc.region, str(tc.vpc), str(tc.service), str(tc.typ), str(tc.state), tc.tags, tc.filters)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if got := q.input().Filters; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("filters = %s, want %s", renderFilters(got), renderFilters(tc.want))
			}
			if q.keepsDeleted() != tc.keepsDeleted {
				t.Errorf("keepsDeleted = %v, want %v", q.keepsDeleted(), tc.keepsDeleted)
			}
		})
	}
	_, diags := newEndpointQuery(context.Background(), "us-east-1", str(""), str("S3"), str(""), str(""), noTags, nil)
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), "uppercase") {
		t.Errorf("an invalid service: %v", diags)
	}
}

func TestEC2FilterNameValidator(t *testing.T) {
	t.Parallel()
	v := ec2FilterNameValidator{names: endpointFilterNames}
	for name, want := range map[string]string{
		"vpc-id":            "",
		"tag:Name":          "",
		"tag:":              "has no tag key",
		"tag-value":         `"tag-value" is not a filter of DescribeVpcEndpoints`,
		"VPC-Endpoint-Type": "Filter names are lowercase: vpc-endpoint-type",
		"":                  "is not a filter",
	} {
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("filter"), ConfigValue: types.StringValue(name)}, resp)
		switch {
		case want == "" && resp.Diagnostics.HasError():
			t.Errorf("%q: %v", name, resp.Diagnostics)
		case want != "" && (!resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), want)):
			t.Errorf("%q: %v, want an error containing %q", name, resp.Diagnostics, want)
		}
	}
}

func testFilter(name string, values ...string) ec2types.Filter {
	return ec2types.Filter{Name: aws.String(name), Values: values}
}

func renderFilters(fs []ec2types.Filter) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, aws.ToString(f.Name)+"="+strings.Join(f.Values, "|"))
	}
	return "[" + strings.Join(parts, " ") + "]"
}
