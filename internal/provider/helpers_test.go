package provider

import (
	"maps"
	"testing"
)

func TestResourceTags(t *testing.T) {
	t.Parallel()
	defaults := map[string]string{"team": "net", "env": "prod"}
	for name, tc := range map[string]struct {
		all, prior, want map[string]string
	}{
		"defaults stripped":           {map[string]string{"team": "net", "Name": "x"}, nil, map[string]string{"Name": "x"}},
		"own value overrides default": {map[string]string{"team": "app"}, nil, map[string]string{"team": "app"}},
		"own tag equal to default":    {map[string]string{"team": "net"}, map[string]string{"team": "net"}, map[string]string{"team": "net"}},
		"nothing":                     {map[string]string{}, nil, map[string]string{}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := resourceTags(tc.all, defaults, tc.prior); !maps.Equal(got, tc.want) {
				t.Errorf("resourceTags(%v) = %v, want %v", tc.all, got, tc.want)
			}
		})
	}
	if got := mergeTags(defaults, map[string]string{"team": "app"}); got["team"] != "app" || got["env"] != "prod" {
		t.Errorf("mergeTags: %v", got)
	}
}

func TestPlanPolicy(t *testing.T) {
	t.Parallel()
	custom := newPolicyValue(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`)
	reformatted := newPolicyValue("{\n \"Statement\": [{\"Resource\": \"*\", \"Action\": [\"s3:*\"], \"Principal\": \"*\", \"Effect\": \"Allow\"}],\n \"Version\": \"2012-10-17\"\n}")
	def := newPolicyValue(defaultEndpointPolicy)
	null := policyValue{}

	for name, tc := range map[string]struct {
		cfg   policyValue
		state *policyValue
		plan  policyValue
		want  string
	}{
		"equivalent config keeps prior": {reformatted, &custom, reformatted, custom.ValueString()},
		"changed config planned as is":  {def, &custom, def, def.ValueString()},
		"removed resets to default":     {null, &custom, custom, defaultEndpointPolicy},
		"removed, already default":      {null, &def, custom, defaultEndpointPolicy},
		"create without policy":         {null, nil, null, defaultEndpointPolicy},
		"create with policy":            {custom, nil, custom, custom.ValueString()},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			plan := tc.plan
			planPolicy(tc.cfg, tc.state, &plan)
			if plan.ValueString() != tc.want {
				t.Errorf("planned %s, want %s", plan.ValueString(), tc.want)
			}
		})
	}
}

func TestQuotedList(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "", "a": "`a`", "a,b": "`a` or `b`", "a,b,c": "`a`, `b` or `c`"} {
		var vals []string
		if in != "" {
			for _, v := range []byte(in) {
				if v != ',' {
					vals = append(vals, string(v))
				}
			}
		}
		if got := quotedList(vals); got != want {
			t.Errorf("quotedList(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAttributePath(t *testing.T) {
	t.Parallel()
	if got := attributePath("dns_options.dns_record_ip_type").String(); got != "dns_options.dns_record_ip_type" {
		t.Errorf("attributePath = %s", got)
	}
}
