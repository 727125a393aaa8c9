// Command vpce-emulator runs the local EC2/STS API of package emulator.
//
//	go run ./internal/emulator/cmd/vpce-emulator -seed demo
//
// It prints the endpoint URL and the environment to use, writes the seeded
// network ids as JSON, prints "READY <url>" once listening, and stops on
// SIGINT or SIGTERM.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	region := flag.String("region", emulator.DefaultRegion, "region for -seed")
	seedKind := flag.String("seed", "", `seed data to create: "" or "demo"`)
	seedFile := flag.String("seed-file", filepath.Join(os.TempDir(), "vpce-emulator-seed.json"), "where to write the seeded network ids (JSON)")
	urlFile := flag.String("url-file", "", "write the URL to this file when ready")
	timeScale := flag.Float64("time-scale", 1, "multiplies every simulated duration")
	pending := flag.Duration("pending", time.Second, "endpoint pending → available")
	deleting := flag.Duration("deleting", time.Second, "endpoint deleting → deleted")
	retention := flag.Duration("deleted-retention", 2*time.Second, "how long deleted endpoints are still described")
	dnsWindow := flag.Duration("dns-reservation", 2*time.Second, "private DNS reservation after delete")
	latency := flag.Duration("latency", 0, "added to every call")
	consistency := flag.Duration("consistency-window", 0, "new endpoints are NotFound in DescribeVpcEndpoints for this long")
	throttle := flag.Float64("throttle", 0, "requests per second (0: off)")
	burst := flag.Int("throttle-burst", 10, "token bucket burst")
	verbose := flag.Bool("v", false, "log every request")
	flag.Parse()

	opts := emulator.Options{
		Addr: *addr, TimeScale: *timeScale, PendingDuration: *pending, DeletingDuration: *deleting,
		DeletedRetention: *retention, DNSReservationWindow: *dnsWindow, Latency: *latency,
		ConsistencyWindow: *consistency, ThrottleRate: *throttle, ThrottleBurst: *burst,
	}
	if *verbose {
		opts.Logf = log.Printf
	}
	srv := emulator.New(opts)
	url, err := srv.Start()
	if err != nil {
		return err
	}
	defer srv.Close()

	fmt.Printf("EC2/STS endpoint: %s\n", url)
	fmt.Printf("export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_REGION=%s AWS_ENDPOINT_URL_EC2=%s AWS_ENDPOINT_URL_STS=%s\n",
		emulator.DefaultAccessKeyID, emulator.DefaultSecretAccessKey, *region, url, url)

	if *seedKind != "" {
		if *seedKind != "demo" {
			return fmt.Errorf("unknown -seed %q (want demo)", *seedKind)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		conn := ec2.New(ec2.Options{
			Region:       *region,
			BaseEndpoint: aws.String(url),
			Credentials:  credentials.NewStaticCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultSecretAccessKey, ""),
		})
		n, err := seed.Demo(ctx, conn, "demo")
		if err != nil {
			return fmt.Errorf("seeding demo network: %w", err)
		}
		b, err := json.MarshalIndent(n, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*seedFile, append(b, '\n'), 0o600); err != nil {
			return fmt.Errorf("writing seed file: %w", err)
		}
		fmt.Printf("seed ids written to %s\n", *seedFile)
	}
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(url+"\n"), 0o600); err != nil {
			return fmt.Errorf("writing URL file: %w", err)
		}
	}
	fmt.Printf("READY %s\n", url)

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	<-sig
	fmt.Println("stopping")
	return nil
}
