// Package emulator is a local EC2 and STS API for the provider's tests, the
// demo and module authors who want to test private-network modules offline.
//
// It is a real HTTP server speaking the EC2 Query protocol (form-encoded
// POST, XML answers in the 2016-11-15 namespace, AWS error XML) and STS
// GetCallerIdentity on the same URL, so the unmodified aws-sdk-go-v2 clients,
// the AWS CLI and Terraform work against it through an endpoint override
// (BaseEndpoint, AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL_STS).
//
// # Running it
//
// In a test: srv := emulator.New(emulator.Options{}); url, err := srv.Start();
// defer srv.Close(). From a shell, `make emulator` (on 127.0.0.1:4566, or
// EMULATOR_ADDR) or:
//
//	go run ./internal/emulator/cmd/vpce-emulator -seed demo -url-file /tmp/url
//
// prints the URL, the environment to export (AWS_ACCESS_KEY_ID=test
// AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 …), writes the demo
// network's ids (seed.Network) as JSON and prints "READY <url>". -h lists
// every flag, the fault knobs below included. -admin-addr serves the call
// counters (Server.CallCounts) to another process: GET /calls answers them as
// JSON, POST /calls/reset zeroes them (make bench-scale reads them).
//
// Credentials: test/test (account 123456789012) and other/other (account
// 210987654321). Requests must be SigV4-signed by a known key; the signature
// is recomputed and compared (AuthFailure / SignatureDoesNotMatch otherwise),
// the credential scope must name ec2 or sts (SignatureDoesNotMatch
// "Credential should be scoped to correct service: 'ec2'. "), and X-Amz-Date
// must be within 15 minutes of the server's clock (EC2: RequestExpired
// "Request has expired."; STS: SignatureDoesNotMatch "Signature expired: …"
// or "Signature not yet current: …"). The credential scope's region selects
// the region; state is kept per account and region.
//
// # Actions
//
// EC2: CreateVpc, DeleteVpc, DescribeVpcs, DescribeVpcAttribute,
// ModifyVpcAttribute, CreateSubnet, DeleteSubnet, DescribeSubnets,
// CreateRouteTable, DeleteRouteTable, DescribeRouteTables,
// CreateSecurityGroup, DeleteSecurityGroup, DescribeSecurityGroups,
// AuthorizeSecurityGroupIngress, DescribeAvailabilityZones, CreateTags,
// DeleteTags, DescribeTags, DescribePrefixLists, DescribeNetworkInterfaces,
// DescribeVpcEndpointServices, CreateVpcEndpoint, DescribeVpcEndpoints,
// ModifyVpcEndpoint, DeleteVpcEndpoints, AcceptVpcEndpointConnections,
// RejectVpcEndpointConnections, DescribeVpcEndpointServiceConfigurations
// (the caller's own PrivateLink services; ServiceId, filters service-name,
// service-id, service-state, supported-ip-address-types) and
// DescribeVpcEndpointConnections (the endpoints of every account connected to
// them; filters service-id, vpc-endpoint-id, vpc-endpoint-owner,
// vpc-endpoint-state, vpc-endpoint-region). STS: GetCallerIdentity, AssumeRole and
// AssumeRoleWithWebIdentity (sts_assume.go): a role in one of the server's
// accounts gives temporary credentials (ASIA… key and session token) that
// work for EC2 and STS in that account; Sessions lists them.
//
// These cover the calls of the hashicorp/aws provider's aws_vpc_endpoint,
// aws_vpc_endpoint_route_table_association, aws_vpc_endpoint_subnet_association
// and aws_vpc_endpoint_security_group_association: CreateVpcEndpoint (with
// ClientToken, TagSpecifications, and PrivateDnsEnabled always sent, false on
// gateways), DescribeVpcEndpoints by id and by the filters vpc-id,
// service-name, vpc-endpoint-state and tag:<key>, DescribePrefixLists by
// prefix-list-name, DescribeNetworkInterfaces by id,
// DescribeVpcEndpointServiceConfigurations by service-name and
// AcceptVpcEndpointConnections (auto_accept), ModifyVpcEndpoint with
// Add/Remove RouteTableIds, SubnetIds and SecurityGroupIds,
// DescribeSecurityGroups by group-name and vpc-id (the VPC's default group),
// CreateTags/DeleteTags and DeleteVpcEndpoints.
//
// # Service catalogue
//
// Each region offers s3 and dynamodb (Gateway and Interface), s3express
// (Gateway), and the interface services ec2, ec2messages, ecr.api, ecr.dkr,
// ecs, elasticloadbalancing, execute-api, kms, lambda, logs, monitoring,
// secretsmanager, sns, sqs, ssm, ssm-contacts, ssmmessages, sts, athena and
// glue, each with the private DNS name <svc>.<region>.amazonaws.com (s3:
// *.s3.<region>…, dynamodb: *.ddb.<region>…). Zone-limited: ecs is not offered in zones
// ending in e or f (us-east-1e, us-east-1f), lambda not in zones ending in f,
// ssm-contacts not in zones ending in c (an emulator choice: us-east-1c is
// the demo network's third zone, which gives the demo a subnet to reject).
// Without policy support: ec2messages, ssmmessages, the customer services
// and the s3express gateway (an emulator choice: it gives the tests a gateway
// service whose endpoints accept only the full-access policy). IPv4 only:
// s3express, dynamodb (interface), ecs, ssm-contacts, ec2messages, ssmmessages, athena, glue
// and the customer services; the rest support ipv4 and ipv6.
// Customer PrivateLink services (CustomerServiceNames): one requiring
// acceptance owned by DefaultAccountID, one requiring acceptance owned by
// OtherAccountID, one not requiring acceptance; none has a private DNS name
// or policy support; each carries the tags Name=<accept-own|accept-other|
// no-accept> and team=platform (AWS services have none), which
// DescribeVpcEndpointServices returns to every account and matches with
// tag:<key> and tag-key filters (whether EC2 shows a service owner's tags to
// consumers in other accounts is not documented). ManagesVpcEndpoints is
// false for every service. Cross-region (ServiceRegion): the s3 interface
// service and the no-acceptance customer service, between the regions in
// CrossRegionServiceRegions. Zones: us-east-1a–f (use1-az1…6), <region>a–c
// elsewhere.
//
// Gateway Load Balancer endpoint services (GatewayLoadBalancerServiceNames;
// service type GatewayLoadBalancer, seeded, as there is no
// CreateVpcEndpointServiceConfiguration): one requiring acceptance owned by
// DefaultAccountID, supporting ipv4 and ipv6 (dualstack endpoints), in every
// zone; one not requiring acceptance owned by OtherAccountID, ipv4 only,
// offered only in the zones ending in a and b. No private DNS name, no policy
// support; tags Name=<gwlb-accept-own|gwlb-no-accept> and purpose=inspection.
// DescribeVpcEndpointServiceConfigurations and DescribeVpcEndpointConnections
// list their Gateway Load Balancer (gatewayLoadBalancerArnSet, arn …:
// loadbalancer/gwy/…) instead of a Network Load Balancer.
//
// # Behaviour matched to EC2
//
//   - S3 interface endpoints with private DNS default
//     PrivateDnsOnlyForInboundResolverEndpoint to true, on CreateVpcEndpoint
//     and when ModifyVpcEndpoint turns private DNS on, and so fail without an
//     S3 gateway endpoint in the VPC ("To set
//     PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC <vpc> must
//     have a Gateway endpoint for the service."). The option, true or false,
//     for another interface service: "PrivateDnsOnlyForInboundResolverEndpoint
//     not supported for this service."; on a gateway: "DnsOptions
//     PrivateDnsOnlyForInboundResolverEndpoint is applicable only to Interface
//     VPC Endpoints.".
//   - ServiceRegion equal to the caller's region is InvalidServiceName.
//     DescribeVpcEndpointServices lists no zones for a service of another
//     region; a cross-region endpoint's subnets must be in the zones offered
//     for remote access, else "Only the following availability zones are
//     supported for remote access: use1-az1, use1-az2, use1-az4, use1-az6".
//   - AWS's own messages: OperationInProgress "VpcEndpoint modify operation
//     in progress"; "Subnet IDs are only supported for Interface and
//     GatewayLoadBalancer type VPC Endpoints."; InvalidVpcEndpointId.NotFound
//     "The Vpc Endpoint Id '<id>' does not exist"; InvalidSubnetId.Malformed
//     "Invalid Subnet Id: '<v>' (expecting 'subnet-...; the Id may only
//     contain lowercase alphanumeric characters and a single dash')" and
//     InvalidVpcId.Malformed "Invalid Id: '<v>' (expecting 'vpc-...; …')".
//     S3 interface DNS names begin with "*.".
//   - GatewayLoadBalancer endpoints (VpcEndpointType GatewayLoadBalancer):
//     the type must match the service ("Endpoint type (GatewayLoadBalancer)
//     does not match available service types ([Interface]).", and the other
//     way round); the subnet's zone must be one the service is offered in
//     (AWS's message, as for interface endpoints); one network interface, no
//     DNS names, groups, DNS options or policy document in the answers;
//     route tables, security groups and private DNS are rejected with the
//     messages above for the other types. They count against the per-VPC
//     quota of interface endpoints ("Interface and Gateway Load Balancer
//     endpoints per VPC").
//   - Tags (CreateTags and TagSpecifications, checked before anything is
//     created or changed): at most 50 per resource, overwriting a key
//     counting once (TagLimitExceeded "The maximum number of Tags for a
//     resource has been reached."); keys of 1–128 and values of up to 256
//     characters, the aws: prefix (any case) reserved (InvalidParameterValue
//     "Tag keys starting with 'aws:' are reserved for internal use", "Tag
//     value exceeds the maximum length of 256 characters").
//
// # Knobs
//
// Options and the Set* methods control durations (pending, deleting, deleted
// retention, DNS reservation, modify window) and a time scale, per-call
// latency (before the call runs), an eventual-consistency window, a
// token-bucket throttle (RequestLimitExceeded, HTTP 503), and these faults:
//
//   - Faults (Options.Faults, SetFaults): per action, or for every action
//     without its own entry, a ThrottleRate of calls failed with
//     RequestLimitExceeded (counted as throttled) and an ErrorRate of calls
//     failed with ErrorCode, both before they run (InternalError → HTTP 500,
//     RequestLimitExceeded / ServiceUnavailable / Unavailable → 503), a
//     DropRate of successful mutating calls committed and then left
//     unanswered (the connection is closed), and a SlowAnswer delay after
//     the commit for a SlowRate of calls. Draws come from one source seeded
//     with Faults.Seed. The vpce-emulator flags -throttle-rate, -error-rate,
//     -error-code, -drop-rate, -slow-answer, -slow-rate, -fault-seed and
//     -fault ACTION:key=value,… set the same knobs (ParseActionFaults).
//   - InjectError and DropResponses: the same faults, for the next n calls of
//     an action.
//   - EndpointFailure (Options.FailEndpoints, SetEndpointFailure, flag
//     -fail-next-endpoint CODE:MESSAGE): the next endpoints created go
//     pending, then "failed" with LastError; a failed endpoint holds no
//     route, network interface or private DNS name, and can be deleted.
//
// Calls counts every request per action, including failed and
// unauthenticated ones; FaultCounts counts the faults injected per action
// (errors, throttled, dropped, slowed). ResetCalls zeroes both.
//
// # Known differences from EC2
//
//   - Only the actions listed above exist; others get InvalidAction. DryRun
//     is ignored. Only the parameters the provider and the hashicorp/aws
//     endpoint resources use are honoured (no IPv6 CIDRs, no
//     SubnetConfiguration, no custom private DNS domains or
//     PrivateDnsPreference, no resource configurations or service networks,
//     no endpoint service management beyond describing and accepting
//     connections: the Gateway Load Balancer endpoint services are seeded).
//   - Messages where AWS's wording is unknown are close approximations with
//     AWS's codes: a route table, subnet or security group of another VPC;
//     security groups, private DNS or DnsRecordIpType on a gateway
//     ("DnsOptions DnsRecordIpType is applicable only to Interface VPC
//     Endpoints."); type-specific fields on Modify; a malformed or oversized
//     policy; IP address types; PrivateDnsOnlyForInboundResolverEndpoint =
//     true without private DNS; InvalidRouteTableId.Malformed,
//     InvalidGroupId.Malformed and InvalidVpcEndpointId.Malformed (worded as
//     the VPC one); the remote-access zones message (no final period is
//     known); an empty tag key ("Tag key must not be empty") and a key over
//     128 characters ("Tag key exceeds the maximum length of 128
//     characters"); the service named in "Credential should be scoped to
//     correct service" is 'sts' for GetCallerIdentity and 'ec2' otherwise, as
//     the emulator serves both on one URL.
//   - GatewayLoadBalancer endpoints, where AWS's wording is unknown (codes
//     are AWS's, InvalidParameter): other than one subnet ("A
//     GatewayLoadBalancer type VPC Endpoint requires exactly one subnet, got
//     <n>."); a policy on Create or Modify, or ResetPolicy ("VPC endpoint
//     policies are not supported for GatewayLoadBalancer type VPC
//     Endpoint."); Add/RemoveSubnetIds on Modify ("The subnet of a
//     GatewayLoadBalancer type VPC Endpoint cannot be changed."); ipv6 ("The
//     IP address type ipv6 is not supported for GatewayLoadBalancer type VPC
//     Endpoint. Valid values: ipv4, dualstack.": Gateway Load Balancers are
//     ipv4 or dualstack). AWS documents one Gateway Load Balancer endpoint per
//     Availability Zone per service; that limit is not enforced here.
//   - Malformed ids are checked only on CreateVpcEndpoint and
//     ModifyVpcEndpoint; elsewhere an id of an unknown kind is InvalidID and
//     a well-formed unknown one NotFound.
//   - The zones offered for remote access are an emulator choice: every zone
//     of the region but the third and the fifth (use1-az3, use1-az5;
//     <abbrev>-az3 elsewhere). AWS publishes no list.
//   - Whether a failed endpoint keeps its network interfaces, routes and DNS
//     name, still counts against the quota (here it does) and accepts
//     ModifyVpcEndpoint (here it does) is unknown.
//   - dualstack/ipv6 endpoints are accepted without checking that subnets
//     have IPv6 CIDRs.
//   - PrivateDnsEnabled defaults to true for interface endpoints of AWS
//     services and false for customer services.
//   - Endpoint states are computed from timestamps: pending → available
//     (or failed, see EndpointFailure) after PendingDuration;
//     pendingAcceptance until accepted, then pending; deleting → deleted
//     after DeletingDuration, then gone after DeletedRetention. A
//     ModifyVpcEndpoint makes the endpoint "pending" and busy for
//     ModifyDuration (default PendingDuration/4); a second modify in that
//     window gets OperationInProgress. Modifying a deleting endpoint gets
//     InvalidVpcEndpointId.NotFound.
//   - Gateway routes disappear as soon as DeleteVpcEndpoints is called;
//     interface ENIs remain until the endpoint reaches "deleted". ENIs of a
//     removed subnet are released at once.
//   - DeleteVpcEndpoints reports unknown ids as unsuccessful items with code
//     InvalidVpcEndpoint.NotFound; deleting an endpoint already being
//     deleted succeeds silently.
//   - Security group rules are stored minimally (protocol, ports, IPv4
//     CIDRs); egress is always allow-all. Route tables have no subnet
//     associations besides the main one.
//   - The consistency window is not scaled by TimeScale (unless
//     Options.ScaleConsistencyWindow is set) and only hides new endpoints
//     from DescribeVpcEndpoints.
//   - Throttling is one bucket for the whole server. Faults apply to
//     authenticated calls only; a slow answer also delays an error the
//     action itself returned.
//   - Every region's AWS services are named com.amazonaws.<region>.<svc>,
//     also in the regions where EC2 names some of them with a prefix of its
//     own (cn.com.amazonaws.cn-north-1.ec2; see the planner's partition
//     rules).
//   - Prefix list ids and CIDRs are real for us-east-1 s3/dynamodb only;
//     elsewhere they are stable made-up values.
//   - Answers larger than 2 KiB are delayed by 2 ms: on loopback, a fast
//     answer races aws-sdk-go-v2 closing the request body after
//     http.Client.Do returns, and net/http then closes the connection under
//     the response (see writeXML).
//   - Role sessions: every role ARN in one of the server's accounts exists
//     and trusts every caller (AccessDenied for other accounts); each role
//     allows 12-hour sessions (AWS's default MaxSessionDuration is 1 hour),
//     chained sessions at most 1 hour as in AWS. Session policies, policy
//     ARNs, tags, transitive tag keys and source identity are validated
//     (messages for tags, policy ARNs and the aws: prefix approximate) but
//     grant nothing: a session can do what its account can. Any token in JWT
//     form is accepted by AssumeRoleWithWebIdentity (no OIDC providers, no
//     signature check). Whether AWS rejects transitive tag keys that are not
//     session tags is unknown: they are accepted. Session requests bypass
//     throttling and injected errors; expiry is real time, not scaled.
//   - STS errors use 403 for authentication failures; EC2 errors use 400
//     (500 for InternalError, 503 for RequestLimitExceeded/Unavailable).
package emulator
