package config

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestPrecedence(t *testing.T) {
	path := filepath.Join(t.TempDir(), "marsad.toml")
	os.WriteFile(path, []byte(`
nats-url = "nats://file:4222"
workers = 3
store = "postgres://file/db"
ack-wait = "30s"
other-command-setting = 1

[worker]
workers = 5
`), 0o644)
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		nats  string
		n     int
		store string
		wait  time.Duration
	}{
		{"file and section", nil, nil, "nats://file:4222", 5, "postgres://file/db", 30 * time.Second},
		{"env over file", nil, map[string]string{"MARSAD_NATS_URL": "nats://env:4222", "MARSAD_WORKERS": "7"}, "nats://env:4222", 7, "postgres://file/db", 30 * time.Second},
		{"flag over env", []string{"--nats-url", "nats://flag:4222", "--workers", "1"}, map[string]string{"MARSAD_NATS_URL": "nats://env:4222"}, "nats://flag:4222", 1, "postgres://file/db", 30 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := flag.NewFlagSet("worker", flag.ContinueOnError)
			nats := fs.String("nats-url", "", "")
			n := fs.Int("workers", 1, "")
			store := fs.String("store", "", "")
			wait := fs.Duration("ack-wait", time.Minute, "")
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			if err := Apply(fs, "worker", path, func(k string) string { return tc.env[k] }); err != nil {
				t.Fatal(err)
			}
			if *nats != tc.nats || *n != tc.n || *store != tc.store || *wait != tc.wait {
				t.Errorf("got %s %d %s %v, want %s %d %s %v", *nats, *n, *store, *wait, tc.nats, tc.n, tc.store, tc.wait)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"bad toml":        "workers = = 3",
		"bad value":       `workers = "many"`,
		"unknown section": "[worker]\nwrokers = 3",
	} {
		path := filepath.Join(dir, "c.toml")
		os.WriteFile(path, []byte(body), 0o644)
		fs := flag.NewFlagSet("worker", flag.ContinueOnError)
		fs.Int("workers", 1, "")
		fs.Parse(nil)
		if err := Apply(fs, "worker", path, func(string) string { return "" }); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.Int("workers", 1, "")
	fs.Parse(nil)
	if err := Apply(fs, "worker", filepath.Join(dir, "missing.toml"), nil); err == nil {
		t.Error("missing file: no error")
	}
	if got := EnvName("nats-url"); got != "MARSAD_NATS_URL" {
		t.Errorf("EnvName = %s", got)
	}
}
