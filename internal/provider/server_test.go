package provider

import (
	"context"
	"testing"
	"time"
)

type testKey struct{}

func TestDetachedContext(t *testing.T) {
	t.Parallel()
	parent, cancelParent := context.WithCancel(context.WithValue(context.Background(), testKey{}, "v"))
	defer cancelParent()
	d := detach(parent)

	// While the request runs: the request's values, not done.
	if got := d.Value(testKey{}); got != "v" {
		t.Fatalf("Value = %v, want the request's", got)
	}
	if d.Err() != nil {
		t.Fatal("done before the request is")
	}
	// What the framework derives from it is cancelled with the request, without a goroutine of its own.
	child, cancelChild := context.WithCancel(d)
	defer cancelChild()
	if child.Value(testKey{}) != "v" {
		t.Fatal("a derived context does not see the request's values")
	}
	cancelParent()
	select {
	case <-child.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a derived context is not cancelled with the request")
	}
	if d.Err() == nil {
		t.Fatal("not done once the request is")
	}

	// Released: nothing of the request is reachable through it.
	d.release()
	if d.Value(testKey{}) != nil || d.parent != nil || d.stop != nil {
		t.Fatal("the released context still holds the request's")
	}
	if child.Value(testKey{}) != nil {
		t.Fatal("a derived context still reaches the request's values")
	}
}

// A request answered before its context is cancelled (gRPC cancels it just after): release alone
// ends it.
func TestDetachedContextReleasedFirst(t *testing.T) {
	t.Parallel()
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := detach(parent)
	child, cancelChild := context.WithCancel(d)
	defer cancelChild()
	d.release()
	select {
	case <-child.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("release does not end what was derived from the request")
	}
	if parent.Err() != nil {
		t.Fatal("release cancelled the request's own context")
	}
}
