package planner

import "slices"

// Delta returns the elements to add (in want, not in have) and to remove (in have, not in want), each
// sorted and without duplicates. It is how updates of membership sets (route tables, subnets,
// security groups) become ModifyVpcEndpoint add/remove lists. Both results are nil when empty.
func Delta(have, want []string) (add, remove []string) {
	h := setOf(have)
	w := setOf(want)
	for id := range w {
		if _, ok := h[id]; !ok {
			add = append(add, id)
		}
	}
	for id := range h {
		if _, ok := w[id]; !ok {
			remove = append(remove, id)
		}
	}
	slices.Sort(add)
	slices.Sort(remove)
	return add, remove
}

func setOf(ids []string) map[string]struct{} {
	m := make(map[string]struct{}, len(ids))
	for _, id := range ids {
		m[id] = struct{}{}
	}
	return m
}
