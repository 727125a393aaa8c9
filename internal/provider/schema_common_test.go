package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestTagProblem(t *testing.T) {
	t.Parallel()
	for key, want := range map[string]string{
		"Name":                   "",
		"":                       "1 to 128",
		strings.Repeat("k", 128): "",
		strings.Repeat("k", 129): "1 to 128",
		"aws:owner":              "reserved",
		"AWS:Owner":              "reserved",
		"awsome":                 "",
	} {
		got := tagProblem(key, types.StringValue("v"))
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("tagProblem(%q) = %q, want %q", key, got, want)
		}
	}
	if got := tagProblem("k", types.StringValue(strings.Repeat("v", 257))); !strings.Contains(got, "at most 256") {
		t.Errorf("a 257-character value: %q", got)
	}
	if got := tagProblem("k", types.StringValue(strings.Repeat("é", 256))); got != "" {
		t.Errorf("256 characters (512 bytes) are allowed: %q", got)
	}
}

func TestTimeoutValidator(t *testing.T) {
	t.Parallel()
	p := path.Root("timeouts").AtName("delete")
	for value, want := range map[string]string{
		"10m": "", "1s": "warning", "30s": "warning", "1m": "", "0s": "error", "-5m": "error", "soon": "error", "500ms": "error",
	} {
		var resp validator.StringResponse
		timeoutValidator{}.ValidateString(context.Background(), validator.StringRequest{Path: p, ConfigValue: types.StringValue(value)}, &resp)
		got := ""
		switch {
		case resp.Diagnostics.HasError():
			got = "error"
		case resp.Diagnostics.WarningsCount() > 0:
			got = "warning"
		}
		if got != want {
			t.Errorf("%q: %s, want %q", value, got, want)
			continue
		}
		for _, d := range resp.Diagnostics {
			if !strings.Contains(d.Detail(), "timeouts.delete") {
				t.Errorf("%q: the diagnostic does not name timeouts.delete: %s", value, d.Detail())
			}
		}
	}
}

func TestDurationText(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{10 * time.Minute: "10m", time.Hour: "1h", 90 * time.Second: "1m30s", 2 * time.Hour: "2h"} {
		if got := durationText(d); got != want {
			t.Errorf("durationText(%s) = %q, want %q", d, got, want)
		}
	}
}
