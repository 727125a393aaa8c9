# An SSM interface endpoint in two subnets that owns its subnets and security groups. Private DNS
# is left unset: the planner enables it because the service offers a private DNS name.
resource "vpce_interface_endpoint" "ssm" {
  vpc_id             = "vpc-0123456789abcdef0"
  service            = "ssm"
  subnet_ids         = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  security_group_ids = ["sg-0123456789abcdef0"]

  tags = {
    Name = "ssm"
  }
}

# An S3 interface endpoint next to the S3 gateway endpoint, which it depends on (through vpc_id):
# dns_options.private_dns_only_for_inbound_resolver_endpoint is decided when the interface endpoint is
# created, after the gateway, so it becomes true. The plan shows it as known after apply, and says why.
resource "vpce_gateway_endpoint" "s3" {
  vpc_id          = "vpc-0123456789abcdef0"
  service         = "s3"
  route_table_ids = ["rtb-0123456789abcdef0"]
}

resource "vpce_interface_endpoint" "s3" {
  vpc_id     = vpce_gateway_endpoint.s3.vpc_id
  service    = "s3"
  subnet_ids = ["subnet-0123456789abcdef0"]

  dns_options = {
    dns_record_ip_type = "ipv4"
  }
}

# A PrivateLink service of this account that requires acceptance: the connection is accepted.
resource "vpce_interface_endpoint" "partner" {
  vpc_id      = "vpc-0123456789abcdef0"
  service     = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  auto_accept = true
}
