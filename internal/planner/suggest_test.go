package planner

import (
	"slices"
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	t.Parallel()
	candidates := []string{"s3", "s3express", "dynamodb", "ssm", "ssmmessages", "secretsmanager", "elasticbeanstalk-health"}
	for name, want := range map[string][]string{
		"s3s":                    {"s3", "ssm"},
		"dynamo":                 {"dynamodb"},
		"s3-express":             {"s3express"},
		"secretmanager":          {"secretsmanager"},
		"elasticbeanstalk-heath": {"elasticbeanstalk-health"},
		"ssm":                    {"s3"}, // the exact name itself is never suggested
		"kinesis":                {},
	} {
		if got := Suggest(name, candidates); !slices.Equal(got, want) && (len(got) != 0 || len(want) != 0) {
			t.Errorf("Suggest(%q) = %q, want %q", name, got, want)
		}
	}
	if d := editDistance("kitten", "sitting"); d != 3 {
		t.Errorf("editDistance = %d, want 3", d)
	}
}

func TestCheckGatewayStaticTypo(t *testing.T) {
	t.Parallel()
	for service, summary := range map[string]string{
		"s3s":    "Unknown service",
		"dynamo": "Unknown service",
		"ssm":    "Service does not support Gateway endpoints", // a real service of the wrong type
		"ec2":    "Service does not support Gateway endpoints",
	} {
		fs := CheckGatewayStatic(GatewayConfig{Service: service})
		if len(fs) != 1 || fs[0].Summary != summary || fs[0].Rule != "P1" {
			t.Errorf("%s: findings %+v, want one P1 %q", service, fs, summary)
			continue
		}
		if summary == "Unknown service" && !strings.Contains(fs[0].Detail, "Did you mean") {
			t.Errorf("%s: no suggestion in %q", service, fs[0].Detail)
		}
	}
}
