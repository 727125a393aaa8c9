package planner

import (
	"slices"
	"sort"
)

// PickSubnets chooses the subnets of an interface endpoint from candidates: one per Availability Zone
// that the service offers (offered holds zone names; empty means every zone, as for a cross-region
// service, whose zones AWS does not list). In each zone a subnet already in use is kept, so that a
// new candidate never moves the endpoint's network interface; otherwise the zone's lowest subnet ID
// is taken, so that the picks depend only on the candidates. dropped are the candidates not picked
// because the service is not offered in their zone, by subnet ID.
func PickSubnets(candidates []SubnetFacts, offered []string, inUse []string) (picks []string, dropped []SubnetFacts) {
	byZone := map[string][]SubnetFacts{}
	for _, c := range candidates {
		byZone[c.AvailabilityZone] = append(byZone[c.AvailabilityZone], c)
	}
	for zone, subnets := range byZone {
		if len(offered) > 0 && !slices.Contains(offered, zone) {
			dropped = append(dropped, subnets...)
			continue
		}
		sort.Slice(subnets, func(i, j int) bool { return subnets[i].SubnetID < subnets[j].SubnetID })
		pick := subnets[0].SubnetID
		for _, s := range subnets {
			if slices.Contains(inUse, s.SubnetID) {
				pick = s.SubnetID
				break
			}
		}
		picks = append(picks, pick)
	}
	sort.Strings(picks)
	sort.Slice(dropped, func(i, j int) bool { return dropped[i].SubnetID < dropped[j].SubnetID })
	return picks, dropped
}
