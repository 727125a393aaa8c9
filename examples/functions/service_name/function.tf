# The full name of a service in a region, with the partition's naming rules.
output "ecr_api" {
  value = provider::vpce::service_name("ecr.api", "us-east-1") # "com.amazonaws.us-east-1.ecr.api"
}

output "ecr_api_china" {
  value = provider::vpce::service_name("ecr.api", "cn-north-1") # "cn.com.amazonaws.cn-north-1.ecr.api"
}

# Where the name differs by endpoint type, the third argument picks one.
output "s3_gateway_china" {
  value = provider::vpce::service_name("s3", "cn-north-1", "Gateway") # "com.amazonaws.cn-north-1.s3"
}

# One name per region, for a module deployed to several regions.
output "ssm_names" {
  value = { for r in ["us-east-1", "eu-west-1", "cn-northwest-1"] : r => provider::vpce::service_name("ssm", r) }
}
