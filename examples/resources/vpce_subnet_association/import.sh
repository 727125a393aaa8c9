# <vpc-endpoint-id>/<subnet-id>
terraform import vpce_subnet_association.private_a vpce-0123456789abcdef0/subnet-0123456789abcdef0
