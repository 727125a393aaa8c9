package provider

import (
	"regexp"
	"testing"
)

func TestParseAssociationID(t *testing.T) {
	t.Parallel()
	rtb := regexp.MustCompile(`^rtb-[0-9a-f]+$`)
	for id, want := range map[string][2]string{
		"vpce-0123abcd/rtb-0a1b":  {"vpce-0123abcd", "rtb-0a1b"},
		"vpce-1/rtb-2":            {"vpce-1", "rtb-2"},
		"vpce-1":                  {},
		"rtb-2/vpce-1":            {},
		"vpce-1/rtb-2/x":          {},
		"vpce-1/subnet-2":         {},
		"vpce-1_rtb-2":            {},
		"":                        {},
		"vpce-1/":                 {},
		"VPCE-1/RTB-2":            {},
		" vpce-0123abcd/rtb-0a1b": {},
	} {
		e, m, err := parseAssociationID(id, rtb)
		if want[0] == "" {
			if err == nil {
				t.Errorf("parseAssociationID(%q) = %q, %q, want an error", id, e, m)
			}
			continue
		}
		if err != nil || e != want[0] || m != want[1] {
			t.Errorf("parseAssociationID(%q) = %q, %q, %v, want %q, %q", id, e, m, err, want[0], want[1])
		}
	}
}
