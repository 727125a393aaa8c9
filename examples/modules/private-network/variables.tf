variable "name" {
  description = "Prefix of the endpoints' Name tags."
  type        = string
  default     = "private-network"
}

variable "vpc_id" {
  description = "ID of the VPC."
  type        = string
}

variable "route_table_ids" {
  description = "Private route tables to route to the gateway services (S3, DynamoDB). Each becomes one vpce_route_table_association per gateway; add more from outside the module with vpce_route_table_association."
  type        = list(string)
  default     = []
}

variable "subnet_ids" {
  description = "Subnets of the interface endpoints, at most one per Availability Zone, in zones every interface service offers."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the interface endpoints: at least one group allowing TCP 443 from the VPC (see README.md)."
  type        = list(string)
}

variable "services" {
  description = "Short names of the services, e.g. [\"s3\", \"dynamodb\", \"ssm\"]. Each gets a gateway endpoint where the service offers one, else an interface endpoint."
  type        = list(string)
}

variable "tags" {
  description = "Tags of every endpoint."
  type        = map(string)
  default     = {}
}
