# One Gateway Load Balancer endpoint per Availability Zone, each in a small dedicated subnet, for an
# inspection service (firewall appliances behind a Gateway Load Balancer) of another account. Route
# traffic to each with an aws_route whose vpc_endpoint_id is the endpoint's id (see below).
variable "inspection_subnets" {
  description = "The endpoint subnet of each Availability Zone, by zone name."
  type        = map(string)
  default = {
    "us-east-1a" = "subnet-0123456789abcdef0"
    "us-east-1b" = "subnet-0fedcba9876543210"
  }
}

resource "vpce_gateway_load_balancer_endpoint" "inspection" {
  for_each = var.inspection_subnets

  vpc_id    = "vpc-0123456789abcdef0"
  service   = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  subnet_id = each.value

  tags = {
    Name = "inspection-${each.key}"
  }
}

# A service of this account that requires acceptance: the connection is accepted, so the endpoint
# becomes available in the same apply. dualstack needs a dualstack Gateway Load Balancer.
resource "vpce_gateway_load_balancer_endpoint" "own" {
  vpc_id          = "vpc-0123456789abcdef0"
  service         = "com.amazonaws.vpce.us-east-1.vpce-svc-0fedcba9876543210"
  subnet_id       = "subnet-0123456789abcdef0"
  ip_address_type = "dualstack"
  auto_accept     = true
}
