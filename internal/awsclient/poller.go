package awsclient

import (
	"context"
	"slices"
	"sort"
	"sync"
	"time"
)

// One poller per kind of object: every waiter of a run that waits for an object of that kind (an
// endpoint to become available, to be deleted, a network interface to be released) is served by the
// same describe call, one per tick for all of them, instead of one call per waiter per poll.
//
// Each waiter keeps its own schedule: when it wants its next observation. A tick is due when the
// earliest waiter wants one; the call then serves every waiter whose next observation is due within
// a short coalescing window, so waiters created close together share calls. The schedule learns how
// long this run's objects take (per kind of wait, e.g. "create"): a waiter's first observation is
// planned for about when similar waits ended, then follows quickly, so the apply stays near the time
// AWS itself takes, for short and long pending times alike. Before anything is learnt, the
// schedule is the classic backoff (PollInitialDelay growing by PollBackoffFactor to PollMaxDelay).
//
// A poll that fails (throttling or a 5xx after the SDK's retries) fails no waiter: each tries again
// at its next observation until its own deadline.

// pollFetch describes the objects with the given ids; ids that do not exist are absent from the map.
type pollFetch[T any] func(ctx context.Context, ids []string) (map[string]T, error)

// observation is what one tick saw of one id.
type observation[T any] struct {
	obj   T
	found bool
	err   error // the describe failed: nothing was seen
	at    time.Time
}

type pollWaiter[T any] struct {
	id   string
	kind string
	next time.Time
	ch   chan observation[T] // buffered(1): the latest observation replaces an unread one
}

type poller[T any] struct {
	fetch pollFetch[T]

	mu      sync.Mutex
	waiters map[*pollWaiter[T]]struct{}
	running bool
	wake    chan struct{}
	learnt  map[string][]time.Duration // kind → recent durations of finished waits
}

func newPoller[T any](fetch pollFetch[T]) *poller[T] {
	return &poller[T]{
		fetch:   fetch,
		waiters: map[*pollWaiter[T]]struct{}{},
		wake:    make(chan struct{}, 1),
		learnt:  map[string][]time.Duration{},
	}
}

// Polling windows.
const (
	// pollCoalesce is how far ahead of its schedule a waiter is served by a tick that is due anyway.
	pollCoalesce = 50 * time.Millisecond
	// pollLead is how long before the expected end of its wait a waiter's first observation is
	// planned.
	pollLead = 25 * time.Millisecond
	// learntSamples is how many finished waits of a kind the schedule remembers.
	learntSamples = 32
	// pollCallTimeout bounds one describe call of the poller.
	pollCallTimeout = 2 * time.Minute
)

// PollMinDelay bounds how often one waiter asks for an observation (tests shorten it).
var PollMinDelay = 50 * time.Millisecond

// register adds a waiter whose first observation is planned by its kind's schedule.
func (p *poller[T]) register(id, kind string, start time.Time) *pollWaiter[T] {
	return p.registerFrom(id, kind, start, PollInitialDelay)
}

// registerFrom is register with the first delay used while nothing is learnt of the kind.
func (p *poller[T]) registerFrom(id, kind string, start time.Time, initial time.Duration) *pollWaiter[T] {
	p.mu.Lock()
	at := start.Add(p.firstDelayLocked(kind, initial))
	p.mu.Unlock()
	return p.registerAt([]string{id}, kind, at)[0]
}

// registerAt adds waiters for the ids, all at once, whose first observation is due at the given time
// (now or earlier: at once; one tick serves them all).
func (p *poller[T]) registerAt(ids []string, kind string, at time.Time) []*pollWaiter[T] {
	ws := make([]*pollWaiter[T], len(ids))
	p.mu.Lock()
	for i, id := range ids {
		ws[i] = &pollWaiter[T]{id: id, kind: kind, next: at, ch: make(chan observation[T], 1)}
		p.waiters[ws[i]] = struct{}{}
	}
	start := !p.running
	p.running = true
	p.mu.Unlock()
	if start {
		go p.loop()
	}
	p.poke()
	return ws
}

// expected is the typical duration of a finished wait of the kind; 0 when none is known yet.
func (p *poller[T]) expected(kind string) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.expectedLocked(kind)
}

