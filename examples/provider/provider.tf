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
