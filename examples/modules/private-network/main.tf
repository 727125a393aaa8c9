terraform {
  required_version = ">= 1.5"

  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
  }
}

# What each service offers: a gateway where it has one (free), an interface endpoint otherwise.
data "vpce_service" "this" {
  for_each = toset(var.services)

  service = each.value
}

locals {
  gateway_services   = { for s in var.services : s => data.vpce_service.this[s] if data.vpce_service.this[s].preferred_type == "Gateway" }
  interface_services = { for s in var.services : s => data.vpce_service.this[s] if data.vpce_service.this[s].preferred_type != "Gateway" }

  # One association per gateway and route table: the module's gateways leave route_table_ids unset, so
  # that associations own membership and other configurations can add route tables of their own.
  gateway_route_tables = {
    for pair in setproduct(keys(local.gateway_services), var.route_table_ids) :
    "${pair[0]}/${pair[1]}" => { service = pair[0], route_table_id = pair[1] }
  }
}

resource "vpce_gateway_endpoint" "this" {
  for_each = local.gateway_services

  vpc_id  = var.vpc_id
  service = each.key
  tags    = merge(var.tags, { Name = "${var.name}-${each.key}" })
}

resource "vpce_route_table_association" "this" {
  for_each = local.gateway_route_tables

  vpc_endpoint_id = vpce_gateway_endpoint.this[each.value.service].id
  route_table_id  = each.value.route_table_id
}

resource "vpce_interface_endpoint" "this" {
  for_each = local.interface_services

  vpc_id             = var.vpc_id
  service            = each.key
  subnet_ids         = var.subnet_ids
  security_group_ids = var.security_group_ids
  tags               = merge(var.tags, { Name = "${var.name}-${each.key}" })
}
