// Package config fills a command's flags from the environment and a configuration
// file, so that every setting has one name in three places:
//
//	flag       --nats-url nats://host:4222
//	variable   MARSAD_NATS_URL=nats://host:4222
//	file       nats-url = "nats://host:4222"        (TOML; a [worker] table applies to
//	                                                 `marsad worker` only)
//
// Precedence: a flag given on the command line wins over the variable, which wins over
// the file, which wins over the flag's default.
package config

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/marsad-project/marsad"
)

// EnvName is the environment variable of a flag: MARSAD_ and the flag's name in upper
// case with - as _.
func EnvName(flagName string) string {
	return "MARSAD_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// Apply sets the flags of fs that were not given on the command line (fs is parsed)
// from the environment (getenv; nil: os.Getenv) and then from the TOML file at path
// ("" for none). Top-level keys of the file apply to every command; the keys of the
// table named section override them. An unknown key in the file is an error, so that
// a misspelt setting is not silently ignored.
func Apply(fs *flag.FlagSet, section, path string, getenv func(string) string) error {
	const op = "config"
	if getenv == nil {
		getenv = os.Getenv
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	file := map[string]string{}
	if path != "" {
		var raw map[string]any
		if _, err := toml.DecodeFile(path, &raw); err != nil {
			return marsad.E(op, marsad.Invalid, fmt.Errorf("%s: %w", path, err))
		}
		for _, pass := range []bool{false, true} { // top level first, then the section
			for k, v := range raw {
				if tbl, ok := v.(map[string]any); ok {
					if pass && k == section {
						for k2, v2 := range tbl {
							if err := addKey(fs, file, path, section+"."+k2, k2, v2); err != nil {
								return err
							}
						}
					}
					continue
				}
				if !pass {
					if err := addKey(fs, file, path, k, k, v); err != nil {
						return err
					}
				}
			}
		}
	}
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if err != nil || given[f.Name] || f.Name == "config" {
			return
		}
		v, from := getenv(EnvName(f.Name)), EnvName(f.Name)
		if v == "" {
			v, from = file[f.Name], path
			if _, ok := file[f.Name]; !ok {
				return
			}
		}
		if e := fs.Set(f.Name, v); e != nil {
			err = marsad.E(op, marsad.Invalid, fmt.Errorf("%s: %s: %w", from, f.Name, e))
		}
	})
	return err
}

// addKey records a file value for flag name, checking that the command has it. Keys
// of other commands' tables are not checked (they belong to those commands).
func addKey(fs *flag.FlagSet, file map[string]string, path, shown, name string, v any) error {
	if fs.Lookup(name) == nil {
		if strings.Contains(shown, ".") {
			return marsad.Errorf("config", marsad.Invalid, "%s: unknown setting %q", path, shown)
		}
		return nil // a top-level key for another command
	}
	switch x := v.(type) {
	case string:
		file[name] = x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(e)
		}
		file[name] = strings.Join(parts, ",")
	default:
		file[name] = fmt.Sprint(x)
	}
	return nil
}
