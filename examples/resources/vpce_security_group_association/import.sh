# <vpc-endpoint-id>/<security-group-id>
terraform import vpce_security_group_association.https vpce-0123456789abcdef0/sg-0123456789abcdef0
