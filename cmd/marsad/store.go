package main

import (
	"context"
	"log/slog"
	"strings"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/postgres"
	"github.com/marsad-project/marsad/sqlite"
)

// openStore opens the store named by spec: a postgres:// (or postgresql://) URL for
// the shared PostgreSQL store, else a folder for the embedded SQLite store.
func openStore(ctx context.Context, spec string, log *slog.Logger) (marsad.Store, error) {
	if isPostgres(spec) {
		return postgres.Open(ctx, spec, postgres.Options{Logger: log.WithGroup("postgres")})
	}
	return sqlite.OpenDir(ctx, spec, sqlite.Options{Logger: log.WithGroup("sqlite")})
}

func isPostgres(spec string) bool {
	return strings.HasPrefix(spec, "postgres://") || strings.HasPrefix(spec, "postgresql://")
}
