# An interface endpoint in the three demo subnets for a service that is not offered in one of their
# zones (on the local EC2 API, ssm-contacts is not offered in us-east-1c): rejected at plan, naming the
# subnet and its zone, before any endpoint is created. `terraform validate` accepts it: the zones of
# the subnets are known only to EC2.

terraform {
  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
  }
}

provider "vpce" {
  region     = var.region
  access_key = "test"
  secret_key = "test"
  endpoints {
    ec2 = var.endpoint
    sts = var.endpoint
  }
}

resource "vpce_interface_endpoint" "ssm_contacts" {
  vpc_id             = var.vpc_id
  service            = "ssm-contacts"
  subnet_ids         = var.subnet_ids
  security_group_ids = [var.security_group_id]
}
