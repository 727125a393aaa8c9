// Command terraform-provider-vpce is a Terraform and OpenTofu provider that manages AWS VPC endpoints.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/vpce-dev/terraform-provider-vpce/internal/provider"
)

// version is set by the release build's ldflags.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	quietUnlessAsked(os.Getenv, os.Setenv)
	if dir := os.Getenv("VPCE_CPU_PROFILE_DIR"); dir != "" {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", os.Getpid())))
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer func() { pprof.StopCPUProfile(); _ = f.Close() }()
		}
	}

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	// provider.NewServer is providerserver.NewProtocol6 with each request's context forgotten once
	// the request is answered (the framework keeps them all otherwise).
	err := tf6server.Serve(provider.RegistryAddress, provider.NewServer(provider.New(version)), opts...)
	if err != nil {
		log.Print(err.Error())
		os.Exit(1) //nolint:gocritic // the profile is only for a clean exit
	}
}

// logLevelVariables are the environment variables that ask for the provider's logs: Terraform and
// OpenTofu pass their environment on to the provider, so a user who sets TF_LOG (or a provider or
// SDK level) for the CLI sets it for the provider too.
var logLevelVariables = []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_VPCE", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// quietUnlessAsked turns the provider's and the SDK's logs off when none of logLevelVariables is set.
// The SDK's default level is TRACE whatever the CLI wants: every request then logs every attribute
// it validates or plans, as JSON on stderr, which the CLI reads, parses and, without TF_LOG,
// discards. On large configurations that logging was most of the provider's memory (a 1,100-endpoint
// plan peaked above 200 MB) and much of both processes' CPU time.
func quietUnlessAsked(getenv func(string) string, setenv func(string, string) error) {
	for _, k := range logLevelVariables {
		if getenv(k) != "" {
			return
		}
	}
	_ = setenv("TF_LOG_SDK", "OFF")
	_ = setenv("TF_LOG_PROVIDER_VPCE", "OFF")
}
