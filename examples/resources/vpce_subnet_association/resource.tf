resource "vpce_interface_endpoint" "ssm" {
  vpc_id  = "vpc-0123456789abcdef0"
  service = "ssm"
  # subnet_ids left unset: the associations below own membership.
}

resource "vpce_subnet_association" "private_a" {
  vpc_endpoint_id = vpce_interface_endpoint.ssm.id
  subnet_id       = "subnet-0123456789abcdef0"
}
