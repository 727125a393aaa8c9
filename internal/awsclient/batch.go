package awsclient

import (
	"context"
	"slices"
	"sort"
	"sync"
	"time"
)

// Lookups that arrive together are answered by one call: Terraform plans up to ten resources at once
// (-parallelism), and each asks for its own facts (its service, its subnets). The first lookup of a
// batch waits BatchWindow for the others, then one describe call with every id asked for answers all
// of them. A lookup whose id is already being fetched waits for that call.

// BatchWindow is how long the first lookup of a batch waits for others before the call is made.
var BatchWindow = 50 * time.Millisecond

// batchCallTimeout bounds one batched call (it serves several callers, so none's deadline alone).
const batchCallTimeout = 5 * time.Minute

// batcher coalesces lookups of V by key.
type batcher[V any] struct {
	// fetch describes the keys; keys absent from the map do not exist. It runs with the first
	// caller's context, without its cancellation.
	fetch func(ctx context.Context, keys []string) (map[string]V, error)

	mu       sync.Mutex
	pending  *batch[V]            // collecting keys, not sent yet
	inflight map[string]*batch[V] // key → the batch that answers it
}

type batch[V any] struct {
	ctx  context.Context
	keys []string
	done chan struct{}
	vals map[string]V
	err  error
}

func newBatcher[V any](fetch func(ctx context.Context, keys []string) (map[string]V, error)) *batcher[V] {
	return &batcher[V]{fetch: fetch, inflight: map[string]*batch[V]{}}
}

// get returns the value of each key (absent: it does not exist), joining the batch being collected or
// the call already fetching a key.
func (b *batcher[V]) get(ctx context.Context, keys []string) (map[string]V, error) {
	b.mu.Lock()
	var waits []*batch[V]
	for _, k := range keys {
		bt, ok := b.inflight[k]
		if !ok {
			if b.pending == nil {
				b.pending = &batch[V]{ctx: context.WithoutCancel(ctx), done: make(chan struct{})}
				go b.send(b.pending)
			}
			bt = b.pending
			bt.keys = append(bt.keys, k)
			b.inflight[k] = bt
		}
		if !slices.Contains(waits, bt) {
			waits = append(waits, bt)
		}
	}
	b.mu.Unlock()
	out := make(map[string]V, len(keys))
	for _, bt := range waits {
		select {
		case <-bt.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if bt.err != nil {
			return nil, bt.err
		}
		for _, k := range keys {
			if v, ok := bt.vals[k]; ok {
				out[k] = v
			}
		}
	}
	return out, nil
}

func (b *batcher[V]) send(bt *batch[V]) {
	time.Sleep(BatchWindow)
	b.mu.Lock()
	if b.pending == bt {
		b.pending = nil
	}
	keys := slices.Clone(bt.keys)
	b.mu.Unlock()
	sort.Strings(keys)
	ctx, cancel := context.WithTimeout(bt.ctx, batchCallTimeout)
	bt.vals, bt.err = b.fetch(ctx, keys)
	cancel()
	b.mu.Lock()
	for _, k := range keys {
		if b.inflight[k] == bt {
			delete(b.inflight, k)
		}
	}
	b.mu.Unlock()
	close(bt.done)
}
