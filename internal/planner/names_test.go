package planner

import (
	"strings"
	"testing"
)

func TestResolveServiceName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		service string
		region  string
		want    string
		wantErr string // substring; "" = no error
	}{
		{name: "short s3", service: "s3", region: "us-east-1", want: "com.amazonaws.us-east-1.s3"},
		{name: "short with dot", service: "ecr.api", region: "eu-west-1", want: "com.amazonaws.eu-west-1.ecr.api"},
		{name: "short with hyphen", service: "execute-api", region: "ap-southeast-2", want: "com.amazonaws.ap-southeast-2.execute-api"},
		{name: "govcloud", service: "s3", region: "us-gov-west-1", want: "com.amazonaws.us-gov-west-1.s3"},
		{name: "china north", service: "s3", region: "cn-north-1", want: "cn.com.amazonaws.cn-north-1.s3"},
		{name: "china northwest", service: "ecr.dkr", region: "cn-northwest-1", want: "cn.com.amazonaws.cn-northwest-1.ecr.dkr"},
		{name: "full passes through", service: "com.amazonaws.us-east-1.s3", region: "us-east-1", want: "com.amazonaws.us-east-1.s3"},
		{name: "full other region passes through", service: "com.amazonaws.us-west-2.s3", region: "us-east-1", want: "com.amazonaws.us-west-2.s3"},
		{name: "full without region arg", service: "com.amazonaws.us-east-1.ssm", region: "", want: "com.amazonaws.us-east-1.ssm"},
		{name: "full china", service: "cn.com.amazonaws.cn-north-1.s3", region: "cn-north-1", want: "cn.com.amazonaws.cn-north-1.s3"},
		{name: "sagemaker notebook", service: "aws.sagemaker.us-east-1.notebook", region: "us-east-1", want: "aws.sagemaker.us-east-1.notebook"},
		{name: "privatelink", service: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", region: "us-east-1", want: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"},
		{name: "empty", service: "", region: "us-east-1", wantErr: "must not be empty"},
		{name: "space", service: "s3 ", region: "us-east-1", wantErr: "white space"},
		{name: "inner space", service: "ecr api", region: "us-east-1", wantErr: "white space"},
		{name: "uppercase", service: "S3", region: "us-east-1", wantErr: "uppercase"},
		{name: "leading dot", service: ".s3", region: "us-east-1", wantErr: "malformed"},
		{name: "trailing dot", service: "s3.", region: "us-east-1", wantErr: "malformed"},
		{name: "double dot", service: "ecr..api", region: "us-east-1", wantErr: "malformed"},
		{name: "underscore", service: "my_service", region: "us-east-1", wantErr: "malformed"},
		{name: "leading hyphen", service: "-s3", region: "us-east-1", wantErr: "malformed"},
		{name: "short without region", service: "s3", region: "", wantErr: "region to resolve it in is unknown"},
		{name: "short with bad region", service: "s3", region: "useast1", wantErr: "not an AWS region name"},
		{name: "full incomplete", service: "com.amazonaws.us-east-1", region: "us-east-1", wantErr: "incomplete"},
		{name: "china incomplete", service: "cn.com.amazonaws.cn-north-1", region: "cn-north-1", wantErr: "incomplete"},
		{name: "aws incomplete", service: "aws.sagemaker", region: "us-east-1", wantErr: "incomplete"},
		{name: "privatelink bad id", service: "com.amazonaws.vpce.us-east-1.vpce-svc-xyz", region: "us-east-1", wantErr: "not a valid PrivateLink"},
		{name: "privatelink no region", service: "com.amazonaws.vpce.vpce-svc-0123", region: "us-east-1", wantErr: "not a valid PrivateLink"},
		{name: "privatelink extra segment", service: "com.amazonaws.vpce.us-east-1.x.vpce-svc-0123", region: "us-east-1", wantErr: "not a valid PrivateLink"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ResolveServiceName(tt.service, tt.region)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ResolveServiceName(%q, %q) = %q, want error containing %q", tt.service, tt.region, got, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %q does not contain %q", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), "com.amazonaws.") && !strings.Contains(err.Error(), "region") {
					t.Errorf("error %q does not say what forms are accepted", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ResolveServiceName(%q, %q): unexpected error %v", tt.service, tt.region, err)
			}
			if got != tt.want {
				t.Errorf("ResolveServiceName(%q, %q) = %q, want %q", tt.service, tt.region, got, tt.want)
			}
		})
	}
}