// unregister removes a waiter; finished (with the wait's duration, > 0) feeds the schedule.
func (p *poller[T]) unregister(w *pollWaiter[T], finished time.Duration) {
	p.mu.Lock()
	delete(p.waiters, w)
	if finished > 0 {
		s := append(p.learnt[w.kind], finished)
		if len(s) > learntSamples {
			s = s[len(s)-learntSamples:]
		}
		p.learnt[w.kind] = s
	}
	p.mu.Unlock()
	p.poke()
}

// reschedule plans a waiter's next observation after delay.
func (p *poller[T]) reschedule(w *pollWaiter[T], delay time.Duration) {
	p.mu.Lock()
	w.next = time.Now().Add(max(delay, PollMinDelay))
	p.mu.Unlock()
	p.poke()
}

func (p *poller[T]) poke() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// expectedLocked is the typical duration of a finished wait of the kind (the median of the recent
// ones); 0 when none is known.
func (p *poller[T]) expectedLocked(kind string) time.Duration {
	s := p.learnt[kind]
	if len(s) == 0 {
		return 0
	}
	sorted := slices.Clone(s)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	return sorted[len(sorted)/2]
}

func (p *poller[T]) firstDelayLocked(kind string, initial time.Duration) time.Duration {
	if e := p.expectedLocked(kind); e > 0 {
		return max(e-pollLead, PollMinDelay)
	}
	return initial
}

// sample is what a finished wait teaches the schedule of its kind. The object reached its target
// between the last observation that did not see it there (lastPending after the start; 0 if none)
// and the one that did (observed): the sample is the middle of that interval. When the very first
// observation saw it, it may have been there long before: the sample is then a step earlier than
// observed, so that the next first observation comes earlier, and the schedule converges on the real
// duration instead of keeping a late first observation (and its lost time) wave after wave.
func (p *poller[T]) sample(kind string, observed, lastPending time.Duration) time.Duration {
	if lastPending > 0 && lastPending < observed {
		return lastPending + (observed-lastPending)/2
	}
	p.mu.Lock()
	e := p.expectedLocked(kind)
	p.mu.Unlock()
	step := observed / 2
	if e > 0 {
		step = max(e/20, PollMinDelay)
	}
	return max(observed-step, PollMinDelay)
}

// followDelay is the delay after an observation that did not end the wait, n observations into it.
func (p *poller[T]) followDelay(kind string, previous time.Duration) time.Duration {
	p.mu.Lock()
	e := p.expectedLocked(kind)
	p.mu.Unlock()
	if e > 0 && previous == 0 {
		return max(e/40, PollMinDelay) // just past the expected end: look again soon
	}
	if previous == 0 {
		previous = PollInitialDelay
	}
	return NextDelay(previous)
}

// loop ticks while there are waiters.
func (p *poller[T]) loop() {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		p.mu.Lock()
		if len(p.waiters) == 0 {
			p.running = false
			p.mu.Unlock()
			return
		}
		due := time.Time{}
		for w := range p.waiters {
			if due.IsZero() || w.next.Before(due) {
				due = w.next
			}
		}
		p.mu.Unlock()

		if d := time.Until(due); d > 0 {
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
			timer.Reset(d)
			select {
			case <-timer.C:
			case <-p.wake:
				continue // a waiter came, went or changed its schedule
			}
		}
		p.tick()
	}
}

// tick serves every waiter due within the coalescing window with one describe.
func (p *poller[T]) tick() {
	now := time.Now()
	p.mu.Lock()
	var batch []*pollWaiter[T]
	var ids []string
	for w := range p.waiters {
		if !w.next.After(now.Add(pollCoalesce)) {
			batch = append(batch, w)
			if !slices.Contains(ids, w.id) {
				ids = append(ids, w.id)
			}
			w.next = now.Add(time.Hour) // until the waiter reschedules
		}
	}
	p.mu.Unlock()
	if len(batch) == 0 {
		return
	}
	sort.Strings(ids)
	ctx, cancel := context.WithTimeout(context.Background(), pollCallTimeout)
	objs, err := p.fetch(ctx, ids)
	cancel()
	at := time.Now()
	for _, w := range batch {
		obs := observation[T]{at: at, err: err}
		if err == nil {
			obs.obj, obs.found = objs[w.id]
		}
		select { // keep only the latest observation
		case <-w.ch:
		default:
		}
		w.ch <- obs
	}
}
