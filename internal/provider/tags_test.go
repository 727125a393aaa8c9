package provider

import (
	"maps"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestIgnoreTags(t *testing.T) {
	t.Parallel()
	env := map[string]string{"TF_AWS_IGNORE_TAGS_KEYS": " Owner , ,CostCenter", "TF_AWS_IGNORE_TAGS_KEY_PREFIXES": "aws:,"}
	ig := newIgnoreTags([]string{"LastScanned"}, []string{"kubernetes.io/"}, func(k string) string { return env[k] })
	for key, want := range map[string]bool{
		"LastScanned":                 true,
		"Owner":                       true, // from TF_AWS_IGNORE_TAGS_KEYS, trimmed
		"CostCenter":                  true,
		"kubernetes.io/cluster/prod":  true,
		"aws:cloudformation:stack-id": true, // from TF_AWS_IGNORE_TAGS_KEY_PREFIXES
		"Name":                        false,
		"lastscanned":                 false, // keys are case-sensitive, as in AWS
		"":                            false, // an empty prefix in the environment is dropped
	} {
		if got := ig.ignored(key); got != want {
			t.Errorf("ignored(%q) = %v, want %v", key, got, want)
		}
	}
	if got := (ignoreTags{}).filter(map[string]string{"a": "1"}); !maps.Equal(got, map[string]string{"a": "1"}) {
		t.Errorf("zero ignoreTags filtered: %v", got)
	}
}

func TestProviderDataTags(t *testing.T) {
	t.Parallel()
	d := &providerData{
		defaultTags: map[string]string{"team": "net", "kubernetes.io/role": "x"},
		ignoreTags:  newIgnoreTags([]string{"Owner"}, []string{"kubernetes.io/"}, func(string) string { return "" }),
	}

	// Plan: defaults overlaid with the resource's tags, less the ignored keys; a configured
	// ignored key is warned about.
	var diags diag.Diagnostics
	all := d.tagsAll(map[string]string{"Name": "a", "Owner": "me"}, &diags)
	if want := map[string]string{"team": "net", "Name": "a"}; !maps.Equal(all, want) {
		t.Errorf("tagsAll = %v, want %v", all, want)
	}
	if diags.WarningsCount() != 1 || !strings.Contains(diags.Warnings()[0].Detail(), "`Owner`") || diags.HasError() {
		t.Errorf("diagnostics = %v, want one warning naming Owner", diags)
	}
	diags = nil
	d.tagsAll(map[string]string{"Name": "a"}, &diags)
	if len(diags) != 0 {
		t.Errorf("diagnostics without ignored keys: %v", diags)
	}

	// Read: tags another system added never show; a configured ignored key stays as configured.
	fromAWS := []ec2types.Tag{
		{Key: aws.String("team"), Value: aws.String("net")},
		{Key: aws.String("Name"), Value: aws.String("a")},
		{Key: aws.String("Owner"), Value: aws.String("set-by-someone-else")},
		{Key: aws.String("kubernetes.io/cluster/x"), Value: aws.String("owned")},
	}
	read := d.awsTags(fromAWS)
	if want := map[string]string{"team": "net", "Name": "a"}; !maps.Equal(read, want) {
		t.Errorf("awsTags = %v, want %v", read, want)
	}
	if own, want := d.ownTags(read, map[string]string{"Name": "a", "Owner": "me"}), map[string]string{"Name": "a", "Owner": "me"}; !maps.Equal(own, want) {
		t.Errorf("ownTags = %v, want %v (the configured Owner kept, the default team stripped)", own, want)
	}
	if own := d.ownTags(read, nil); !maps.Equal(own, map[string]string{"Name": "a"}) {
		t.Errorf("ownTags on import = %v", own)
	}
}
