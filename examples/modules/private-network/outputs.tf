output "by_service" {
  description = "Every endpoint by service short name: id, arn, type (Gateway or Interface), type_reason (why that type), service_name, dns_entries and private_dns_name (interface endpoints; empty for gateways), prefix_list_id (gateways; null for interface endpoints)."
  value = merge(
    {
      for s, e in vpce_gateway_endpoint.this : s => {
        id               = e.id
        arn              = e.arn
        type             = "Gateway"
        type_reason      = data.vpce_service.this[s].preferred_type_reason
        service_name     = e.service_name
        dns_entries      = []
        private_dns_name = null
        prefix_list_id   = e.prefix_list_id
      }
    },
    {
      for s, e in vpce_interface_endpoint.this : s => {
        id               = e.id
        arn              = e.arn
        type             = "Interface"
        type_reason      = data.vpce_service.this[s].preferred_type_reason
        service_name     = e.service_name
        dns_entries      = e.dns_entries
        private_dns_name = e.private_dns_enabled ? e.private_dns_name : null
        prefix_list_id   = null
      }
    },
  )
}

output "endpoints" {
  description = "Every endpoint's id by service short name."
  value = merge(
    { for s, e in vpce_gateway_endpoint.this : s => e.id },
    { for s, e in vpce_interface_endpoint.this : s => e.id },
  )
}

output "endpoint_types" {
  description = "The endpoint type chosen for each service (`Gateway` or `Interface`)."
  value       = { for s, d in data.vpce_service.this : s => d.preferred_type }
}

output "dns_entries" {
  description = "DNS entries of the interface endpoints by service short name (dns_name, hosted_zone_id): the regional name, one per zone, and the private DNS name when enabled."
  value       = { for s, e in vpce_interface_endpoint.this : s => e.dns_entries }
}

output "gateway_endpoints" {
  description = "Gateway endpoints by service short name: id, service_name, prefix_list_id."
  value = {
    for s, e in vpce_gateway_endpoint.this : s => {
      id             = e.id
      service_name   = e.service_name
      prefix_list_id = e.prefix_list_id
    }
  }
}

output "interface_endpoints" {
  description = "Interface endpoints by service short name: id, service_name, dns_entries."
  value = {
    for s, e in vpce_interface_endpoint.this : s => {
      id           = e.id
      service_name = e.service_name
      dns_entries  = e.dns_entries
    }
  }
}
