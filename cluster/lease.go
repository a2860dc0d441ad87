package cluster

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/marsad-project/marsad"
)

// Leases are exclusive, expiring claims on named jobs (a feed to poll), kept in a
// JetStream key-value bucket whose entries live TTL: a holder renews its lease by
// acquiring it again before it expires; a holder that dies loses it after TTL.
type Leases struct {
	kv     jetstream.KeyValue
	holder string
}

// Leases opens (creating it if needed) the lease bucket with entries living ttl; holder
// names this process (unique in the cluster: host and pid).
func (c *Conn) Leases(ctx context.Context, holder string, ttl time.Duration) (*Leases, error) {
	const op = "cluster.Leases"
	if holder == "" || ttl <= 0 {
		return nil, marsad.Errorf(op, marsad.Invalid, "a lease needs a holder and a TTL")
	}
	kv, err := c.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: c.cfg.bucket(), TTL: ttl, History: 1, Storage: jetstream.FileStorage,
		Description: "Marsad leases (feed polling)",
	})
	if err != nil {
		return nil, marsad.E(op, marsad.Unavailable, err)
	}
	return &Leases{kv: kv, holder: holder}, nil
}

// key turns a job name (a feed URL) into a valid bucket key.
func key(name string) string {
	h := sha256.Sum256([]byte(name))
	return "job." + hex.EncodeToString(h[:16])
}

// Acquire claims the job name for this holder, or renews the claim it has; it returns
// false when another holder has it.
func (l *Leases) Acquire(ctx context.Context, name string) (bool, error) {
	const op = "cluster.Acquire"
	k := key(name)
	if _, err := l.kv.Create(ctx, k, []byte(l.holder)); err == nil {
		return true, nil
	} else if !errors.Is(err, jetstream.ErrKeyExists) {
		return false, marsad.E(op, marsad.Unavailable, err)
	}
	e, err := l.kv.Get(ctx, k)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		// Expired between the two calls: try once more.
		if _, err := l.kv.Create(ctx, k, []byte(l.holder)); err == nil {
			return true, nil
		}
		return false, nil
	}
	if err != nil {
		return false, marsad.E(op, marsad.Unavailable, err)
	}
	if string(e.Value()) != l.holder {
		return false, nil
	}
	// Ours: renew, on the condition that nobody took it meanwhile.
	if _, err := l.kv.Update(ctx, k, []byte(l.holder), e.Revision()); err != nil {
		return false, nil
	}
	return true, nil
}

// Release gives up the claim on name if this holder has it.
func (l *Leases) Release(ctx context.Context, name string) error {
	k := key(name)
	e, err := l.kv.Get(ctx, k)
	if err != nil {
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			return nil
		}
		return marsad.E("cluster.Release", marsad.Unavailable, err)
	}
	if string(e.Value()) != l.holder {
		return nil
	}
	if err := l.kv.Delete(ctx, k, jetstream.LastRevision(e.Revision())); err != nil {
		return marsad.E("cluster.Release", marsad.Unavailable, err)
	}
	return nil
}
