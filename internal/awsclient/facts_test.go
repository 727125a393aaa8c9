package awsclient

import (
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

func TestServiceFactsFromSDK(t *testing.T) {
	t.Parallel()
	d := ec2types.ServiceDetail{
		ServiceName:                aws.String("com.amazonaws.us-east-1.s3"),
		ServiceType:                []ec2types.ServiceTypeDetail{{ServiceType: "Gateway"}, {ServiceType: "Interface"}, {ServiceType: "Interface"}},
		AvailabilityZones:          []string{"us-east-1a", "us-east-1b"},
		AvailabilityZoneIds:        []string{"use1-az1", "use1-az2"},
		PrivateDnsName:             aws.String("*.s3.us-east-1.amazonaws.com"),
		PrivateDnsNames:            []ec2types.PrivateDnsDetails{{PrivateDnsName: aws.String("*.s3.us-east-1.amazonaws.com")}, {PrivateDnsName: aws.String("s3.us-east-1.amazonaws.com")}},
		VpcEndpointPolicySupported: aws.Bool(true),
		AcceptanceRequired:         aws.Bool(false),
		SupportedIpAddressTypes:    []ec2types.ServiceConnectivityType{"ipv4", "ipv6"},
		Owner:                      aws.String("amazon"),
		ServiceRegion:              aws.String("us-east-1"),
	}
	got := ServiceFactsFromSDK(d, "us-east-1")
	want := planner.ServiceFacts{
		ServiceName:             "com.amazonaws.us-east-1.s3",
		ServiceTypes:            []string{planner.TypeGateway, planner.TypeInterface},
		AvailabilityZones:       []string{"us-east-1a", "us-east-1b"},
		AvailabilityZoneIDs:     []string{"use1-az1", "use1-az2"},
		PrivateDNSNames:         []string{"*.s3.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com"},
		PolicySupported:         true,
		SupportedIPAddressTypes: []string{"ipv4", "ipv6"},
		Owner:                   "amazon",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}

	cross := ServiceFactsFromSDK(ec2types.ServiceDetail{ServiceName: aws.String("com.amazonaws.vpce.eu-west-1.vpce-svc-1"),
		ServiceRegion: aws.String("eu-west-1"), AcceptanceRequired: aws.Bool(true), Owner: aws.String("111122223333")}, "us-east-1")
	if cross.ServiceRegion != "eu-west-1" || !reflect.DeepEqual(cross.SupportedRegions, []string{"eu-west-1"}) || !cross.AcceptanceRequired ||
		cross.PrivateDNSNames != nil || cross.PolicySupported {
		t.Errorf("cross-region facts = %+v", cross)
	}
}

func TestOtherFactsFromSDK(t *testing.T) {
	t.Parallel()
	sub := SubnetFactsFromSDK(ec2types.Subnet{SubnetId: aws.String("subnet-1"), VpcId: aws.String("vpc-1"),
		AvailabilityZone: aws.String("us-east-1a"), AvailabilityZoneId: aws.String("use1-az1"), CidrBlock: aws.String("10.0.1.0/24"),
		Ipv6CidrBlockAssociationSet: []ec2types.SubnetIpv6CidrBlockAssociation{{Ipv6CidrBlock: aws.String("2600::/64"),
			Ipv6CidrBlockState: &ec2types.SubnetCidrBlockState{State: "associated"}}}})
	if sub != (planner.SubnetFacts{SubnetID: "subnet-1", VPCID: "vpc-1", AvailabilityZone: "us-east-1a", AvailabilityZoneID: "use1-az1", HasIPv4: true, HasIPv6: true}) {
		t.Errorf("subnet facts = %+v", sub)
	}
	v6only := SubnetFactsFromSDK(ec2types.Subnet{SubnetId: aws.String("subnet-2"), Ipv6Native: aws.Bool(true),
		Ipv6CidrBlockAssociationSet: []ec2types.SubnetIpv6CidrBlockAssociation{{Ipv6CidrBlock: aws.String("2600::/64"),
			Ipv6CidrBlockState: &ec2types.SubnetCidrBlockState{State: "disassociated"}}}})
	if v6only.HasIPv4 || v6only.HasIPv6 {
		t.Errorf("ipv6-native subnet with a disassociated block = %+v", v6only)
	}

	rt := RouteTableFactsFromSDK(ec2types.RouteTable{RouteTableId: aws.String("rtb-1"), VpcId: aws.String("vpc-1"), Routes: []ec2types.Route{
		{DestinationCidrBlock: aws.String("10.0.0.0/16"), GatewayId: aws.String("local")},
		{DestinationPrefixListId: aws.String("pl-63a5400a"), GatewayId: aws.String("vpce-1")},
	}})
	if !reflect.DeepEqual(rt, planner.RouteTableFacts{RouteTableID: "rtb-1", VPCID: "vpc-1",
		Routes: []planner.Route{{DestinationPrefixListID: "pl-63a5400a", GatewayID: "vpce-1"}}}) {
		t.Errorf("route table facts = %+v", rt)
	}

	vpc := VPCFactsFromSDK(ec2types.Vpc{VpcId: aws.String("vpc-1"), Ipv6CidrBlockAssociationSet: []ec2types.VpcIpv6CidrBlockAssociation{
		{Ipv6CidrBlock: aws.String("2600::/56"), Ipv6CidrBlockState: &ec2types.VpcCidrBlockState{State: "associated"}}}})
	if vpc != (planner.VPCFacts{VPCID: "vpc-1", HasIPv6: true}) {
		t.Errorf("vpc facts = %+v", vpc)
	}

	pl := PrefixListFactsFromSDK(ec2types.PrefixList{PrefixListId: aws.String("pl-1"), PrefixListName: aws.String("com.amazonaws.us-east-1.s3"), Cidrs: []string{"52.216.0.0/15"}})
	if !reflect.DeepEqual(pl, planner.PrefixListFacts{PrefixListID: "pl-1", PrefixListName: "com.amazonaws.us-east-1.s3", CIDRs: []string{"52.216.0.0/15"}}) {
		t.Errorf("prefix list facts = %+v", pl)
	}

	ep := EndpointFactsFromSDK(ec2types.VpcEndpoint{VpcEndpointId: aws.String("vpce-1"), VpcId: aws.String("vpc-1"),
		ServiceName: aws.String("com.amazonaws.us-east-1.s3"), VpcEndpointType: "gateway", State: "available",
		RouteTableIds: []string{"rtb-1"}, PrivateDnsEnabled: aws.Bool(false)})
	if !reflect.DeepEqual(ep, planner.EndpointFacts{VPCEndpointID: "vpce-1", VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3",
		Type: planner.TypeGateway, State: "available", RouteTableIDs: []string{"rtb-1"}}) {
		t.Errorf("endpoint facts = %+v", ep)
	}
}

func routeTablesHandler(t *testing.T) func(url.Values) fakeResponse {
	return func(form url.Values) fakeResponse {
		if form.Get("RouteTableId.1") != "" {
			t.Errorf("route tables described by id list, want a filter: %v", form)
		}
		if form.Get("Filter.1.Name") != "route-table-id" {
			t.Errorf("unexpected filter %v", form)
		}
		items := ""
		for i := 1; ; i++ {
			id := form.Get("Filter.1.Value." + strconv.Itoa(i))
			if id == "" {
				break
			}
			if id == "rtb-missing" {
				continue
			}
			items += `<item><routeTableId>` + id + `</routeTableId><vpcId>vpc-1</vpcId><routeSet>` +
				`<item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId></item>` +
				`<item><destinationPrefixListId>pl-1</destinationPrefixListId><gatewayId>vpce-9</gatewayId></item></routeSet></item>`
		}
		return ok("DescribeRouteTables", "<routeTableSet>"+items+"</routeTableSet>")
	}
}

func TestRouteTableFactsBatchedCachedInvalidated(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeRouteTables", routeTablesHandler(t))
	c := f.awsClient()
	ctx := testCtx(t)

	got, err := c.RouteTableFacts(ctx, []string{"rtb-1", "rtb-2", "rtb-missing", "rtb-1"})
	if err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if !reflect.DeepEqual(keys, []string{"rtb-1", "rtb-2"}) {
		t.Errorf("keys = %v", keys)
	}
	if r := got["rtb-1"]; r.VPCID != "vpc-1" || len(r.Routes) != 1 || r.Routes[0].GatewayID != "vpce-9" {
		t.Errorf("rtb-1 = %+v", r)
	}
	if n := f.count("DescribeRouteTables"); n != 1 {
		t.Errorf("describe calls = %d, want 1 (batched)", n)
	}
	if _, err := c.RouteTableFacts(ctx, []string{"rtb-2", "rtb-1"}); err != nil || f.count("DescribeRouteTables") != 1 {
		t.Errorf("cached lookup made a call (%d) or failed: %v", f.count("DescribeRouteTables"), err)
	}
	c.InvalidateMutableFacts()
	if _, err := c.RouteTableFacts(ctx, []string{"rtb-1"}); err != nil || f.count("DescribeRouteTables") != 2 {
		t.Errorf("after invalidation: calls %d, err %v", f.count("DescribeRouteTables"), err)
	}
}

func TestSubnetAndSecurityGroupFacts(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeSubnets", func(form url.Values) fakeResponse {
		if form.Get("Filter.1.Name") != "subnet-id" {
			t.Errorf("unexpected request %v", form)
		}
		return ok("DescribeSubnets", `<subnetSet><item><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId><availabilityZone>us-east-1a</availabilityZone>`+
			`<availabilityZoneId>use1-az1</availabilityZoneId><cidrBlock>10.0.1.0/24</cidrBlock></item></subnetSet>`)
	})
	f.handle("DescribeSecurityGroups", func(form url.Values) fakeResponse {
		if form.Get("Filter.1.Name") != "group-id" {
			t.Errorf("unexpected request %v", form)
		}
		return ok("DescribeSecurityGroups", `<securityGroupInfo><item><groupId>sg-1</groupId><vpcId>vpc-2</vpcId><groupName>default</groupName></item></securityGroupInfo>`)
	})
	c := f.awsClient()
	ctx := testCtx(t)
	subs, err := c.SubnetFacts(ctx, []string{"subnet-1", "subnet-404"})
	if err != nil || len(subs) != 1 || subs["subnet-1"].AvailabilityZone != "us-east-1a" || !subs["subnet-1"].HasIPv4 {
		t.Errorf("subnets = %+v, %v", subs, err)
	}
	sgs, err := c.SecurityGroupFacts(ctx, []string{"sg-1"})
	if err != nil || sgs["sg-1"] != (planner.SecurityGroupFacts{GroupID: "sg-1", VPCID: "vpc-2"}) {
		t.Errorf("groups = %+v, %v", sgs, err)
	}
	// Immutable facts survive invalidation.
	c.InvalidateMutableFacts()
	if _, err := c.SubnetFacts(ctx, []string{"subnet-1"}); err != nil || f.count("DescribeSubnets") != 1 {
		t.Errorf("subnet facts refetched (%d calls) or failed: %v", f.count("DescribeSubnets"), err)
	}
	if got, err := c.SubnetFacts(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("no ids: %v, %v", got, err)
	}
}

