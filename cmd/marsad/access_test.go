package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/marsad-project/marsad/httpapi"
)

func TestAccessGuard(t *testing.T) {
	dir := t.TempDir()
	const tok = "a-token-of-enough-length"
	file := filepath.Join(dir, "tokens")
	if err := os.WriteFile(file, []byte("# writers\n"+tok+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("MARSAD_TOKEN", httpapi.HashToken("env-token-of-enough-length").String())
	a := defaultAccess()
	a.TokenFile, a.Private, a.CORS = file, true, " https://a.example , https://b.example"
	g, err := a.guard()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Tokens) != 2 || g.Tokens[0] != httpapi.HashToken(tok) || g.Tokens[1] != httpapi.HashToken("env-token-of-enough-length") {
		t.Errorf("tokens %v", g.Tokens)
	}
	if len(g.CORSOrigins) != 2 || g.CORSOrigins[1] != "https://b.example" || !g.Private || g.Rate != 50 {
		t.Errorf("guard %+v", g)
	}

	t.Setenv("MARSAD_TOKEN", "")
	for name, a := range map[string]Access{
		"private without token": {Private: true},
		"missing file":          {TokenFile: filepath.Join(dir, "none")},
		"empty file":            {TokenFile: writeFile(t, dir, "empty", []byte("# none\n"))},
		"short token":           {TokenFile: writeFile(t, dir, "short", []byte("abc\n"))},
	} {
		if _, err := a.guard(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	t.Setenv("MARSAD_TOKEN", "short")
	if _, err := (&Access{}).guard(); err == nil {
		t.Error("short MARSAD_TOKEN accepted")
	}
}
