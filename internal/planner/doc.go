// Package planner holds the provider's domain rules: resolving service names, the endpoint-type rules,
// and the plan-time checks P1–P12 listed in DESIGN.md. It is pure Go: it imports neither the
// Terraform plugin framework nor the AWS SDK, never calls AWS, and is tested with table-driven tests.
//
// Static checks (CheckGatewayStatic, CheckInterfaceStatic, CheckGatewayLoadBalancerStatic) need only the configuration and run in
// ValidateConfig. Live checks (CheckGatewayLive, CheckInterfaceLive, CheckGatewayLoadBalancerLive, ...) take Facts that the AWS layer
// gathered; any configuration value still unknown at plan time is passed as nil/Unknown and the rules
// that need it are skipped.
package planner
