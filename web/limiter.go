package web

import (
	"sync"
	"time"
)

// limiter slows down guessing: it counts failed sign-ins per key (a
// client address, a code's selector, the admin password). The first
// freeTries failures cost nothing; after that each attempt must wait
// twice as long as the one before (1 s, 2 s, 4 s … up to maxWait), and an
// attempt before that time is refused without being checked. A key's
// count is forgotten after forgetAfter without failure. A limiter is safe
// for concurrent use.
type limiter struct {
	now     func() time.Time
	mu      sync.Mutex
	entries map[string]*tries
}

type tries struct {
	failures int
	last     time.Time // of the last failure
	until    time.Time // no attempt before this
}

const (
	freeTries   = 5
	maxWait     = 15 * time.Minute
	forgetAfter = time.Hour
	// maxEntries bounds the memory an attacker with many addresses can
	// make the limiter take; beyond it the stalest entries go first.
	maxEntries = 100_000
)

func newLimiter(now func() time.Time) *limiter {
	return &limiter{now: now, entries: map[string]*tries{}}
}

// wait returns how long the key must still wait before its next attempt;
// zero means it may try now.
func (l *limiter) wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.entries[key]
	if t == nil {
		return 0
	}
	now := l.now()
	if now.Sub(t.last) > forgetAfter {
		delete(l.entries, key)
		return 0
	}
	if d := t.until.Sub(now); d > 0 {
		return d
	}
	return 0
}

// fail records a failed attempt of the key.
func (l *limiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	t := l.entries[key]
	if t == nil || now.Sub(t.last) > forgetAfter {
		if len(l.entries) >= maxEntries {
			l.prune(now)
		}
		t = &tries{}
		l.entries[key] = t
	}
	t.failures++
	t.last = now
	if over := t.failures - freeTries; over > 0 {
		d := maxWait
		if over <= 20 {
			d = min(time.Second<<(over-1), maxWait)
		}
		t.until = now.Add(d)
	}
}

// succeed forgets the key's failures.
func (l *limiter) succeed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, key)
}

// prune drops forgotten entries and, if that is not enough, those older
// than half the forgetting time and then any (in map order) until half
// the room is free: under a flood of addresses, forgetting some early
// is better than running out of memory.
func (l *limiter) prune(now time.Time) {
	for k, t := range l.entries {
		if now.Sub(t.last) > forgetAfter {
			delete(l.entries, k)
		}
	}
	if len(l.entries) < maxEntries {
		return
	}
	cut := now.Add(-forgetAfter / 2)
	for k, t := range l.entries {
		if t.last.Before(cut) || len(l.entries) > maxEntries/2 {
			delete(l.entries, k)
		}
	}
}
