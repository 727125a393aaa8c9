package planner

import (
	"slices"
	"testing"
)

func TestPickSubnets(t *testing.T) {
	t.Parallel()
	sn := func(id, zone string) SubnetFacts { return SubnetFacts{SubnetID: id, AvailabilityZone: zone} }
	six := []SubnetFacts{
		sn("subnet-a2", "us-east-1a"), sn("subnet-a1", "us-east-1a"),
		sn("subnet-b1", "us-east-1b"), sn("subnet-c1", "us-east-1c"),
		sn("subnet-d1", "us-east-1d"), sn("subnet-e1", "us-east-1e"), sn("subnet-f1", "us-east-1f"),
	}
	offered := []string{"us-east-1a", "us-east-1b", "us-east-1c"}

	picks, dropped := PickSubnets(six, offered, nil)
	if want := []string{"subnet-a1", "subnet-b1", "subnet-c1"}; !slices.Equal(picks, want) {
		t.Errorf("picks = %v, want %v (one per offered zone, the lowest id)", picks, want)
	}
	var ids []string
	for _, d := range dropped {
		ids = append(ids, d.SubnetID)
	}
	if want := []string{"subnet-d1", "subnet-e1", "subnet-f1"}; !slices.Equal(ids, want) {
		t.Errorf("dropped = %v, want %v", ids, want)
	}

	// Stable: the subnet in use in its zone is kept although a lower id is a candidate.
	picks, _ = PickSubnets(six, offered, []string{"subnet-a2", "subnet-zz"})
	if want := []string{"subnet-a2", "subnet-b1", "subnet-c1"}; !slices.Equal(picks, want) {
		t.Errorf("picks with subnet-a2 in use = %v, want %v", picks, want)
	}

	// No zone list (a cross-region service): one per candidate zone.
	picks, dropped = PickSubnets(six, nil, nil)
	if len(picks) != 6 || len(dropped) != 0 {
		t.Errorf("without offered zones: picks %v, dropped %v", picks, dropped)
	}

	// The order of the candidates does not matter.
	rev := slices.Clone(six)
	slices.Reverse(rev)
	a, _ := PickSubnets(six, offered, nil)
	b, _ := PickSubnets(rev, offered, nil)
	if !slices.Equal(a, b) {
		t.Errorf("picks depend on the candidates' order: %v vs %v", a, b)
	}
}
