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
// defer srv.Close(). From a shell:
//
//	go run ./internal/emulator/cmd/vpce-emulator -seed demo -url-file /tmp/url
//
// prints the URL, the environment to export (AWS_ACCESS_KEY_ID=test
// AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 …), writes the demo
// network's ids (seed.Network) as JSON and prints "READY <url>".
//
// Credentials: test/test (account 123456789012) and other/other (account
// 210987654321). Requests must be SigV4-signed by a known key; the signature
// is recomputed and compared (AuthFailure / SignatureDoesNotMatch otherwise).
// The credential scope's region selects the region; state is kept per
// account and region.
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
// RejectVpcEndpointConnections. STS: GetCallerIdentity, AssumeRole and
// AssumeRoleWithWebIdentity (sts_assume.go): a role in one of the server's
// accounts gives temporary credentials (ASIA… key and session token) that
// work for EC2 and STS in that account; Sessions lists them.
//
// # Service catalogue
//
// Each region offers s3 and dynamodb (Gateway and Interface), s3express
// (Gateway), and the interface services ec2, ec2messages, ecr.api, ecr.dkr,
// ecs, elasticloadbalancing, execute-api, kms, lambda, logs, monitoring,
// secretsmanager, sns, sqs, ssm, ssmmessages, sts, athena and glue, each with
// the private DNS name <svc>.<region>.amazonaws.com (s3: *.s3.<region>…,
// dynamodb: *.ddb.<region>…). Zone-limited: ecs is not offered in zones
// ending in e or f (us-east-1e, us-east-1f), lambda not in zones ending in f.
// Without policy support: ec2messages, ssmmessages, the customer services
// and the s3express gateway (an emulator choice: it gives the tests a gateway
// service whose endpoints accept only the full-access policy). IPv4 only: s3express, dynamodb (interface), ecs, ec2messages,
// ssmmessages, athena, glue and the customer services; the rest support
// ipv4 and ipv6.
// Customer PrivateLink services (CustomerServiceNames): one requiring
// acceptance owned by DefaultAccountID, one requiring acceptance owned by
// OtherAccountID, one not requiring acceptance; none has a private DNS name
// or policy support. Cross-region (ServiceRegion): the s3 interface service
// and the no-acceptance customer service, between the regions in
// CrossRegionServiceRegions. Zones: us-east-1a–f (use1-az1…6), <region>a–c
// elsewhere.
//
// # Knobs
//
// Options and the Set* methods control durations (pending, deleting, deleted
// retention, DNS reservation, modify window) and a time scale, per-call
// latency, an eventual-consistency window, a token-bucket throttle
// (RequestLimitExceeded, HTTP 503), injected errors (InjectError) and
// committed-but-dropped responses (DropResponses). Calls counts every
// request per action, including failed and unauthenticated ones.
//
// # Known differences from EC2
//
//   - Only the actions listed above exist; others get InvalidAction. DryRun
//     is ignored. Only the parameters the provider uses are honoured
//     (no IPv6 CIDRs, no SubnetConfiguration, no custom private DNS domains,
//     no resource configurations or service networks, no GatewayLoadBalancer
//     endpoints).
//   - Validation messages for rules where AWS's exact wording is unknown
//     (route table/subnet/security group of another VPC, type-specific
//     fields on Modify, malformed or oversized policies, IP address types,
//     DNS options on gateways) are close approximations with AWS's codes.
//   - dualstack/ipv6 endpoints are accepted without checking that subnets
//     have IPv6 CIDRs.
//   - PrivateDnsEnabled defaults to true for interface endpoints of AWS
//     services and false for customer services; for an s3 interface
//     endpoint with private DNS, PrivateDnsOnlyForInboundResolverEndpoint
//     defaults to true when the VPC has an s3 gateway endpoint.
//   - Endpoint states are computed from timestamps: pending → available
//     after PendingDuration; pendingAcceptance until accepted, then pending;
//     deleting → deleted after DeletingDuration, then gone after
//     DeletedRetention. A ModifyVpcEndpoint makes the endpoint "pending" and
//     busy for ModifyDuration (default PendingDuration/4); a second modify in
//     that window gets OperationInProgress. Modifying a deleting endpoint
//     gets InvalidVpcEndpointId.NotFound.
//   - Gateway routes disappear as soon as DeleteVpcEndpoints is called;
//     interface ENIs remain until the endpoint reaches "deleted". ENIs of a
//     removed subnet are released at once.
//   - DeleteVpcEndpoints reports unknown ids as unsuccessful items with code
//     InvalidVpcEndpoint.NotFound; deleting an endpoint already being
//     deleted succeeds silently.
//   - Security group rules are stored minimally (protocol, ports, IPv4
//     CIDRs); egress is always allow-all. Route tables have no subnet
//     associations besides the main one.
//   - The consistency window is not scaled by TimeScale and only hides new
//     endpoints from DescribeVpcEndpoints.
//   - Throttling is one bucket for the whole server.
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