func TestServiceFacts(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcEndpointServices", func(form url.Values) fakeResponse {
		switch form.Get("ServiceName.1") {
		case "com.amazonaws.us-east-1.nope":
			return apiError("InvalidServiceName", "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nope' does not exist")
		case "com.amazonaws.us-east-1.empty":
			return ok("DescribeVpcEndpointServices", `<serviceDetailSet/>`)
		case "":
			return ok("DescribeVpcEndpointServices", `<serviceDetailSet>`+serviceXML("com.amazonaws.us-east-1.s3", "Gateway")+
				serviceXML("com.amazonaws.us-east-1.ssm", "Interface")+`</serviceDetailSet>`)
		}
		if form.Get("ServiceRegion.1") != "" && form.Get("ServiceRegion.1") != "eu-west-1" {
			t.Errorf("ServiceRegion = %q", form.Get("ServiceRegion.1"))
		}
		return ok("DescribeVpcEndpointServices", `<serviceDetailSet>`+serviceXML(form.Get("ServiceName.1"), "Gateway")+`</serviceDetailSet>`)
	})
	c := f.awsClient()
	ctx := testCtx(t)

	sf, err := c.ServiceFacts(ctx, "com.amazonaws.us-east-1.s3", "us-east-1")
	if err != nil || sf == nil || !reflect.DeepEqual(sf.ServiceTypes, []string{"Gateway"}) || !sf.PolicySupported || len(sf.AvailabilityZones) != 2 {
		t.Fatalf("ServiceFacts = %+v, %v", sf, err)
	}
	if req := f.requests("DescribeVpcEndpointServices")[0]; req.Get("ServiceRegion.1") != "" {
		t.Errorf("local region sent as ServiceRegions: %v", req)
	}
	sf.AvailabilityZones[0] = "mutated"
	if again, _ := c.ServiceFacts(ctx, "com.amazonaws.us-east-1.s3", ""); again.AvailabilityZones[0] != "us-east-1a" || f.count("DescribeVpcEndpointServices") != 1 {
		t.Errorf("cache not used or not copied: %+v, %d calls", again, f.count("DescribeVpcEndpointServices"))
	}
	for _, name := range []string{"com.amazonaws.us-east-1.nope", "com.amazonaws.us-east-1.empty"} {
		if sf, err := c.ServiceFacts(ctx, name, ""); sf != nil || err != nil {
			t.Errorf("ServiceFacts(%s) = %v, %v; want nil, nil", name, sf, err)
		}
	}
	if _, err := c.ServiceFacts(ctx, "com.amazonaws.vpce.eu-west-1.vpce-svc-1", "eu-west-1"); err != nil {
		t.Error(err)
	}
	all, err := c.AllServiceFacts(ctx)
	if err != nil || len(all) != 2 {
		t.Fatalf("AllServiceFacts = %v, %v", all, err)
	}
	calls := f.count("DescribeVpcEndpointServices")
	if _, err := c.ServiceFacts(ctx, "com.amazonaws.us-east-1.ssm", ""); err != nil || f.count("DescribeVpcEndpointServices") != calls {
		t.Errorf("ServiceFacts after AllServiceFacts made a call: %v", err)
	}
}

