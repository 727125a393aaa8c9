//go:build generate

// Package tools pins the code generators the project runs with `make generate`; it is its own module
// so that their dependencies stay out of the provider's go.mod.
package tools

import (
	// Documentation generation.
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)

// Format the examples and regenerate docs/ from the provider schema, examples/ and templates/.
//go:generate terraform fmt -recursive ../examples/
//go:generate go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate --provider-dir .. --provider-name vpce
