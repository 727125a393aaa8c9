# A gateway endpoint for a service that offers only Interface endpoints: rejected at plan (and by
# `terraform validate`), before any AWS call.

terraform {
  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
  }
}

variable "vpc_id" {
  type = string
}

resource "vpce_gateway_endpoint" "ssm" {
  vpc_id  = var.vpc_id
  service = "ssm"
}
