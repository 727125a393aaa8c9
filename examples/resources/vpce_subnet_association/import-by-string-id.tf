import {
  to = vpce_subnet_association.private_a
  id = "vpce-0123456789abcdef0/subnet-0123456789abcdef0"
}
