// Package postgres is Marsad's shared store: a marsad.Store on a PostgreSQL database
// (pgx connection pool), for a cluster of servers and workers. Its schema is applied by
// numbered migrations embedded in the binary, under an advisory lock so that processes
// starting together migrate once. The semantics are the SQLite store's (package sqlite),
// checked by the same conformance suite (storetest). Full-text search runs on a GIN
// index of a 'simple' tsvector over the articles' search keys (arabic.SearchKeys), so
// queries match Arabic word variants as on SQLite. Every filter value reaches SQL as a
// bind parameter.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marsad-project/marsad"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options configure a Store.
type Options struct {
	// Schema, when set, is created if missing and used as the search path: one
	// database can then hold several independent stores (the tests use one per test).
	Schema string
	// MaxConns bounds the connection pool (0: pgx's default, the larger of 4 and the
	// number of CPUs).
	MaxConns int32
	// Logger receives migration messages; nil discards them.
	Logger *slog.Logger
}

// Store is the PostgreSQL marsad.Store.
type Store struct {
	pool   *pgxpool.Pool
	schema string
	log    *slog.Logger
	closed atomic.Bool
}

var _ marsad.Store = (*Store)(nil)

var schemaRE = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// Open connects to the database at url (postgres://user@host:port/db?sslmode=…, or a
// key=value connection string) and applies the migrations it lacks.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	const op = "postgres.Open"
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, marsad.E(op, marsad.Invalid, err)
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	if opts.Schema != "" {
		if !schemaRE.MatchString(opts.Schema) {
			return nil, marsad.Errorf(op, marsad.Invalid, "schema %q: want lower-case letters, digits and _", opts.Schema)
		}
		cfg.ConnConfig.RuntimeParams["search_path"] = opts.Schema
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, marsad.E(op, marsad.Unavailable, err)
	}
	s := &Store{pool: pool, log: opts.Logger, schema: opts.Schema}
	if opts.Schema != "" {
		if _, err := pool.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+opts.Schema); err != nil {
			pool.Close()
			return nil, dbErr(op, err)
		}
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// migrate applies the embedded migrations newer than the database's version, all in
// one transaction holding an advisory lock.
func (s *Store) migrate(ctx context.Context) error {
	const op = "postgres.migrate"
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return marsad.E(op, marsad.Internal, err)
	}
	sort.Strings(names)
	return s.write(ctx, func(tx pgx.Tx) error {
		// The lock key is the schema's name, so stores in different schemas migrate
		// independently.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('marsad.migrate.' || current_schema()))`); err != nil {
			return dbErr(op, err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`); err != nil {
			return dbErr(op, err)
		}
		for _, name := range names {
			base := path.Base(name)
			n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
			if err != nil {
				return marsad.Errorf(op, marsad.Internal, "migration %s: name must start with a number", base)
			}
			var done bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, n).Scan(&done); err != nil {
				return dbErr(op, err)
			}
			if done {
				continue
			}
			body, err := migrations.ReadFile(name)
			if err != nil {
				return marsad.E(op, marsad.Internal, err)
			}
			if _, err := tx.Exec(ctx, string(body)); err != nil {
				return marsad.E(op, marsad.Internal, fmt.Errorf("%s: %w", base, err))
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())`, n); err != nil {
				return dbErr(op, err)
			}
			s.log.Info("migration applied", "version", n, "file", base)
		}
		return nil
	})
}

// Schema returns the schema the store was opened in ("" for the default search path).
func (s *Store) Schema() string { return s.schema }

// DropSchema drops a schema and everything in it (tests and benchmarks clean up with it).
func DropSchema(ctx context.Context, url, schema string) error {
	if !schemaRE.MatchString(schema) {
		return marsad.Errorf("postgres.DropSchema", marsad.Invalid, "bad schema name %q", schema)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return marsad.E("postgres.DropSchema", marsad.Unavailable, err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+schema+` CASCADE`)
	return dbErr("postgres.DropSchema", err)
}

// Close closes the pool.
func (s *Store) Close() error {
	if s.closed.CompareAndSwap(false, true) {
		s.pool.Close()
	}
	return nil
}

// check returns Unavailable when the store is closed.
func (s *Store) check(op string) error {
	if s.closed.Load() {
		return marsad.Errorf(op, marsad.Unavailable, "store is closed")
	}
	return nil
}

// write runs fn in a transaction, committing when it returns nil. A deadlock or a
// serialisation failure (concurrent writers) runs fn again, a few times.
func (s *Store) write(ctx context.Context, fn func(pgx.Tx) error) error {
	if err := s.check("postgres"); err != nil {
		return err
	}
	var err error
	for attempt := range 5 {
		err = pgx.BeginFunc(ctx, s.pool, fn)
		if !retryable(err) {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 10 * time.Millisecond)
	}
	if err != nil && marsad.ErrorKind(err) == marsad.Other {
		return dbErr("postgres.write", err)
	}
	return err
}

func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// dbErr classifies a database error: a cancelled context, a closed pool and a server
// that cannot be reached are Unavailable, anything else Internal.
func dbErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if marsad.ErrorKind(err) != marsad.Other {
		return err
	}
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe):
		if strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "57P") || strings.HasPrefix(pe.Code, "53") {
			return marsad.E(op, marsad.Unavailable, err)
		}
		return marsad.E(op, marsad.Internal, err)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err) ||
		strings.Contains(err.Error(), "closed pool"):
		return marsad.E(op, marsad.Unavailable, err)
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return marsad.E(op, marsad.Unavailable, err)
	}
	return marsad.E(op, marsad.Internal, err)
}

// rebind turns the ? placeholders of q (written in this package, with no ? inside
// literals) into PostgreSQL's $1, $2, ….
func rebind(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// nullTime is t, or NULL for the zero time.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// timeOf is the time scanned from a nullable column (zero for NULL).
func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}
