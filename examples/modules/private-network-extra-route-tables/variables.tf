variable "vpc_id" {
  description = "ID of the VPC."
  type        = string
}

variable "app_route_table_ids" {
  description = "Route tables of the application tier, given to the module."
  type        = list(string)
}

variable "data_route_table_ids" {
  description = "Route tables of the data tier, associated with the module's gateways from outside it."
  type        = list(string)
}

variable "subnet_ids" {
  description = "Subnets of the interface endpoints, one per Availability Zone."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the interface endpoints (allowing TCP 443 from the VPC)."
  type        = list(string)
}