func TestShortName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"com.amazonaws.us-east-1.s3", "s3"},
		{"com.amazonaws.eu-west-1.ecr.api", "ecr.api"},
		{"com.amazonaws.us-gov-west-1.dynamodb", "dynamodb"},
		{"cn.com.amazonaws.cn-north-1.s3", "s3"},
		{"cn.com.amazonaws.cn-northwest-1.ecr.dkr", "ecr.dkr"},
		{"cn.com.amazonaws.cn-north-1.transcribe.cn", "transcribe"},
		{"com.amazonaws.cn-north-1.transcribe.cn", "transcribe.cn"},
		{"gov.ic.c2s.us-iso-east-1.ecr.api", "ecr.api"},
		{"eu.amazonaws.eusc-de-east-1.execute-api", "execute-api"},
		{"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"},
		{"aws.sagemaker.us-east-1.notebook", "aws.sagemaker.us-east-1.notebook"},
		{"com.amazonaws.s3-global.accesspoint", "com.amazonaws.s3-global.accesspoint"},
		{"com.amazonaws.us-east-1", "com.amazonaws.us-east-1"},
		{"com.amazonaws.us-east-1.", "com.amazonaws.us-east-1."},
		{"s3", "s3"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := ShortName(tt.in); got != tt.want {
				t.Errorf("ShortName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestGatewayCapable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		short string
		want  bool
	}{
		{"s3", true},
		{"dynamodb", true},
		{"s3express", true},
		{"ec2", false},
		{"ecr.api", false},
		{"S3", false},
		{"com.amazonaws.us-east-1.s3", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.short, func(t *testing.T) {
			t.Parallel()
			if got := GatewayCapable(tt.short); got != tt.want {
				t.Errorf("GatewayCapable(%q) = %v, want %v", tt.short, got, tt.want)
			}
		})
	}
	// GatewayServices returns a copy.
	gs := GatewayServices()
	gs[0] = "mutated"
	if GatewayServices()[0] == "mutated" {
		t.Error("GatewayServices returned the package's slice")
	}
}

func TestPreferredType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		types []string
		want  string
	}{
		{"gateway and interface", []string{TypeInterface, TypeGateway}, TypeGateway},
		{"gateway only", []string{TypeGateway}, TypeGateway},
		{"interface only", []string{TypeInterface}, TypeInterface},
		{"lowercase", []string{"gateway"}, TypeGateway},
		{"gateway load balancer", []string{"GatewayLoadBalancer"}, TypeGatewayLoadBalancer}, // vpce_gateway_load_balancer_endpoint
		{"none", nil, TypeInterface},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := PreferredType(tt.types); got != tt.want {
				t.Errorf("PreferredType(%v) = %q, want %q", tt.types, got, tt.want)
			}
		})
	}
}

