terraform {
  required_version = ">= 1.5"

  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
  }
}

locals {
  # The presets: the services of each, with the settings the preset gives them (var.endpoints
  # overrides any of them).
  presets = {
    # Session Manager without internet access: the SSM agent reaches ssm, ssmmessages and ec2messages
    # by their public names, so each endpoint needs private DNS.
    session_manager = {
      ssm         = { private_dns_enabled = true }
      ssmmessages = { private_dns_enabled = true }
      ec2messages = { private_dns_enabled = true }
    }
    # Pulling images from ECR: the registry API and the Docker endpoint (private DNS, for the
    # registry's names), and S3, where the image layers are.
    ecr = {
      "ecr.api" = { private_dns_enabled = true }
      "ecr.dkr" = { private_dns_enabled = true }
      s3        = { private_dns_enabled = null }
    }
  }
  preset_settings = merge([for p in distinct(var.presets) : local.presets[p]]...)

  service_names = distinct(concat(var.services, keys(local.preset_settings), keys(var.endpoints)))

  # Every service's settings: var.endpoints, then the preset, then the module's inputs.
  settings = {
    for s in local.service_names : s => {
      policy              = try(var.endpoints[s].policy, null)
      tags                = merge(var.tags, { Name = "${var.name}-${s}" }, try(var.endpoints[s].tags, {}))
      private_dns_enabled = try(var.endpoints[s].private_dns_enabled, null) != null ? var.endpoints[s].private_dns_enabled : try(local.preset_settings[s].private_dns_enabled, null)
      # Subnets: the endpoint's own subnet_ids or candidates, else the module's subnet_ids, else its
      # candidates (picked per zone by the provider at plan).
      subnet_ids = (try(var.endpoints[s].subnet_ids, null) != null ? var.endpoints[s].subnet_ids :
        try(var.endpoints[s].candidate_subnet_ids, null) != null ? null :
      length(var.subnet_ids) > 0 || length(var.candidate_subnet_ids) == 0 ? var.subnet_ids : null)
      candidate_subnet_ids = (try(var.endpoints[s].subnet_ids, null) != null ? null :
        try(var.endpoints[s].candidate_subnet_ids, null) != null ? var.endpoints[s].candidate_subnet_ids :
      length(var.subnet_ids) == 0 && length(var.candidate_subnet_ids) > 0 ? var.candidate_subnet_ids : null)
      security_group_ids = try(var.endpoints[s].security_group_ids, null) != null ? var.endpoints[s].security_group_ids : var.security_group_ids
      ip_address_type    = try(var.endpoints[s].ip_address_type, null)
      dns_options        = try(var.endpoints[s].dns_options, null)
      # The interface-only settings given for this service (an error on a gateway).
      interface_only = [for k in ["private_dns_enabled", "subnet_ids", "candidate_subnet_ids", "security_group_ids", "ip_address_type", "dns_options"] : k if try(var.endpoints[s][k], null) != null]
    }
  }
}

# What each service offers, and which type serves var.reachable_from: a gateway where the service has
# one and only the VPC must reach it (free), an interface endpoint otherwise.
data "vpce_service" "this" {
  for_each = toset(local.service_names)

  service        = each.value
  reachable_from = var.reachable_from
}

locals {
  gateway_services   = { for s in local.service_names : s => local.settings[s] if data.vpce_service.this[s].preferred_type == "Gateway" }
  interface_services = { for s in local.service_names : s => local.settings[s] if data.vpce_service.this[s].preferred_type != "Gateway" }

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
  policy  = each.value.policy
  tags    = each.value.tags

  lifecycle {
    precondition {
      condition     = length(each.value.interface_only) == 0
      error_message = "${each.key} gets a gateway endpoint (${data.vpce_service.this[each.key].preferred_type_reason}), which takes no ${join(", ", each.value.interface_only)}: remove them from var.endpoints[\"${each.key}\"], or set reachable_from so that an interface endpoint is chosen."
    }
  }
}

resource "vpce_route_table_association" "this" {
  for_each = local.gateway_route_tables

  vpc_endpoint_id = vpce_gateway_endpoint.this[each.value.service].id
  route_table_id  = each.value.route_table_id
}

resource "vpce_interface_endpoint" "this" {
  for_each = local.interface_services

  vpc_id               = var.vpc_id
  service              = each.key
  subnet_ids           = each.value.subnet_ids
  candidate_subnet_ids = each.value.candidate_subnet_ids
  security_group_ids   = each.value.security_group_ids
  private_dns_enabled  = each.value.private_dns_enabled
  ip_address_type      = each.value.ip_address_type
  dns_options          = each.value.dns_options
  policy               = each.value.policy
  tags                 = each.value.tags

  lifecycle {
    precondition {
      condition     = length(coalesce(each.value.subnet_ids, each.value.candidate_subnet_ids, [])) > 0
      error_message = "${each.key} gets an interface endpoint (${data.vpce_service.this[each.key].preferred_type_reason}), which needs subnets: set var.subnet_ids or var.candidate_subnet_ids, or var.endpoints[\"${each.key}\"].subnet_ids."
    }
  }
}

# A gateway routes only through the route tables associated with it.
check "gateways_have_route_tables" {
  assert {
    condition     = length(local.gateway_services) == 0 || length(var.route_table_ids) > 0
    error_message = "The gateway endpoints (${join(", ", keys(local.gateway_services))}) have no route table from this module: set var.route_table_ids, or associate route tables from outside it."
  }
}
