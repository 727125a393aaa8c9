package awsclient

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

// maxFilterValues bounds the values of one EC2 filter in a batched describe call.
const maxFilterValues = 100

// factCache holds the facts gathered for the planner. Immutable facts (a service's details, a
// subnet's or security group's VPC and zone, prefix lists) live as long as the Client; mutable facts
// (route tables and their routes, VPC DNS attributes, the endpoints of a VPC, the gateway count) are
// dropped by InvalidateMutableFacts. gen counts invalidations, so that a fetch started before one
// does not store stale data after it.
type factCache struct {
	mu  sync.Mutex
	gen uint64

	// immutable
	services      map[string]*planner.ServiceFacts // key name|region; nil = does not exist
	allServices   []planner.ServiceFacts
	allLoaded     bool
	subnets       map[string]planner.SubnetFacts
	groups        map[string]planner.SecurityGroupFacts
	prefixLists   map[string]*planner.PrefixListFacts // by service name; nil = none
	defaultGroups map[string]string                   // VPC id → its default security group ("" = none)

	// mutable
	routeTables  map[string]planner.RouteTableFacts
	vpcs         map[string]*planner.VPCFacts // DNS attributes; nil = does not exist
	vpcExists    map[string]bool
	endpoints    map[string][]planner.EndpointFacts
	endpointGen  map[string]uint64 // VPC id → changes recorded since; a fetch started before one is not stored
	gatewayCount *int
	listing      *endpointListing // the region's endpoints, as the run's first Read listed them
	listingGen   uint64
	listingErr   error // the listing failed (for good, or beyond ReadRetryWindow): Reads go by id for the run

	flights         map[string]*flight
	batchers        map[string]any                             // kind#gen → *batcher[V] of batchFacts
	serviceBatchers map[string]*batcher[*planner.ServiceFacts] // by service region ("": the provider's)
}

// flight is one in-progress fetch that concurrent callers of the same key wait for.
type flight struct {
	done chan struct{}
	val  any
	err  error
}

func newFactCache() *factCache {
	return &factCache{
		services:      map[string]*planner.ServiceFacts{},
		subnets:       map[string]planner.SubnetFacts{},
		groups:        map[string]planner.SecurityGroupFacts{},
		prefixLists:   map[string]*planner.PrefixListFacts{},
		defaultGroups: map[string]string{},
		routeTables:   map[string]planner.RouteTableFacts{},
		vpcs:          map[string]*planner.VPCFacts{},
		vpcExists:     map[string]bool{},
		endpoints:     map[string][]planner.EndpointFacts{},
		endpointGen:   map[string]uint64{},
		flights:       map[string]*flight{},

		serviceBatchers: map[string]*batcher[*planner.ServiceFacts]{},
		batchers:        map[string]any{},
	}
}

// doFlight runs fetch once per key among concurrent callers and gives all of them its result. fetch
// also stores the result in the cache (with store, which drops mutable facts fetched before an
// invalidation).
func doFlight[T any](ctx context.Context, fc *factCache, key string, fetch func(gen uint64) (T, error)) (T, error) {
	fc.mu.Lock()
	key = fmt.Sprintf("%s#%d", key, fc.gen)
	if f, ok := fc.flights[key]; ok {
		fc.mu.Unlock()
		select {
		case <-f.done:
			v, _ := f.val.(T)
			return v, f.err
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
	}
	f := &flight{done: make(chan struct{})}
	fc.flights[key] = f
	gen := fc.gen
	fc.mu.Unlock()

	v, err := fetch(gen)
	f.val, f.err = v, err

	fc.mu.Lock()
	delete(fc.flights, key)
	fc.mu.Unlock()
	close(f.done)
	return v, err
}

// store runs fn under the lock when gen is current (always, for immutable facts).
func (fc *factCache) store(gen uint64, mutable bool, fn func()) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if mutable && gen != fc.gen {
		return
	}
	fn()
}

