// Package sqlite is Marsad's embedded store: a marsad.Store on one SQLite database file
// (pure Go driver modernc.org/sqlite, no cgo), in WAL mode with a busy timeout, its
// schema applied by numbered migrations embedded in the binary. Full-text search runs
// on an FTS5 index of the articles' search keys (arabic.SearchKeys), so queries match
// Arabic word variants. Every filter value reaches SQL through a placeholder.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/marsad-project/marsad"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the database file Open creates inside a data folder.
const FileName = "marsad.db"

// Options configure a Store.
type Options struct {
	// BusyTimeout is how long a connection waits for a lock (0: 10 s).
	BusyTimeout time.Duration
	// Logger receives migration messages; nil discards them.
	Logger *slog.Logger
}

// Store is the SQLite marsad.Store.
type Store struct {
	db  *sql.DB
	log *slog.Logger
	// wmu serialises write transactions: SQLite has one writer at a time, and waiting
	// here is cheaper and fairer than retrying on SQLITE_BUSY.
	wmu    sync.Mutex
	closed chan struct{}
	once   sync.Once
}

var _ marsad.Store = (*Store)(nil)

// OpenDir opens (creating it and the folder if needed) the store in folder dir.
func OpenDir(ctx context.Context, dir string, opts Options) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, marsad.E("sqlite.Open", marsad.Unavailable, err)
	}
	return Open(ctx, filepath.Join(dir, FileName), opts)
}

// Open opens (creating it if needed) the database file at path and applies the
// migrations it lacks.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	const op = "sqlite.Open"
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = 10 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", opts.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	// NORMAL in WAL mode: a committed transaction survives a crash of the process
	// (kill -9); only a power cut can lose the last ones.
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, marsad.E(op, marsad.Unavailable, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	s := &Store{db: db, log: opts.Logger, closed: make(chan struct{})}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// migrate applies the embedded migrations that are newer than the database's version,
// each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	const op = "sqlite.migrate"
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return marsad.E(op, marsad.Unavailable, err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return marsad.E(op, marsad.Internal, err)
	}
	sort.Strings(names)
	for _, name := range names {
		base := filepath.Base(name)
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return marsad.Errorf(op, marsad.Internal, "migration %s: name must start with a number", base)
		}
		var done int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, n).Scan(&done); err != nil {
			return marsad.E(op, marsad.Unavailable, err)
		}
		if done > 0 {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return marsad.E(op, marsad.Internal, err)
		}
		err = s.write(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("%s: %w", base, err)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, n, now())
			return err
		})
		if err != nil {
			return marsad.E(op, marsad.Internal, err)
		}
		s.log.Info("migration applied", "version", n, "file", base)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	var err error
	s.once.Do(func() {
		close(s.closed)
		s.wmu.Lock()
		defer s.wmu.Unlock()
		err = s.db.Close()
	})
	return err
}

func (s *Store) isClosed() bool {
	select {
	case <-s.closed:
		return true
	default:
		return false
	}
}

// write runs fn in a write transaction, committing when it returns nil.
func (s *Store) write(ctx context.Context, fn func(*sql.Tx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.isClosed() {
		return marsad.Errorf("sqlite", marsad.Unavailable, "store is closed")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return marsad.E("sqlite.begin", marsad.Unavailable, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return marsad.E("sqlite.commit", marsad.Unavailable, err)
	}
	return nil
}

// check returns Unavailable when the store is closed.
func (s *Store) check(op string) error {
	if s.isClosed() {
		return marsad.Errorf(op, marsad.Unavailable, "store is closed")
	}
	return nil
}

// dbErr classifies a database error: a cancelled context and a closed database are
// Unavailable, anything else Internal.
func dbErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if marsad.ErrorKind(err) != marsad.Other {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, sql.ErrConnDone) ||
		strings.Contains(err.Error(), "database is closed") {
		return marsad.E(op, marsad.Unavailable, err)
	}
	return marsad.E(op, marsad.Internal, err)
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

func timeNow() time.Time { return time.Now() }

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// Check runs SQLite's integrity check over the whole database (slow on a large one:
// for tests and repairs, not for every start).
func (s *Store) Check(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return marsad.E("sqlite.check", marsad.Unavailable, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return marsad.E("sqlite.check", marsad.Internal, err)
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	if err := rows.Err(); err != nil {
		return marsad.E("sqlite.check", marsad.Internal, err)
	}
	if len(problems) > 0 {
		return marsad.Errorf("sqlite.check", marsad.Internal, "database damaged: %s", strings.Join(problems, "; "))
	}
	return nil
}