func TestVPCFactsEndpointFactsPrefixList(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("DescribeVpcs", func(form url.Values) fakeResponse {
		if form.Get("VpcId.1") == "vpc-404" {
			return apiError("InvalidVpcID.NotFound", "The vpc ID 'vpc-404' does not exist")
		}
		return ok("DescribeVpcs", `<vpcSet><item><vpcId>`+form.Get("VpcId.1")+`</vpcId></item></vpcSet>`)
	})
	f.handle("DescribeVpcAttribute", func(form url.Values) fakeResponse {
		if form.Get("VpcId") == "vpc-404" {
			return apiError("InvalidVpcID.NotFound", "The vpc ID 'vpc-404' does not exist")
		}
		if form.Get("Attribute") == "enableDnsHostnames" {
			return ok("DescribeVpcAttribute", `<vpcId>vpc-1</vpcId><enableDnsHostnames><value>true</value></enableDnsHostnames>`)
		}
		return ok("DescribeVpcAttribute", `<vpcId>vpc-1</vpcId><enableDnsSupport><value>true</value></enableDnsSupport>`)
	})
	f.handle("DescribeVpcEndpoints", func(form url.Values) fakeResponse {
		if form.Get("Filter.1.Name") == "vpc-endpoint-type" {
			return describeEndpoints(
				endpointXML("vpce-1", "vpc-1", "com.amazonaws.us-east-1.s3", "Gateway", "available", ""),
				endpointXML("vpce-2", "vpc-2", "com.amazonaws.us-east-1.dynamodb", "Gateway", "pending", ""),
				endpointXML("vpce-3", "vpc-2", "com.amazonaws.us-east-1.s3", "Gateway", "deleted", ""))
		}
		return describeEndpoints(
			endpointXML("vpce-1", "vpc-1", "com.amazonaws.us-east-1.s3", "Gateway", "available", "<routeTableIdSet><item>rtb-1</item></routeTableIdSet>"),
			endpointXML("vpce-4", "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", "Deleting", ""),
			endpointXML("vpce-5", "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", "available", "<privateDnsEnabled>true</privateDnsEnabled>"))
	})
	f.handle("DescribePrefixLists", func(form url.Values) fakeResponse {
		if form.Get("Filter.1.Value.1") != "com.amazonaws.us-east-1.s3" {
			return ok("DescribePrefixLists", `<prefixListSet/>`)
		}
		return ok("DescribePrefixLists", `<prefixListSet><item><prefixListId>pl-1</prefixListId><prefixListName>com.amazonaws.us-east-1.s3</prefixListName>`+
			`<cidrSet><item>52.216.0.0/15</item></cidrSet></item></prefixListSet>`)
	})
	c := f.awsClient()
	ctx := testCtx(t)

	vpc, err := c.VPCFacts(ctx, "vpc-1")
	if err != nil || *vpc != (planner.VPCFacts{VPCID: "vpc-1", EnableDNSSupport: true, EnableDNSHostnames: true}) {
		t.Errorf("VPCFacts = %+v, %v", vpc, err)
	}
	if vpc, err := c.VPCFacts(ctx, "vpc-404"); vpc != nil || err != nil {
		t.Errorf("VPCFacts(missing) = %v, %v", vpc, err)
	}
	eps, err := c.EndpointFacts(ctx, "vpc-1")
	if err != nil || len(eps) != 2 || eps[0].VPCEndpointID != "vpce-1" || eps[1].VPCEndpointID != "vpce-5" || !eps[1].PrivateDNSEnabled ||
		!reflect.DeepEqual(eps[0].RouteTableIDs, []string{"rtb-1"}) {
		t.Errorf("EndpointFacts = %+v, %v", eps, err)
	}
	if n, err := c.GatewayEndpointCount(ctx); n != 2 || err != nil {
		t.Errorf("GatewayEndpointCount = %d, %v", n, err)
	}
	pl, err := c.PrefixListFacts(ctx, "com.amazonaws.us-east-1.s3")
	if err != nil || pl.PrefixListID != "pl-1" || pl.CIDRs[0] != "52.216.0.0/15" {
		t.Errorf("PrefixListFacts = %+v, %v", pl, err)
	}
	if pl, err := c.PrefixListFacts(ctx, "com.amazonaws.us-east-1.ssm"); pl != nil || err != nil {
		t.Errorf("PrefixListFacts(none) = %v, %v", pl, err)
	}

	before := map[string]int{}
	for _, a := range []string{"DescribeVpcs", "DescribeVpcAttribute", "DescribeVpcEndpoints", "DescribePrefixLists"} {
		before[a] = f.count(a)
	}
	_, _ = c.VPCFacts(ctx, "vpc-1")
	_, _ = c.EndpointFacts(ctx, "vpc-1")
	_, _ = c.GatewayEndpointCount(ctx)
	_, _ = c.PrefixListFacts(ctx, "com.amazonaws.us-east-1.s3")
	for a, n := range before {
		if f.count(a) != n {
			t.Errorf("%s not cached", a)
		}
	}
	if ok, err := c.VPCExists(ctx, "vpc-1"); !ok || err != nil {
		t.Errorf("VPCExists(vpc-1) = %v, %v: known from its attributes", ok, err)
	}
	if ok, err := c.VPCExists(ctx, "vpc-1x"); !ok || err != nil || f.count("DescribeVpcs") != before["DescribeVpcs"]+1 {
		t.Errorf("VPCExists(vpc-1x) = %v, %v after %d DescribeVpcs", ok, err, f.count("DescribeVpcs"))
	}
	if ok, err := c.VPCExists(ctx, "vpc-404"); ok || err != nil {
		t.Errorf("VPCExists(missing) = %v, %v", ok, err)
	}
	c.InvalidateMutableFacts()
	_, _ = c.VPCFacts(ctx, "vpc-1")
	_, _ = c.EndpointFacts(ctx, "vpc-1")
	_, _ = c.PrefixListFacts(ctx, "com.amazonaws.us-east-1.s3")
	if f.count("DescribeVpcAttribute") != before["DescribeVpcAttribute"]+2 || f.count("DescribeVpcEndpoints") != before["DescribeVpcEndpoints"]+1 {
		t.Error("mutable facts not refetched after invalidation")
	}
	if f.count("DescribePrefixLists") != before["DescribePrefixLists"] {
		t.Error("immutable prefix list refetched after invalidation")
	}
}