// InvalidateMutableFacts drops the cached mutable facts (routes, VPC DNS attributes, endpoints of a
// VPC, gateway count, the run's listing). The provider's own changes update the facts they touch
// instead (EndpointCreated, EndpointChanged, EndpointDeleted); this is for a caller that suspects
// outside changes everywhere.
func (c *Client) InvalidateMutableFacts() {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	defer fc.mu.Unlock()
	fc.gen++
	fc.routeTables = map[string]planner.RouteTableFacts{}
	fc.vpcs = map[string]*planner.VPCFacts{}
	fc.endpoints = map[string][]planner.EndpointFacts{}
	fc.gatewayCount = nil
	fc.listingChangedLocked()
}

// ServiceFacts describes one service (serviceRegion "" or the provider's region: the local one).
// It returns nil, nil when the service does not exist.
func (c *Client) ServiceFacts(ctx context.Context, serviceName, serviceRegion string) (*planner.ServiceFacts, error) {
	c.init()
	fc := c.facts
	if serviceRegion == c.Region {
		serviceRegion = ""
	}
	key := serviceName + "|" + serviceRegion
	fc.mu.Lock()
	sf, ok := fc.services[key]
	b := fc.serviceBatchers[serviceRegion]
	if !ok && b == nil {
		b = newBatcher(func(ctx context.Context, names []string) (map[string]*planner.ServiceFacts, error) {
			return c.describeServices(ctx, names, serviceRegion)
		})
		fc.serviceBatchers[serviceRegion] = b
	}
	fc.mu.Unlock()
	if !ok {
		// Batched: the services the other resources being planned look up at the same time are
		// described by the same call.
		found, err := b.get(ctx, []string{serviceName})
		if err != nil {
			return nil, err
		}
		sf = found[serviceName]
	}
	return cloneServiceFacts(sf), nil
}

// describeServices describes the named services of serviceRegion ("": the provider's) in one call
// (per hundred) and caches them; a name that does not exist is absent from the map, and cached as
// such. EC2 fails the whole call when one name does not exist (InvalidServiceName): the names of
// that call are then described one by one.
func (c *Client) describeServices(ctx context.Context, names []string, serviceRegion string) (map[string]*planner.ServiceFacts, error) {
	out := make(map[string]*planner.ServiceFacts, len(names))
	describe := func(names []string) error {
		input := &ec2.DescribeVpcEndpointServicesInput{ServiceNames: names}
		if serviceRegion != "" {
			input.ServiceRegions = []string{serviceRegion}
		}
		details, err := FindVPCEndpointServices(ctx, c.EC2, input)
		if err != nil {
			return err
		}
		merged := ServiceFactsFromSDKList(details, c.Region)
		for i := range merged {
			if slices.Contains(names, merged[i].ServiceName) {
				out[merged[i].ServiceName] = &merged[i]
			}
		}
		return nil
	}
	for chunk := range slices.Chunk(names, maxFilterValues) {
		err := describe(chunk)
		if IsNotFound(err) && len(chunk) > 1 {
			for _, n := range chunk {
				if err := describe([]string{n}); err != nil && !IsNotFound(err) {
					return nil, fmt.Errorf("describing VPC endpoint service (%s): %w", n, err)
				}
			}
			continue
		}
		if err != nil && !IsNotFound(err) {
			return nil, fmt.Errorf("describing VPC endpoint services (%s): %w", strings.Join(chunk, ", "), err)
		}
	}
	fc := c.facts
	fc.mu.Lock()
	for _, n := range names {
		fc.services[n+"|"+serviceRegion] = out[n] // nil: does not exist
	}
	fc.mu.Unlock()
	return out, nil
}

