package planner

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// knownServices are short names of AWS services that offer VPC endpoints. The list is partial and only
// used to word static findings (a typo of a gateway service, "s3s", is an unknown service, while
// "ssm" is a real service of the wrong type); whether a service exists is always decided live (P1).
var knownServices = []string{
	"access-analyzer", "acm-pca", "airflow.api", "airflow.env", "airflow.ops", "app-integrations", "appconfig",
	"appconfigdata", "application-autoscaling", "applicationinsights", "appmesh-envoy-management", "apprunner",
	"apprunner.requests", "appstream.api", "appstream.streaming", "appsync-api", "aps", "aps-workspaces", "athena",
	"auditmanager", "autoscaling", "autoscaling-plans", "backup", "backup-gateway", "batch", "bedrock",
	"bedrock-agent", "bedrock-agent-runtime", "bedrock-runtime", "braket", "cassandra", "cloudcontrolapi",
	"clouddirectory", "cloudformation", "cloudhsmv2", "cloudtrail", "codeartifact.api", "codeartifact.repositories",
	"codebuild", "codecommit", "codedeploy", "codedeploy-commands-secure", "codeguru-profiler", "codeguru-reviewer",
	"codepipeline", "codestar-connections.api", "comprehend", "comprehendmedical", "config", "dataexchange",
	"databrew", "datasync", "detective", "devops-guru", "dms", "ds", "dynamodb", "ebs", "ec2", "ec2messages",
	"ecr.api", "ecr.dkr", "ecs", "ecs-agent", "ecs-telemetry", "eks", "eks-auth", "elasticache",
	"elasticbeanstalk", "elasticbeanstalk-health", "elasticfilesystem", "elasticloadbalancing",
	"elasticmapreduce", "email-smtp", "emr-containers", "emr-serverless", "events", "execute-api", "finspace",
	"firehose", "forecast", "forecastquery", "frauddetector", "fsx", "glue", "grafana", "greengrass",
	"groundstation", "healthlake", "iam", "identitystore", "imagebuilder", "inspector2", "iot.credentials",
	"iot.data", "iotsitewise.api", "kafka", "kendra", "kinesis-firehose", "kinesis-streams", "kms", "lakeformation",
	"lambda", "license-manager", "logs", "lookoutequipment", "lookoutmetrics", "lookoutvision", "m2", "macie2",
	"memory-db", "mgn", "monitoring", "mq", "network-firewall", "omics", "organizations", "outposts",
	"payment-cryptography", "pipes", "polly", "private-networks", "profile", "proton", "qldb.session", "rds",
	"rds-data", "redshift", "redshift-data", "redshift-serverless", "rekognition", "resource-groups", "robomaker",
	"rolesanywhere", "rum", "rum-dataplane", "s3", "s3-outposts", "s3express", "sagemaker.api",
	"sagemaker.featurestore-runtime", "sagemaker.runtime", "scheduler", "schemas", "secretsmanager",
	"securityhub", "servicecatalog", "servicecatalog-appregistry", "servicediscovery", "sms", "sns", "sqs", "ssm",
	"ssm-contacts", "ssm-incidents", "ssmmessages", "states", "storagegateway", "sts", "swf", "synthetics",
	"textract", "transcribe", "transcribestreaming", "transfer", "transfer.server", "translate",
	"verifiedpermissions", "vpc-lattice", "wisdom", "workspaces", "xray",
}

// KnownService reports whether short is a service short name the planner knows of (a partial list,
// for wording only).
func KnownService(short string) bool { return slices.Contains(knownServices, short) }

// Suggest returns up to three names of candidates nearest to name (by edit distance), nearest first,
// among those close enough to be a likely typo. name itself is never suggested.
func Suggest(name string, candidates []string) []string {
	limit := max(2, len(name)/4)
	type scored struct {
		name string
		d    int
	}
	var near []scored
	for _, c := range candidates {
		if c == name || c == "" {
			continue
		}
		if d := editDistance(name, c); d <= limit {
			near = append(near, scored{c, d})
		}
	}
	slices.SortFunc(near, func(a, b scored) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.name, b.name)) })
	near = slices.CompactFunc(near, func(a, b scored) bool { return a.name == b.name })
	out := make([]string, 0, 3)
	for _, s := range near {
		if len(out) == 3 {
			break
		}
		out = append(out, s.name)
	}
	return out
}

// didYouMean renders suggestions as a sentence ("" when there are none).
func didYouMean(suggestions []string) string {
	if len(suggestions) == 0 {
		return ""
	}
	q := make([]string, len(suggestions))
	for i, s := range suggestions {
		q[i] = "`" + s + "`"
	}
	return "Did you mean " + orListOf(q) + "?"
}

func orListOf(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// editDistance is the Levenshtein distance between a and b (bytes: service names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// unknownGatewayService is P1 for a gateway whose service is no known service but looks like a typo
// of a gateway service ("s3s"): reported as an unknown service, not as a service of the wrong type.
func unknownGatewayService(name, short string, suggestions []string) Finding {
	return finding{
		rule: "P1", severity: SeverityError, attr: attrService,
		summary: "Unknown service",
		fact:    fmt.Sprintf("%q is not a service that offers VPC endpoints. %s", short, didYouMean(suggestions)),
		aws:     rejectServiceNotFound(name),
		fix:     "Gateway endpoints exist for " + orList(gatewayServices) + "; the vpce_services data source lists every service of the region",
	}.build()
}

// vpcNotFound is P10 for a vpc_id that does not exist.
func vpcNotFound(vpc string) Finding {
	return finding{
		rule: "P10", severity: SeverityError, attr: attrVPCID,
		summary: "VPC not found",
		fact:    fmt.Sprintf("The VPC %s does not exist in the region", vpc),
		aws:     rejection{"InvalidVpcID.NotFound", "The vpc ID '" + vpc + "' does not exist"},
		fix:     "Check vpc_id, and that the provider is configured for the VPC's account and region",
	}.build()
}
