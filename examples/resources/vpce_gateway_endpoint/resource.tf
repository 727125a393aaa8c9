# An S3 gateway endpoint that owns its route tables: a route table attached out of band is shown in
# the plan and detached on apply.
resource "vpce_gateway_endpoint" "s3" {
  vpc_id          = "vpc-0123456789abcdef0"
  service         = "s3"
  route_table_ids = ["rtb-0123456789abcdef0", "rtb-0fedcba9876543210"]

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:ListBucket"]
      Resource  = "*"
    }]
  })

  tags = {
    Name = "s3"
  }
}

# A DynamoDB gateway endpoint whose route tables are left to vpce_route_table_association resources
# (for example, added by another module).
resource "vpce_gateway_endpoint" "dynamodb" {
  vpc_id  = "vpc-0123456789abcdef0"
  service = "dynamodb"
}
