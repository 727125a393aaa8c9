package planner

import (
	"strings"
	"testing"
)

// want describes an expected finding: rule, severity, attribute and summary exactly, and substrings
// of the detail.
type want struct {
	rule     string
	severity Severity
	attr     string
	summary  string
	detail   []string
}

// checkFindings compares got with wants in order, and checks the wording invariants of every finding.
func checkFindings(t *testing.T, got Findings, wants []want) {
	t.Helper()
	for _, f := range got {
		checkWording(t, f)
	}
	if len(got) != len(wants) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(wants), dump(got))
	}
	for i, w := range wants {
		f := got[i]
		if f.Rule != w.rule || f.Severity != w.severity || f.Attribute != w.attr || f.Summary != w.summary {
			t.Errorf("finding %d = %s %s %q %q, want %s %s %q %q", i, f.Rule, f.Severity, f.Attribute, f.Summary,
				w.rule, w.severity, w.attr, w.summary)
		}
		for _, s := range w.detail {
			if !strings.Contains(f.Detail, s) {
				t.Errorf("finding %d (%s) detail does not contain %q:\n%s", i, f.Summary, s, f.Detail)
			}
		}
	}
}

// checkWording checks what every finding promises: a rule, a short summary without a full stop, and
// a detail of full sentences that quotes the AWS error.
func checkWording(t *testing.T, f Finding) {
	t.Helper()
	if !strings.HasPrefix(f.Rule, "P") {
		t.Errorf("finding %q has rule %q", f.Summary, f.Rule)
	}
	if f.Summary == "" || strings.HasSuffix(f.Summary, ".") || strings.ToUpper(f.Summary[:1]) != f.Summary[:1] {
		t.Errorf("summary %q: want short, capitalised, no full stop", f.Summary)
	}
	if !strings.Contains(f.Detail, "AWS would reject the request at apply with: ") {
		t.Errorf("detail of %q does not quote the AWS error: %s", f.Summary, f.Detail)
	}
	if !strings.HasSuffix(f.Detail, ".") || strings.Contains(f.Detail, "..") {
		t.Errorf("detail of %q is not full sentences: %s", f.Summary, f.Detail)
	}
	if f.Severity == SeverityWarning && !strings.Contains(f.Detail, "This is a warning because") {
		t.Errorf("warning %q does not say why it is not an error: %s", f.Summary, f.Detail)
	}
}

func dump(fs Findings) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Rule + " " + f.Severity.String() + " " + f.Attribute + " " + f.Summary + ": " + f.Detail + "\n")
	}
	return b.String()
}

func ptr[T any](v T) *T { return &v }
