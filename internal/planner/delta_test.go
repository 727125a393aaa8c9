package planner

import (
	"slices"
	"testing"
)

func TestDelta(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                string
		have, want          []string
		wantAdd, wantRemove []string
	}{
		{name: "both empty"},
		{name: "add all", want: []string{"rtb-b", "rtb-a"}, wantAdd: []string{"rtb-a", "rtb-b"}},
		{name: "remove all", have: []string{"rtb-b", "rtb-a"}, wantRemove: []string{"rtb-a", "rtb-b"}},
		{name: "equal sets in other order", have: []string{"a", "b"}, want: []string{"b", "a"}},
		{name: "mixed", have: []string{"a", "b", "c"}, want: []string{"c", "d", "b", "e"}, wantAdd: []string{"d", "e"}, wantRemove: []string{"a"}},
		{name: "duplicates", have: []string{"a", "a", "b"}, want: []string{"c", "c", "b", "b"}, wantAdd: []string{"c"}, wantRemove: []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			add, remove := Delta(tt.have, tt.want)
			if !slices.Equal(add, tt.wantAdd) {
				t.Errorf("add = %v, want %v", add, tt.wantAdd)
			}
			if !slices.Equal(remove, tt.wantRemove) {
				t.Errorf("remove = %v, want %v", remove, tt.wantRemove)
			}
		})
	}
}
