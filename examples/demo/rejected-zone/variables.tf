# The demo's variables: the seed file holds the whole demo network.
variable "endpoint" {
  description = "URL of the local EC2 API."
  type        = string
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_id" {
  type = string
}

variable "route_table_ids" {
  type    = list(string)
  default = []
}

variable "availability_zones" {
  type    = list(string)
  default = []
}

variable "main_route_table_id" {
  type    = string
  default = ""
}
