variable "name" {
  description = "Prefix of the endpoints' Name tags."
  type        = string
  default     = "private-network"
}

variable "vpc_id" {
  description = "ID of the VPC."
  type        = string
}

variable "services" {
  description = "Short names of the services, e.g. [\"s3\", \"dynamodb\", \"logs\"], on top of those of var.presets and the keys of var.endpoints. Each gets the endpoint type data.vpce_service chooses for var.reachable_from: a gateway where the service offers one and only the VPC must reach it, else an interface endpoint."
  type        = list(string)
  default     = []
}

variable "presets" {
  description = "Sets of endpoints for common needs, combined with var.services: \"session_manager\" (ssm, ssmmessages and ec2messages interface endpoints with private DNS: Session Manager without internet access) and \"ecr\" (ecr.api and ecr.dkr interface endpoints with private DNS, and s3 for the image layers: a gateway unless var.reachable_from needs an interface endpoint). var.endpoints overrides any setting of a preset."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.presets : contains(["session_manager", "ecr"], p)])
    error_message = "Each preset is one of \"session_manager\" and \"ecr\"."
  }
}

variable "reachable_from" {
  description = "Where the endpoints must be reachable from, for data.vpce_service's preferred_type: \"vpc\" (the default), \"on_premises\", \"peered_vpcs_other_regions\", \"transit_gateway\". A gateway endpoint serves only traffic that starts in the VPC, so anything beyond it turns s3 and dynamodb into interface endpoints."
  type        = set(string)
  default     = ["vpc"]
  nullable    = false

  validation {
    condition     = length(var.reachable_from) > 0 && alltrue([for r in var.reachable_from : contains(["vpc", "on_premises", "peered_vpcs_other_regions", "transit_gateway"], r)])
    error_message = "reachable_from holds one or more of \"vpc\", \"on_premises\", \"peered_vpcs_other_regions\" and \"transit_gateway\"."
  }
}

variable "route_table_ids" {
  description = "Private route tables to route to the gateway services (S3, DynamoDB). Each becomes one vpce_route_table_association per gateway; add more from outside the module with vpce_route_table_association."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "subnet_ids" {
  description = "Subnets of the interface endpoints, at most one per Availability Zone, in zones every interface service offers (checked at plan). var.endpoints[<service>].subnet_ids overrides them for one service."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "candidate_subnet_ids" {
  description = "Instead of var.subnet_ids: subnets in any number of zones (say one per zone of the VPC), from which each interface endpoint gets one per Availability Zone its service offers, picked at plan (vpce_interface_endpoint's candidate_subnet_ids). Used when var.subnet_ids is empty. var.endpoints[<service>].subnet_ids or .candidate_subnet_ids overrides them for one service."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "security_group_ids" {
  description = "Security groups of the interface endpoints: at least one group allowing TCP 443 from the VPC (the module cannot create it: see README.md). null leaves the choice to AWS (the VPC's default group). var.endpoints[<service>].security_group_ids overrides them for one service."
  type        = list(string)
  default     = null
}

variable "endpoints" {
  description = <<-EOT
    Per-endpoint settings, keyed by service short name (a service named here is included, as if it were
    in var.services). Every attribute is optional; unset ones take the module's inputs, the preset's
    settings or the provider's defaults:
      policy              endpoint policy JSON (unset: AWS's full-access policy). Gateway or interface.
      tags                tags merged over var.tags and the Name tag. Gateway or interface.
      private_dns_enabled interface only (unset: the preset's true, else the provider's choice).
      subnet_ids          interface only, replaces var.subnet_ids.
      candidate_subnet_ids interface only: subnets to pick one per offered zone from, instead of subnet_ids.
      security_group_ids  interface only, replaces var.security_group_ids.
      ip_address_type     interface only: ipv4, dualstack or ipv6.
      dns_options         interface only: { dns_record_ip_type, private_dns_only_for_inbound_resolver_endpoint }.
  EOT
  type = map(object({
    policy               = optional(string)
    tags                 = optional(map(string), {})
    private_dns_enabled  = optional(bool)
    subnet_ids           = optional(list(string))
    candidate_subnet_ids = optional(list(string))
    security_group_ids   = optional(list(string))
    ip_address_type      = optional(string)
    dns_options = optional(object({
      dns_record_ip_type                             = optional(string)
      private_dns_only_for_inbound_resolver_endpoint = optional(bool)
    }))
  }))
  default  = {}
  nullable = false
}

variable "tags" {
  description = "Tags of every endpoint."
  type        = map(string)
  default     = {}
  nullable    = false
}
