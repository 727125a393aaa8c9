terraform {
  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
  }
}

# Credentials and region come from the usual AWS places (environment, shared files, SSO, instance
# roles); every argument is optional.
provider "vpce" {
  region = "us-east-1"

  # Tags added to every endpoint this provider creates.
  default_tags {
    tags = {
      team = "network"
    }
  }

  # Tags another system manages: never shown as drift, never changed or removed.
  ignore_tags {
    key_prefixes = ["kubernetes.io/"]
  }
}

# A role in the network account, assumed with the credentials above; configuring fails unless the
# session belongs to that account.
provider "vpce" {
  alias               = "network"
  region              = "eu-west-1"
  allowed_account_ids = ["210987654321"]

  assume_role {
    role_arn     = "arn:aws:iam::210987654321:role/vpc-endpoints"
    session_name = "terraform"
    duration     = "1h"
  }
}

# The same provider pointed at the local EC2 API (`go run ./internal/emulator/cmd/vpce-emulator -seed demo`)
# to try a configuration or test a module with no AWS account.
provider "vpce" {
  alias      = "local"
  region     = "us-east-1"
  access_key = "test"
  secret_key = "test"

  endpoints {
    ec2 = "http://127.0.0.1:4566"
    sts = "http://127.0.0.1:4566"
  }
}