func TestFactsConcurrentCallsShareOneFetch(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	release := make(chan struct{})
	f.handle("DescribeVpcEndpoints", func(url.Values) fakeResponse {
		<-release
		return describeEndpoints(endpointXML("vpce-1", "vpc-1", "com.amazonaws.us-east-1.s3", "Gateway", "available", ""))
	})
	c := f.awsClient()
	ctx := testCtx(t)
	var wg sync.WaitGroup
	results := make([][]planner.EndpointFacts, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			eps, err := c.EndpointFacts(ctx, "vpc-1")
			if err != nil {
				t.Error(err)
			}
			results[i] = eps
		}()
	}
	time.Sleep(50 * time.Millisecond) // let the callers pile up on the first fetch
	close(release)
	wg.Wait()
	if n := f.count("DescribeVpcEndpoints"); n != 1 {
		t.Errorf("describe calls = %d, want 1", n)
	}
	for i, r := range results {
		if len(r) != 1 {
			t.Errorf("caller %d got %v", i, r)
		}
	}
}

func TestServiceFactsFromSDKList_mergesTypes(t *testing.T) {
	t.Parallel()
	name := "com.amazonaws.us-east-1.s3"
	details := []ec2types.ServiceDetail{
		{ServiceName: aws.String(name), ServiceType: []ec2types.ServiceTypeDetail{{ServiceType: ec2types.ServiceTypeGateway}},
			AvailabilityZones: []string{"us-east-1a", "us-east-1b"}, VpcEndpointPolicySupported: aws.Bool(true)},
		{ServiceName: aws.String("com.amazonaws.us-east-1.ssm"), ServiceType: []ec2types.ServiceTypeDetail{{ServiceType: ec2types.ServiceTypeInterface}}},
		{ServiceName: aws.String(name), ServiceType: []ec2types.ServiceTypeDetail{{ServiceType: ec2types.ServiceTypeInterface}},
			AvailabilityZones: []string{"us-east-1b", "us-east-1c"}, PrivateDnsName: aws.String("*.s3.us-east-1.amazonaws.com"),
			SupportedIpAddressTypes: []ec2types.ServiceConnectivityType{ec2types.ServiceConnectivityTypeIpv4}},
	}
	got := ServiceFactsFromSDKList(details, "us-east-1")
	if len(got) != 2 || got[0].ServiceName != name || got[1].ServiceName != "com.amazonaws.us-east-1.ssm" {
		t.Fatalf("merged list = %+v, want s3 then ssm", got)
	}
	s3 := got[0]
	if len(s3.ServiceTypes) != 2 || len(s3.AvailabilityZones) != 3 || len(s3.PrivateDNSNames) != 1 || !s3.PolicySupported {
		t.Errorf("merged s3 = %+v, want both types, three zones, the interface's DNS name, policy support", s3)
	}
}