// AllServiceFacts describes every service offered in the region.
func (c *Client) AllServiceFacts(ctx context.Context) ([]planner.ServiceFacts, error) {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	all, ok := fc.allServices, fc.allLoaded
	fc.mu.Unlock()
	if !ok {
		var err error
		all, err = doFlight(ctx, fc, "services", func(gen uint64) ([]planner.ServiceFacts, error) {
			details, err := FindVPCEndpointServices(ctx, c.EC2, &ec2.DescribeVpcEndpointServicesInput{})
			if err != nil && !IsNotFound(err) {
				return nil, fmt.Errorf("describing VPC endpoint services: %w", err)
			}
			all := ServiceFactsFromSDKList(details, c.Region)
			fc.store(gen, false, func() {
				fc.allServices, fc.allLoaded = all, true
				for i := range all {
					if all[i].ServiceRegion == "" {
						fc.services[all[i].ServiceName+"|"] = cloneServiceFacts(&all[i])
					}
				}
			})
			return all, nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]planner.ServiceFacts, len(all))
	for i := range all {
		out[i] = *cloneServiceFacts(&all[i])
	}
	return out, nil
}

// batchFacts is the shared shape of RouteTableFacts, SubnetFacts and SecurityGroupFacts: take the
// cached ids, fetch the others with one filtered describe per maxFilterValues ids (a filter does not
// fail on unknown ids, an id list does), store them, and return the map of the ids that exist.
func batchFacts[V any](ctx context.Context, fc *factCache, kind string, mutable bool, ids []string,
	cache func() map[string]V, fetch func(ctx context.Context, ids []string) (map[string]V, error),
) (map[string]V, error) {
	out := make(map[string]V, len(ids))
	var missing []string
	fc.mu.Lock()
	m := cache()
	for _, id := range ids {
		if id == "" {
			continue
		}
		if v, ok := m[id]; ok {
			out[id] = v
		} else if !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	fc.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	// Batched: the ids the other resources being planned ask for at the same time (the subnets of
	// other VPCs) are described by the same call. One batcher per kind and generation: a fetch
	// started before an invalidation answers its callers but does not store mutable facts.
	fc.mu.Lock()
	gen := fc.gen
	bkey := fmt.Sprintf("%s#%d", kind, gen)
	b, _ := fc.batchers[bkey].(*batcher[V])
	if b == nil {
		b = newBatcher(func(ctx context.Context, ids []string) (map[string]V, error) {
			all := map[string]V{}
			for chunk := range slices.Chunk(ids, maxFilterValues) {
				got, err := fetch(ctx, chunk)
				if err != nil {
					return nil, err
				}
				maps.Copy(all, got)
			}
			fc.store(gen, mutable, func() { maps.Copy(cache(), all) })
			return all, nil
		})
		fc.batchers[bkey] = b
	}
	fc.mu.Unlock()
	got, err := b.get(ctx, missing)
	if err != nil {
		return nil, err
	}
	for _, id := range missing {
		if v, ok := got[id]; ok {
			out[id] = v
		}
	}
	return out, nil
}

// RouteTableFacts describes the route tables in one batched call; ids that do not exist are absent
// from the map.
func (c *Client) RouteTableFacts(ctx context.Context, ids []string) (map[string]planner.RouteTableFacts, error) {
	c.init()
	fc := c.facts
	out, err := batchFacts(ctx, fc, "rtb", true, ids,
		func() map[string]planner.RouteTableFacts { return fc.routeTables },
		func(ctx context.Context, ids []string) (map[string]planner.RouteTableFacts, error) {
			rts, err := FindRouteTables(ctx, c.EC2, &ec2.DescribeRouteTablesInput{
				Filters: []ec2types.Filter{filter("route-table-id", ids...)},
			})
			if err != nil && !IsNotFound(err) {
				return nil, fmt.Errorf("describing route tables: %w", err)
			}
			m := make(map[string]planner.RouteTableFacts, len(rts))
			for _, rt := range rts {
				f := RouteTableFactsFromSDK(rt)
				m[f.RouteTableID] = f
			}
			return m, nil
		})
	if err != nil {
		return nil, err
	}
	for k, v := range out {
		v.Routes = slices.Clone(v.Routes)
		out[k] = v
	}
	return out, nil
}

// SubnetFacts describes the subnets in one batched call; ids that do not exist are absent.
func (c *Client) SubnetFacts(ctx context.Context, ids []string) (map[string]planner.SubnetFacts, error) {
	c.init()
	fc := c.facts
	return batchFacts(ctx, fc, "subnet", false, ids,
		func() map[string]planner.SubnetFacts { return fc.subnets },
		func(ctx context.Context, ids []string) (map[string]planner.SubnetFacts, error) {
			subnets, err := FindSubnets(ctx, c.EC2, &ec2.DescribeSubnetsInput{
				Filters: []ec2types.Filter{filter("subnet-id", ids...)},
			})
			if err != nil && !IsNotFound(err) {
				return nil, fmt.Errorf("describing subnets: %w", err)
			}
			m := make(map[string]planner.SubnetFacts, len(subnets))
			for _, s := range subnets {
				f := SubnetFactsFromSDK(s)
				m[f.SubnetID] = f
			}
			return m, nil
		})
}

// SecurityGroupFacts describes the security groups in one batched call; ids that do not exist are
// absent.
func (c *Client) SecurityGroupFacts(ctx context.Context, ids []string) (map[string]planner.SecurityGroupFacts, error) {
	c.init()
	fc := c.facts
	return batchFacts(ctx, fc, "sg", false, ids,
		func() map[string]planner.SecurityGroupFacts { return fc.groups },
		func(ctx context.Context, ids []string) (map[string]planner.SecurityGroupFacts, error) {
			groups, err := FindSecurityGroups(ctx, c.EC2, &ec2.DescribeSecurityGroupsInput{
				Filters: []ec2types.Filter{filter("group-id", ids...)},
			})
			if err != nil && !IsNotFound(err) {
				return nil, fmt.Errorf("describing security groups: %w", err)
			}
			m := make(map[string]planner.SecurityGroupFacts, len(groups))
			for _, g := range groups {
				m[aws.ToString(g.GroupId)] = planner.SecurityGroupFacts{GroupID: aws.ToString(g.GroupId), VPCID: aws.ToString(g.VpcId)}
			}
			return m, nil
		})
}

// VPCFacts describes the VPC's DNS attributes (two DescribeVpcAttribute calls); nil, nil when the
// VPC does not exist.
func (c *Client) VPCFacts(ctx context.Context, vpcID string) (*planner.VPCFacts, error) {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	v, ok := fc.vpcs[vpcID]
	fc.mu.Unlock()
	if !ok {
		var err error
		v, err = doFlight(ctx, fc, "vpc:"+vpcID, func(gen uint64) (*planner.VPCFacts, error) {
			// The two attributes at once: one round of calls.
			f := planner.VPCFacts{VPCID: vpcID}
			var err, hostnamesErr error
			var wg sync.WaitGroup
			wg.Go(func() {
				f.EnableDNSHostnames, hostnamesErr = FindVPCAttribute(ctx, c.EC2, vpcID, ec2types.VpcAttributeNameEnableDnsHostnames)
			})
			f.EnableDNSSupport, err = FindVPCAttribute(ctx, c.EC2, vpcID, ec2types.VpcAttributeNameEnableDnsSupport)
			wg.Wait()
			if ErrCodeEquals(err, ErrCodeInvalidVPCIDNotFound) {
				fc.store(gen, false, func() { fc.vpcs[vpcID] = nil; fc.vpcExists[vpcID] = false })
				return nil, nil
			}
			if err != nil {
				return nil, fmt.Errorf("describing VPC (%s) attribute enableDnsSupport: %w", vpcID, err)
			}
			if hostnamesErr != nil {
				return nil, fmt.Errorf("describing VPC (%s) attribute enableDnsHostnames: %w", vpcID, hostnamesErr)
			}
			fc.store(gen, true, func() { fc.vpcs[vpcID] = &f; fc.vpcExists[vpcID] = true })
			return &f, nil
		})
		if err != nil {
			return nil, err
		}
	}
	if v == nil {
		return nil, nil
	}
	cp := *v
	return &cp, nil
}

// VPCExists reports whether the VPC exists (one DescribeVpcs, cached: a VPC's existence in this run
// is what the planner checks, P10).
func (c *Client) VPCExists(ctx context.Context, vpcID string) (bool, error) {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	exists, ok := fc.vpcExists[vpcID]
	fc.mu.Unlock()
	if ok {
		return exists, nil
	}
	return doFlight(ctx, fc, "vpc-exists:"+vpcID, func(gen uint64) (bool, error) {
		_, err := FindVPCByID(ctx, c.EC2, vpcID)
		if err != nil && !IsNotFound(err) {
			return false, fmt.Errorf("describing VPC (%s): %w", vpcID, err)
		}
		exists := err == nil
		fc.store(gen, false, func() { fc.vpcExists[vpcID] = exists })
		return exists, nil
	})
}

// PrefixListFacts describes the AWS-managed prefix list of a service (named after the full service
// name); nil, nil when there is none.
func (c *Client) PrefixListFacts(ctx context.Context, serviceName string) (*planner.PrefixListFacts, error) {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	p, ok := fc.prefixLists[serviceName]
	fc.mu.Unlock()
	if !ok {
		var err error
		p, err = doFlight(ctx, fc, "pl:"+serviceName, func(gen uint64) (*planner.PrefixListFacts, error) {
			pl, err := FindPrefixListByName(ctx, c.EC2, serviceName)
			if IsNotFound(err) {
				fc.store(gen, false, func() { fc.prefixLists[serviceName] = nil })
				return nil, nil
			}
			if err != nil {
				return nil, fmt.Errorf("describing prefix list (%s): %w", serviceName, err)
			}
			f := PrefixListFactsFromSDK(*pl)
			fc.store(gen, false, func() { fc.prefixLists[serviceName] = &f })
			return &f, nil
		})
		if err != nil {
			return nil, err
		}
	}
	if p == nil {
		return nil, nil
	}
	cp := *p
	cp.CIDRs = slices.Clone(p.CIDRs)
	return &cp, nil
}

// EndpointFacts describes every endpoint in the VPC that is not deleting or deleted.
func (c *Client) EndpointFacts(ctx context.Context, vpcID string) ([]planner.EndpointFacts, error) {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	eps, ok := fc.endpoints[vpcID]
	fc.mu.Unlock()
	if !ok {
		// The run's Reads listed the region, or are listing it right now (Terraform plans new
		// resources while it refreshes others): that listing answers this too, rather than a call
		// of its own.
		l, err := c.joinListing(ctx)
		if err != nil {
			return nil, err
		}
		if l != nil {
			eps, ok = fc.endpointsFromListing(l, []string{vpcID})[vpcID], true
		}
	}
	if !ok {
		// Batched: the VPCs of the other resources being planned are described by the same call.
		fc.mu.Lock()
		gen := fc.gen
		bkey := fmt.Sprintf("endpoints#%d", gen)
		b, _ := fc.batchers[bkey].(*batcher[[]planner.EndpointFacts])
		if b == nil {
			b = newBatcher(func(ctx context.Context, vpcs []string) (map[string][]planner.EndpointFacts, error) {
				return c.describeVPCEndpointFacts(ctx, gen, vpcs)
			})
			fc.batchers[bkey] = b
		}
		fc.mu.Unlock()
		got, err := b.get(ctx, []string{vpcID})
		if err != nil {
			return nil, err
		}
		eps = got[vpcID]
	}
	out := make([]planner.EndpointFacts, len(eps))
	for i, e := range eps {
		e.RouteTableIDs = slices.Clone(e.RouteTableIDs)
		out[i] = e
	}
	return out, nil
}

// endpointsFromListing takes the VPCs' endpoints from the listing, and caches them unless a change
// was recorded since the listing began (every recorded change or invalidation moves listingGen).
func (fc *factCache) endpointsFromListing(l *endpointListing, vpcs []string) map[string][]planner.EndpointFacts {
	out := make(map[string][]planner.EndpointFacts, len(vpcs))
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for _, v := range vpcs {
		out[v] = l.vpcEndpoints(v)
		if fc.listingGen == l.gen {
			fc.endpoints[v] = out[v]
		}
	}
	return out
}

// describeVPCEndpointFacts describes the endpoints of the VPCs (one call per hundred VPCs), not
// deleting or deleted, and caches each VPC's list unless a change was recorded in it since the call
// began (or the mutable facts were invalidated: gen). Every VPC asked for is in the map.
func (c *Client) describeVPCEndpointFacts(ctx context.Context, gen uint64, vpcs []string) (map[string][]planner.EndpointFacts, error) {
	fc := c.facts
	fc.mu.Lock()
	vgens := make(map[string]uint64, len(vpcs))
	for _, v := range vpcs {
		vgens[v] = fc.endpointGen[v]
	}
	fc.mu.Unlock()
	// A refresh that began listing the region while this batch was collected answers it: Terraform
	// may plan a new resource a moment before it reads the others.
	if l, err := c.joinListing(ctx); err != nil {
		return nil, err
	} else if l != nil {
		return fc.endpointsFromListing(l, vpcs), nil
	}
	out := make(map[string][]planner.EndpointFacts, len(vpcs))
	for _, v := range vpcs {
		out[v] = []planner.EndpointFacts{}
	}
	for chunk := range slices.Chunk(vpcs, maxFilterValues) {
		found, err := FindVPCEndpoints(ctx, c.EC2, &ec2.DescribeVpcEndpointsInput{
			Filters: []ec2types.Filter{filter("vpc-id", chunk...)},
		})
		if err != nil && !IsNotFound(err) {
			return nil, fmt.Errorf("describing VPC endpoints in VPCs (%s): %w", strings.Join(chunk, ", "), err)
		}
		for _, ep := range found {
			v := aws.ToString(ep.VpcId)
			if list, asked := out[v]; asked && !isGone(string(ep.State)) {
				out[v] = append(list, EndpointFactsFromSDK(ep))
			}
		}
	}
	for _, list := range out {
		sort.Slice(list, func(i, j int) bool { return list[i].VPCEndpointID < list[j].VPCEndpointID })
	}
	fc.store(gen, true, func() {
		for v, list := range out {
			if fc.endpointGen[v] == vgens[v] {
				fc.endpoints[v] = list
			}
		}
	})
	return out, nil
}

// AWS's default quotas for VPC endpoints (Service Quotas "Gateway VPC endpoints per Region" and
// "Interface and Gateway Load Balancer endpoints per VPC"). The planner's P12 warns against these; an
// account with a raised quota can ignore the warning.
const (
	DefaultGatewayEndpointsPerRegion = 20
	DefaultInterfaceEndpointsPerVPC  = 50
)

// GatewayEndpointCount counts the region's gateway endpoints that are not deleting or deleted.
func (c *Client) GatewayEndpointCount(ctx context.Context) (int, error) {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	cached := fc.gatewayCount
	if l := fc.listing; cached == nil && l != nil {
		n := 0
		for _, ep := range l.byID {
			if !isGone(string(ep.State)) && strings.EqualFold(string(ep.VpcEndpointType), planner.TypeGateway) {
				n++
			}
		}
		fc.gatewayCount, cached = &n, &n
	}
	fc.mu.Unlock()
	if cached != nil {
		return *cached, nil
	}
	return doFlight(ctx, fc, "gateway-count", func(gen uint64) (int, error) {
		eps, err := FindVPCEndpoints(ctx, c.EC2, &ec2.DescribeVpcEndpointsInput{
			Filters: []ec2types.Filter{filter("vpc-endpoint-type", string(ec2types.VpcEndpointTypeGateway))},
		})
		if err != nil && !IsNotFound(err) {
			return 0, fmt.Errorf("describing gateway VPC endpoints: %w", err)
		}
		n := 0
		for _, ep := range eps {
			if !isGone(string(ep.State)) && strings.EqualFold(string(ep.VpcEndpointType), planner.TypeGateway) {
				n++
			}
		}
		fc.store(gen, true, func() { fc.gatewayCount = &n })
		return n, nil
	})
}

func isGone(state string) bool {
	return StateEquals(state, StateDeleted) || StateEquals(state, StateDeleting)
}

// EndpointCreated records in the cached facts an endpoint this provider created: its VPC's endpoint
// list (when cached) gets it, and the region's gateway count one more for a gateway. Nothing else is
// dropped: a create never changes DNS attributes or subnets.
func (c *Client) EndpointCreated(ep ec2types.VpcEndpoint) { c.recordEndpoint(ep, true) }

// EndpointChanged records in the cached facts an endpoint this provider modified, as described now.
func (c *Client) EndpointChanged(ep ec2types.VpcEndpoint) { c.recordEndpoint(ep, false) }

func (c *Client) recordEndpoint(ep ec2types.VpcEndpoint, created bool) {
	c.init()
	fc := c.facts
	f := EndpointFactsFromSDK(ep)
	vpc := aws.ToString(ep.VpcId)
	fc.mu.Lock()
	defer fc.mu.Unlock()
	fc.listingChangedLocked()
	fc.endpointGen[vpc]++
	list, cached := fc.endpoints[vpc]
	known := false
	for i := range list {
		if list[i].VPCEndpointID == f.VPCEndpointID {
			list[i], known = f, true
		}
	}
	if cached && !known {
		fc.endpoints[vpc] = append(list, f)
	}
	if created && !known && fc.gatewayCount != nil && strings.EqualFold(f.Type, planner.TypeGateway) {
		n := *fc.gatewayCount + 1
		fc.gatewayCount = &n
	}
	for _, rt := range ep.RouteTableIds {
		delete(fc.routeTables, rt)
	}
}

// EndpointDeleted records in the cached facts that this provider deleted an endpoint: it leaves its
// VPC's endpoint list and the gateway count, and its route tables' routes are read again.
func (c *Client) EndpointDeleted(id string) {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	defer fc.mu.Unlock()
	fc.listingChangedLocked()
	for vpc, list := range fc.endpoints {
		for i, e := range list {
			if e.VPCEndpointID != id {
				continue
			}
			fc.endpointGen[vpc]++
			fc.endpoints[vpc] = append(slices.Clone(list[:i]), list[i+1:]...)
			if fc.gatewayCount != nil && strings.EqualFold(e.Type, planner.TypeGateway) {
				n := max(*fc.gatewayCount-1, 0)
				fc.gatewayCount = &n
			}
			for _, rt := range e.RouteTableIDs {
				delete(fc.routeTables, rt)
			}
			return
		}
	}
	// Not in a cached list: its VPC and type are unknown here; the gateway count is read again.
	fc.gatewayCount = nil
}

// RouteTablesChanged drops the cached facts of route tables whose routes a change touched.
func (c *Client) RouteTablesChanged(lists ...[]string) {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for _, ids := range lists {
		for _, id := range ids {
			delete(fc.routeTables, id)
		}
	}
}

// InvalidateEndpointFacts drops the cached endpoint list of one VPC (an outside change is suspected,
// e.g. a private DNS name still held).
func (c *Client) InvalidateEndpointFacts(vpcID string) {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	defer fc.mu.Unlock()
	fc.endpointGen[vpcID]++
	delete(fc.endpoints, vpcID)
	fc.listingChangedLocked() // else the VPC's endpoints would be taken from the listing again
}
