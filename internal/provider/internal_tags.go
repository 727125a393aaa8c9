package provider

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

// The provider's own tags on an endpoint (keys beginning with awsclient.InternalTagPrefix, such as
// the creation marker) are not the user's: they are left out of tags and tags_all, never compared as
// drift, and never removed by a tags update (which only touches the keys it compares).

// isInternalTag reports whether a tag key is the provider's own.
func isInternalTag(key string) bool { return strings.HasPrefix(key, awsclient.InternalTagPrefix) }

// internalTagCount is how many of AWS's 50 tags per endpoint the provider's own tags may take (the
// creation marker).
const internalTagCount = 1

// mergeInternalTags returns the provider's own tags of have with the user's tags want: an endpoint's
// tags after a tags update to want.
func mergeInternalTags(have, want []ec2types.Tag) []ec2types.Tag {
	out := append([]ec2types.Tag{}, want...)
	for _, t := range have {
		if isInternalTag(aws.ToString(t.Key)) {
			out = append(out, t)
		}
	}
	return out
}