// A VPC's endpoints for a plan come from the refresh's listing of the region when one was made, is
// being made, or begins while the plan's lookup is still collecting its batch: one call in every
// order Terraform may run the two in. A suspected outside change makes the VPC be described afresh.
func TestEndpointFactsShareTheRefreshListing(t *testing.T) {
	t.Parallel()
	for _, order := range []string{"listing first", "listing in flight", "listing during the batch window", "invalidated"} {
		t.Run(order, func(t *testing.T) {
			t.Parallel()
			f := newFakeEC2(t)
			var mu sync.Mutex
			var kinds []string
			release := make(chan struct{})
			f.handle("DescribeVpcEndpoints", func(form url.Values) fakeResponse {
				kind := "vpc"
				if form.Get("Filter.1.Name") == "" {
					kind = "listing"
					if order == "listing in flight" {
						<-release
					}
				}
				mu.Lock()
				kinds = append(kinds, kind)
				mu.Unlock()
				return describeEndpoints(
					endpointXML("vpce-1", "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", "available", "<privateDnsEnabled>true</privateDnsEnabled>"),
					endpointXML("vpce-2", "vpc-2", "com.amazonaws.us-east-1.ssm", "Interface", "available", ""))
			})
			c := f.awsClient()
			ctx := testCtx(t)
			var eps []planner.EndpointFacts
			var err error
			want := []string{"listing"}
			switch order {
			case "listing first", "invalidated":
				if _, err := c.ReadVPCEndpoint(ctx, "vpce-2"); err != nil {
					t.Fatal(err)
				}
				if order == "invalidated" {
					c.InvalidateEndpointFacts("vpc-1")
					want = append(want, "vpc")
				}
				eps, err = c.EndpointFacts(ctx, "vpc-1")
			case "listing in flight":
				read := make(chan error, 1)
				go func() { _, err := c.ReadVPCEndpoint(ctx, "vpce-2"); read <- err }()
				for f.count("DescribeVpcEndpoints") == 0 {
					time.Sleep(time.Millisecond)
				}
				go func() { time.Sleep(3 * BatchWindow); close(release) }()
				eps, err = c.EndpointFacts(ctx, "vpc-1")
				if err := <-read; err != nil {
					t.Fatal(err)
				}
			case "listing during the batch window":
				done := make(chan struct{})
				go func() { defer close(done); eps, err = c.EndpointFacts(ctx, "vpc-1") }()
				time.Sleep(BatchWindow / 4)
				if _, err := c.ReadVPCEndpoint(ctx, "vpce-2"); err != nil {
					t.Fatal(err)
				}
				<-done
			}
			if err != nil || len(eps) != 1 || eps[0].VPCEndpointID != "vpce-1" || !eps[0].PrivateDNSEnabled {
				t.Errorf("EndpointFacts = %+v, %v", eps, err)
			}
			mu.Lock()
			defer mu.Unlock()
			if !reflect.DeepEqual(kinds, want) {
				t.Errorf("DescribeVpcEndpoints calls = %v, want %v", kinds, want)
			}
		})
	}
}