func TestIsRegion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"us-east-1", true},
		{"us-gov-west-1", true},
		{"cn-northwest-1", true},
		{"eu-isoe-west-1", true},
		{"eusc-de-east-1", true},
		{"ap-southeast-5", true},
		{"us-east", false},
		{"useast1", false},
		{"US-EAST-1", false},
		{"vpce", false},
		{"s3-global", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := IsRegion(tt.in); got != tt.want {
				t.Errorf("IsRegion(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestConfigServiceName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		got     func() (string, error)
		want    string
		wantErr bool
	}{
		{"gateway", GatewayConfig{Region: "us-east-1", Service: "s3"}.ServiceName, "com.amazonaws.us-east-1.s3", false},
		{"gateway unknown", GatewayConfig{Region: "us-east-1"}.ServiceName, "", false},
		{"gateway malformed", GatewayConfig{Region: "us-east-1", Service: "S3"}.ServiceName, "", true},
		{"interface", InterfaceConfig{Region: "us-east-1", Service: "ssm"}.ServiceName, "com.amazonaws.us-east-1.ssm", false},
		{"interface cross-region", InterfaceConfig{Region: "us-east-1", ServiceRegion: "us-west-2", Service: "ssm"}.ServiceName, "com.amazonaws.us-west-2.ssm", false},
		{"interface unknown", InterfaceConfig{Region: "us-east-1"}.ServiceName, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.got()
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzResolveServiceName(f *testing.F) {
	for _, seed := range []struct{ service, region string }{
		{"s3", "us-east-1"},
		{"ecr.api", "cn-north-1"},
		{"transcribe", "cn-northwest-1"},
		{"ec2", "us-iso-west-1"},
		{"execute-api", "us-gov-west-1"},
		{"com.amazonaws.us-east-1.s3", "us-east-1"},
		{"cn.com.amazonaws.cn-north-1.s3", "cn-north-1"},
		{"aws.sagemaker.us-east-1.notebook", "us-east-1"},
		{"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "us-east-1"},
		{"com.amazonaws", "us-east-1"},
		{"vpce.x", "eu-west-1"},
		{"", ""},
		{".", "us-east-1"},
		{"S3 ", "x"},
		{"é", "us-east-1"},
	} {
		f.Add(seed.service, seed.region)
	}
	f.Fuzz(func(t *testing.T, service, region string) {
		got, err := ResolveServiceName(service, region) // must never panic
		if err != nil {
			if got != "" {
				t.Fatalf("ResolveServiceName(%q, %q) = %q with error %v", service, region, got, err)
			}
			return
		}
		if isFullName(service) {
			if got != service {
				t.Fatalf("full name %q did not pass through: got %q", service, got)
			}
			return
		}
		if short := ShortName(got); short != service {
			t.Fatalf("ShortName(ResolveServiceName(%q, %q)) = %q (full name %q)", service, region, short, got)
		}
		if again, err := ResolveServiceName(got, region); err != nil || again != got {
			t.Fatalf("resolving the full name %q again gave %q, %v", got, again, err)
		}
	})
}

func TestCheckStaticWithoutRegion(t *testing.T) {
	t.Parallel()
	// terraform validate runs static rules before the provider (and its region) is configured.
	if fs := CheckGatewayStatic(GatewayConfig{Service: "s3"}); len(fs) != 0 {
		t.Errorf("gateway s3 without region: %v, want no findings", fs)
	}
	fs := CheckGatewayStatic(GatewayConfig{Service: "ssm"})
	if len(fs) != 1 || fs[0].Rule != "P1" || !strings.Contains(fs[0].Detail, "ssm") {
		t.Errorf("gateway ssm without region: %v, want one P1 finding naming ssm", fs)
	}
	if fs := CheckInterfaceStatic(InterfaceConfig{Service: "ssm"}); len(fs) != 0 {
		t.Errorf("interface ssm without region: %v, want no findings", fs)
	}
	if fs := CheckGatewayStatic(GatewayConfig{Service: "S3 "}); len(fs) != 1 {
		t.Errorf("malformed service without region: %v, want one finding", fs)
	}
}

func TestResolveServiceNameForType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, service, region, typ, want string
	}{
		{"commercial interface", "ec2", "us-east-1", TypeInterface, "com.amazonaws.us-east-1.ec2"},
		{"commercial gateway", "s3", "eu-west-1", TypeGateway, "com.amazonaws.eu-west-1.s3"},
		{"govcloud keeps com.amazonaws", "ecr.api", "us-gov-west-1", TypeInterface, "com.amazonaws.us-gov-west-1.ecr.api"},
		{"china listed service", "ec2", "cn-north-1", TypeInterface, "cn.com.amazonaws.cn-north-1.ec2"},
		{"china unlisted service", "ssm", "cn-north-1", TypeInterface, "com.amazonaws.cn-north-1.ssm"},
		{"china logs", "logs", "cn-northwest-1", TypeInterface, "com.amazonaws.cn-northwest-1.logs"},
		{"china s3 interface", "s3", "cn-north-1", TypeInterface, "cn.com.amazonaws.cn-north-1.s3"},
		{"china s3 gateway", "s3", "cn-north-1", TypeGateway, "com.amazonaws.cn-north-1.s3"},
		{"china dynamodb gateway", "dynamodb", "cn-northwest-1", TypeGateway, "com.amazonaws.cn-northwest-1.dynamodb"},
		{"china type unset is interface", "ecr.dkr", "cn-northwest-1", "", "cn.com.amazonaws.cn-northwest-1.ecr.dkr"},
		{"china north only", "iotsitewise.api", "cn-north-1", TypeInterface, "cn.com.amazonaws.cn-north-1.iotsitewise.api"},
		{"china northwest lacks it", "iotsitewise.api", "cn-northwest-1", TypeInterface, "com.amazonaws.cn-northwest-1.iotsitewise.api"},
		{"china suffix", "transcribe", "cn-north-1", TypeInterface, "cn.com.amazonaws.cn-north-1.transcribe.cn"},
		{"iso", "ec2", "us-iso-east-1", TypeInterface, "gov.ic.c2s.us-iso-east-1.ec2"},
		{"iso unlisted", "ssm", "us-iso-east-1", TypeInterface, "com.amazonaws.us-iso-east-1.ssm"},
		{"isob", "ecr.api", "us-isob-east-1", TypeInterface, "gov.sgov.sc2s.us-isob-east-1.ecr.api"},
		{"isof", "execute-api", "us-isof-south-1", TypeInterface, "gov.ic.hci.csp.us-isof-south-1.execute-api"},
		{"isoe", "ebs", "eu-isoe-west-1", TypeInterface, "uk.adc-e.cloud.eu-isoe-west-1.ebs"},
		{"eusc", "securityhub", "eusc-de-east-1", TypeInterface, "eu.amazonaws.eusc-de-east-1.securityhub"},
		{"full passes through whatever the type", "cn.com.amazonaws.cn-north-1.s3", "cn-north-1", TypeGateway, "cn.com.amazonaws.cn-north-1.s3"},
		{"iso full passes through", "gov.ic.c2s.us-iso-east-1.ec2", "", "", "gov.ic.c2s.us-iso-east-1.ec2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ResolveServiceNameForType(tt.service, tt.region, tt.typ)
			if err != nil {
				t.Fatalf("ResolveServiceNameForType(%q, %q, %q): %v", tt.service, tt.region, tt.typ, err)
			}
			if got != tt.want {
				t.Errorf("ResolveServiceNameForType(%q, %q, %q) = %q, want %q", tt.service, tt.region, tt.typ, got, tt.want)
			}
			if short := ShortName(got); !isFullName(tt.service) && short != tt.service {
				t.Errorf("ShortName(%q) = %q, want %q", got, short, tt.service)
			}
		})
	}
	if _, err := ResolveServiceNameForType("gov.ic.c2s.us-iso-east-1", "", ""); err == nil || !strings.Contains(err.Error(), "incomplete (gov.ic.c2s.<region>.<service>)") {
		t.Errorf("incomplete iso name: %v", err)
	}
}

func TestServiceRegion(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"com.amazonaws.us-east-1.s3", "us-east-1"},
		{"cn.com.amazonaws.cn-north-1.transcribe.cn", "cn-north-1"},
		{"gov.sgov.sc2s.us-isob-east-1.ec2", "us-isob-east-1"},
		{"com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", "eu-west-1"},
		{"aws.sagemaker.us-west-2.notebook", "us-west-2"},
		{"com.amazonaws.s3-global.accesspoint", ""},
		{"com.amazonaws.vpce.x.vpce-svc-0", ""},
		{"aws.sagemaker", ""},
		{"s3", ""},
	}
	for _, tt := range tests {
		if got := ServiceRegion(tt.in); got != tt.want {
			t.Errorf("ServiceRegion(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPartition(t *testing.T) {
	t.Parallel()
	for region, want := range map[string]string{
		"us-east-1": "aws", "eu-west-1": "aws", "cn-north-1": "aws-cn", "us-gov-west-1": "aws-us-gov",
		"us-iso-east-1": "aws-iso", "us-isob-east-1": "aws-iso-b", "us-isof-south-1": "aws-iso-f",
		"eu-isoe-west-1": "aws-iso-e", "eusc-de-east-1": "aws-eusc",
	} {
		if got := Partition(region); got != want {
			t.Errorf("Partition(%q) = %q, want %q", region, got, want)
		}
	}
}

func TestParseServiceName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    ServiceNameParts
		wantErr string
	}{
		{in: "com.amazonaws.us-east-1.s3", want: ServiceNameParts{Prefix: "com.amazonaws", Region: "us-east-1", Service: "s3", ShortName: "s3"}},
		{in: "com.amazonaws.eu-west-1.ecr.api", want: ServiceNameParts{Prefix: "com.amazonaws", Region: "eu-west-1", Service: "ecr.api", ShortName: "ecr.api"}},
		{in: "cn.com.amazonaws.cn-north-1.transcribe.cn", want: ServiceNameParts{Prefix: "cn.com.amazonaws", Region: "cn-north-1", Service: "transcribe", ShortName: "transcribe"}},
		{in: "gov.ic.c2s.us-iso-east-1.ec2", want: ServiceNameParts{Prefix: "gov.ic.c2s", Region: "us-iso-east-1", Service: "ec2", ShortName: "ec2"}},
		{in: "com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0", want: ServiceNameParts{Prefix: "com.amazonaws.vpce", Region: "us-west-2",
			Service: "vpce-svc-0123456789abcdef0", PrivateLink: true, ServiceID: "vpce-svc-0123456789abcdef0"}},
		{in: "aws.sagemaker.us-east-1.notebook", want: ServiceNameParts{Prefix: "aws.sagemaker", Region: "us-east-1", Service: "notebook"}},
		{in: "com.amazonaws.s3-global.accesspoint", want: ServiceNameParts{Prefix: "com.amazonaws", Service: "s3-global.accesspoint"}},
		{in: "s3", wantErr: "is a short name"},
		{in: "com.amazonaws.us-east-1", wantErr: "incomplete"},
		{in: "com.amazonaws.vpce.us-east-1.vpce-svc-xyz", wantErr: "not a valid PrivateLink"},
		{in: "Com.amazonaws.us-east-1.s3", wantErr: "uppercase"},
		{in: "", wantErr: "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseServiceName(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseServiceName(%q) = %+v, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseServiceName(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
			if got.ShortName != "" {
				if back, err := ResolveServiceNameForType(got.ShortName, got.Region, TypeInterface); err != nil || back != tt.in {
					t.Errorf("the short name %q does not resolve back to %q: %q, %v", got.ShortName, tt.in, back, err)
				}
			}
		})
	}
}

