package planner

import (
	"slices"
	"testing"
)

func TestSortFindings(t *testing.T) {
	t.Parallel()
	in := Findings{
		{Rule: "P12", Severity: SeverityWarning, Attribute: "vpc_id", Summary: "d"},
		{Rule: "P3", Severity: SeverityWarning, Attribute: "private_dns_enabled", Summary: "c"},
		{Rule: "P10", Severity: SeverityError, Attribute: "subnet_ids", Summary: "b"},
		{Rule: "P2", Severity: SeverityError, Attribute: "subnet_ids", Summary: "z"},
		{Rule: "P2", Severity: SeverityError, Attribute: "subnet_ids", Summary: "a"},
		{Rule: "P1", Severity: SeverityError, Attribute: "service", Summary: "a"},
	}
	got := sortFindings(slices.Clone(in))
	var order []string
	for _, f := range got {
		order = append(order, f.Rule+"/"+f.Summary)
	}
	wantOrder := []string{"P1/a", "P2/a", "P2/z", "P10/b", "P3/c", "P12/d"}
	if !slices.Equal(order, wantOrder) {
		t.Errorf("order = %v, want %v", order, wantOrder)
	}
}

func TestFindingBuild(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   finding
		want string
	}{
		{
			name: "all parts",
			in: finding{fact: "The fact", aws: rejection{"Code", "Message."}, why: "This is a warning because x",
				fix: "Fix it"},
			want: "The fact. AWS would reject the request at apply with: Code: Message. This is a warning because x. Fix it.",
		},
		{
			name: "code only",
			in:   finding{fact: "The fact.", aws: rejection{Code: "InvalidParameter"}, fix: "Fix it"},
			want: "The fact. AWS would reject the request at apply with: InvalidParameter. Fix it.",
		},
		{
			name: "message without stop",
			in:   finding{fact: "F", aws: rejection{"C", "m"}},
			want: "F. AWS would reject the request at apply with: C: m.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.in.build().Detail; got != tt.want {
				t.Errorf("detail = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHelpers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, got, want string
	}{
		{"quote none", quoteList(nil), "none"},
		{"quote one", quoteList([]string{"a"}), "a"},
		{"quote three", quoteList([]string{"a", "b", "c"}), "a, b and c"},
		{"or two", orList([]string{"a", "b"}), "a or b"},
		{"terminate empty", terminate(""), ""},
		{"terminate question", terminate("why?"), "why?"},
		{"upper first", upperFirst("service x"), "Service x"},
		{"upper empty", upperFirst(""), ""},
		{"severity error", SeverityError.String(), "error"},
		{"severity warning", SeverityWarning.String(), "warning"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
	if ruleNumber("P12") != 12 || ruleNumber("X") <= 12 {
		t.Error("ruleNumber")
	}
	if got := sortedKnown([]string{"b", "", "a", "b"}); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("sortedKnown = %v", got)
	}
	if !(Findings{{Severity: SeverityWarning}, {Severity: SeverityError}}).HasError() {
		t.Error("HasError with an error")
	}
	if (Findings{{Severity: SeverityWarning}}).HasError() {
		t.Error("HasError with warnings only")
	}
	if got := (Finding{Attribute: "dns_options.dns_record_ip_type"}).AttributePath(); !slices.Equal(got, []string{"dns_options", "dns_record_ip_type"}) {
		t.Errorf("AttributePath = %v", got)
	}
}