// A Read takes its endpoint from the run's listing; an id the listing lacks (created after it, or not
// yet described by every call) is read by id, and so is every id when the listing failed (it is not
// tried again in the run). A deleted endpoint in the listing is not found without another call.
func TestReadVPCEndpointListingThenByID(t *testing.T) {
	t.Parallel()
	for _, listingFails := range []bool{false, true} {
		t.Run(map[bool]string{false: "listing", true: "listing fails"}[listingFails], func(t *testing.T) {
			t.Parallel()
			f := newFakeEC2(t)
			var mu sync.Mutex
			var calls []string
			f.handle("DescribeVpcEndpoints", func(form url.Values) fakeResponse {
				id := form.Get("VpcEndpointId.1")
				mu.Lock()
				calls = append(calls, "id:"+id)
				mu.Unlock()
				switch id {
				case "":
					if listingFails {
						return apiError("UnauthorizedOperation", "You are not authorized to perform this operation.")
					}
					return describeEndpoints(
						endpointXML("vpce-1", "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", "available", ""),
						endpointXML("vpce-2", "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", "deleted", ""))
				case "vpce-404":
					return apiError("InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id 'vpce-404' does not exist")
				default:
					return describeEndpoints(endpointXML(id, "vpc-1", "com.amazonaws.us-east-1.ssm", "Interface", "pending", ""))
				}
			})
			c := f.awsClient()
			ctx := testCtx(t)
			for _, id := range []string{"vpce-1", "vpce-9"} {
				if ep, err := c.ReadVPCEndpoint(ctx, id); err != nil || aws.ToString(ep.VpcEndpointId) != id {
					t.Errorf("ReadVPCEndpoint(%s) = %v, %v", id, ep, err)
				}
			}
			if _, err := c.ReadVPCEndpoint(ctx, "vpce-404"); !IsNotFound(err) {
				t.Errorf("ReadVPCEndpoint(vpce-404) = %v, want not found", err)
			}
			_, err := c.ReadVPCEndpoint(ctx, "vpce-2")
			want := []string{"id:", "id:vpce-9", "id:vpce-404"}
			if listingFails {
				// No listing to take from: each Read asks for its own id, and the listing that failed
				// is not tried again in the run.
				want = []string{"id:", "id:vpce-1", "id:vpce-9", "id:vpce-404", "id:vpce-2"}
			} else if !IsNotFound(err) {
				t.Errorf("ReadVPCEndpoint(vpce-2, deleted in the listing) = %v, want not found", err)
			}
			mu.Lock()
			defer mu.Unlock()
			if !reflect.DeepEqual(calls, want) {
				t.Errorf("DescribeVpcEndpoints calls %v, want %v", calls, want)
			}
		})
	}
}