func TestGatewayServiceName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    bool
		wantErr bool
	}{
		{in: "s3", want: true},
		{in: "dynamodb", want: true},
		{in: "s3express", want: true},
		{in: "ssm", want: false},
		{in: "com.amazonaws.us-east-1.s3", want: true},
		{in: "com.amazonaws.us-east-1.ssm", want: false},
		{in: "com.amazonaws.cn-north-1.s3", want: true},
		{in: "cn.com.amazonaws.cn-north-1.s3", want: false}, // S3's interface service in China
		{in: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", want: false},
		{in: "aws.sagemaker.us-east-1.notebook", want: false},
		{in: "S3", wantErr: true},
		{in: "com.amazonaws.us-east-1", wantErr: true},
	}
	for _, tt := range tests {
		got, err := GatewayServiceName(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("GatewayServiceName(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestGatewayConfigServiceNameChina(t *testing.T) {
	t.Parallel()
	// S3's gateway in China is com.amazonaws.…; its interface service is cn.com.amazonaws.….
	got, err := GatewayConfig{Service: "s3", Region: "cn-north-1"}.ServiceName()
	if err != nil || got != "com.amazonaws.cn-north-1.s3" {
		t.Errorf("gateway s3 in cn-north-1 = %q, %v; want com.amazonaws.cn-north-1.s3", got, err)
	}
}

func TestPreferredTypeFor(t *testing.T) {
	t.Parallel()
	both := []string{TypeInterface, TypeGateway}
	tests := []struct {
		name    string
		types   []string
		reach   []string
		want    string
		wantErr string
	}{
		{"default: the VPC only, gateway offered", both, nil, TypeGateway, ""},
		{"the VPC only, said", both, []string{ReachVPC}, TypeGateway, ""},
		{"on-premises needs an interface endpoint", both, []string{ReachVPC, ReachOnPremises}, TypeInterface, ""},
		{"peered VPCs in other regions", both, []string{ReachPeeredVPCsOtherRegion}, TypeInterface, ""},
		{"transit gateway", both, []string{ReachTransitGateway}, TypeInterface, ""},
		{"interface-only service", []string{TypeInterface}, nil, TypeInterface, ""},
		{"interface-only service from on-premises", []string{TypeInterface}, []string{ReachOnPremises}, TypeInterface, ""},
		{"gateway-only service from on-premises", []string{TypeGateway}, []string{ReachOnPremises}, "", "only Gateway endpoints"},
		{"nothing offered", nil, []string{ReachOnPremises}, "", "neither"},
		{"gateway load balancer service", []string{"GatewayLoadBalancer"}, []string{ReachOnPremises}, TypeGatewayLoadBalancer, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, reason, err := PreferredTypeFor(tt.types, tt.reach)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want || reason == "" {
				t.Fatalf("PreferredTypeFor(%v, %v) = %q, %q, %v; want %q with a reason", tt.types, tt.reach, got, reason, err, tt.want)
			}
		})
	}
}
