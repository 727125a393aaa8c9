# Calls the private-network module, then adds a second tier of route tables (say, the data tier, owned
# by another team) to the module's gateway endpoints through association resources. The module's
# gateways leave route_table_ids unset, so these associations and the module's own never fight.

terraform {
  required_version = ">= 1.5"

  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
  }
}

module "private_network" {
  source = "../private-network"

  vpc_id             = var.vpc_id
  route_table_ids    = var.app_route_table_ids
  subnet_ids         = var.subnet_ids
  security_group_ids = var.security_group_ids
  services           = ["s3", "dynamodb", "ssm", "ssmmessages", "ec2messages", "logs"]
}

locals {
  data_tier = {
    for pair in setproduct(keys(module.private_network.gateway_endpoints), var.data_route_table_ids) :
    "${pair[0]}/${pair[1]}" => { endpoint_id = module.private_network.gateway_endpoints[pair[0]].id, route_table_id = pair[1] }
  }
}

resource "vpce_route_table_association" "data_tier" {
  for_each = local.data_tier

  vpc_endpoint_id = each.value.endpoint_id
  route_table_id  = each.value.route_table_id
}
