resource "vpce_interface_endpoint" "ssm" {
  vpc_id     = "vpc-0123456789abcdef0"
  service    = "ssm"
  subnet_ids = ["subnet-0123456789abcdef0"]
  # security_group_ids left unset: AWS attaches the VPC's default group.
}

# Swap the default group for this one.
resource "vpce_security_group_association" "https" {
  vpc_endpoint_id                = vpce_interface_endpoint.ssm.id
  security_group_id              = "sg-0123456789abcdef0"
  replace_default_security_group = true
}
