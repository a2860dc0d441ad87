package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/kb"
)

// KBCommand inspects the knowledge base: lookup, stats, check.
type KBCommand struct {
	Stdout, Stderr io.Writer
}

const kbUsage = `Usage:
  marsad kb lookup [--date YYYY-MM-DD] [--kb-dir DIR] NAME   what the knowledge base knows of NAME
  marsad kb stats  [--kb-dir DIR]                            entries per kind
  marsad kb check  [--kb-dir DIR]                            validate the data files (exit 1 on problems)

NAME may be a person, organisation, place or country name, a nationality adjective, or a
title with its country («وزير الدفاع العراقي»): with --date, the holder on that day.
`

// Run runs the command.
func (c *KBCommand) Run(_ context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(c.Stderr, kbUsage)
		return errUsage
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("kb "+sub, flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() { fmt.Fprint(c.Stderr, kbUsage) }
	date := fs.String("date", "", "day for roles (YYYY-MM-DD); default today")
	dir := fs.String("kb-dir", os.Getenv("MARSAD_KB_DIR"), "folder of user dictionaries loaded after the embedded data")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	k, err := kb.LoadDir(*dir)
	if sub == "check" {
		if err != nil {
			fmt.Fprintf(c.Stdout, "knowledge base: problems found\n%v\n", err)
			return fmt.Errorf("knowledge base check failed")
		}
		fmt.Fprintf(c.Stdout, "knowledge base %s: ok (%d countries, %d places, %d organisations, %d persons, %d roles, %d group nouns, %d given names)\n",
			k.Version, len(k.Countries), len(k.Places), len(k.Orgs), len(k.Persons), len(k.Roles), len(k.Groups), len(k.GivenNames))
		return nil
	}
	if err != nil {
		return err
	}
	switch sub {
	case "stats":
		c.stats(k)
		return nil
	case "lookup":
		if fs.NArg() == 0 {
			fmt.Fprint(c.Stderr, kbUsage)
			return errUsage
		}
		d := time.Now().UTC().Truncate(24 * time.Hour)
		if *date != "" {
			if d, err = coder.ParseDate(*date); err != nil {
				fmt.Fprintf(c.Stderr, "marsad kb lookup: %v\n", err)
				return errUsage
			}
		}
		return c.lookup(k, strings.Join(fs.Args(), " "), d)
	}
	fmt.Fprintf(c.Stderr, "marsad kb: unknown subcommand %q\n\n%s", sub, kbUsage)
	return errUsage
}

func (c *KBCommand) stats(k *kb.KB) {
	tenures := 0
	for _, p := range k.Persons {
		tenures += len(p.Roles)
	}
	types := map[string]int{}
	for _, p := range k.Places {
		types[p.Type]++
	}
	var ts []string
	for t, n := range types {
		ts = append(ts, fmt.Sprintf("%s %d", t, n))
	}
	sort.Strings(ts)
	fmt.Fprintf(c.Stdout, "version        %s\n", k.Version)
	fmt.Fprintf(c.Stdout, "countries      %d\n", len(k.Countries))
	fmt.Fprintf(c.Stdout, "places         %d (%s)\n", len(k.Places), strings.Join(ts, ", "))
	fmt.Fprintf(c.Stdout, "persons        %d (%d dated roles)\n", len(k.Persons), tenures)
	fmt.Fprintf(c.Stdout, "organisations  %d\n", len(k.Orgs))
	fmt.Fprintf(c.Stdout, "roles          %d\n", len(k.Roles))
	fmt.Fprintf(c.Stdout, "group nouns    %d\n", len(k.Groups))
	fmt.Fprintf(c.Stdout, "given names    %d\n", len(k.GivenNames))
	fmt.Fprintf(c.Stdout, "names indexed  %d entity names, %d descriptors\n", k.Names.Len(), k.Descr.Len())
}

func (c *KBCommand) lookup(k *kb.KB, name string, d time.Time) error {
	toks := arabic.Tokenize(name)
	var words []arabic.Token
	for _, t := range toks {
		if t.Kind != arabic.Punct {
			words = append(words, t)
		}
	}
	found := 0
	if m, ok := k.Names.At(words, 0, nil); ok && m.Last == len(words) {
		for _, e := range m.Entries {
			c.printEntry(k, e, d)
			found++
		}
	}
	if m, ok := k.Descr.At(words, 0, nil); ok {
		for _, e := range m.Entries {
			if m.Last == len(words) {
				c.printEntry(k, e, d)
				found++
				continue
			}
			if e.Kind != kb.KRole {
				continue
			}
			// A title with its country: «وزير الدفاع العراقي», «وزير خارجية إيران».
			rest := words[m.Last:]
			cc := ""
			if n, ok := k.Descr.At(rest, 0, func(x *kb.Entry) bool { return x.Kind == kb.KNisba }); ok && n.Last == len(rest) {
				cc = n.Entries[0].ID
			} else if n, ok := k.Names.At(rest, 0, func(x *kb.Entry) bool { return x.Kind == kb.KCountry }); ok && n.Last == len(rest) {
				cc = n.Entries[0].ID
			}
			if cc == "" {
				continue
			}
			found++
			fmt.Fprintf(c.Stdout, "role     %s in %s on %s: ", e.ID, cc, d.Format("2006-01-02"))
			if p := k.Holder(e.ID, cc, d); p != nil {
				fmt.Fprintf(c.Stdout, "%s (%s, %s)\n", p.Names[0], p.ID, p.Cameo)
			} else {
				fmt.Fprintln(c.Stdout, "no holder known")
			}
		}
	}
	if found == 0 {
		return fmt.Errorf("%q: not in the knowledge base", name)
	}
	return nil
}

func (c *KBCommand) printEntry(k *kb.KB, e *kb.Entry, d time.Time) {
	w := c.Stdout
	switch e.Kind {
	case kb.KPerson:
		p := k.Persons[e.ID]
		fmt.Fprintf(w, "person   %s  %s  country=%s code=%s\n", p.ID, strings.Join(p.Names, " | "), p.Country, p.Cameo)
		for _, t := range p.Roles {
			where := t.Country
			if t.Org != "" {
				where = "org:" + t.Org
			}
			to := "…"
			if !t.To.IsZero() {
				to = t.To.Format("2006-01-02")
			}
			mark := " "
			if t.Holds(d) {
				mark = "*"
			}
			fmt.Fprintf(w, "       %s %s@%s %s..%s\n", mark, t.Role, where, t.From.Format("2006-01-02"), to)
		}
	case kb.KOrg:
		o := k.Orgs[e.ID]
		fmt.Fprintf(w, "org      %s  %s  type=%s country=%s code=%s parent=%s\n", o.ID, strings.Join(o.Names, " | "), o.Type, k.OrgCountry(o), o.Cameo, o.Parent)
	case kb.KCountry:
		co := k.Countries[e.ID]
		fmt.Fprintf(w, "country  %s  %s  capital=%s  %.2f,%.2f\n", co.ISO3, strings.Join(co.Names, " | "), co.Capital, co.Lat, co.Lon)
	case kb.KPlace:
		p := k.Places[e.ID]
		fmt.Fprintf(w, "place    %s  %s  type=%s country=%s adm1=%s  %.2f,%.2f\n", p.ID, strings.Join(p.Names, " | "), p.Type, p.Country, p.ADM1, p.Lat, p.Lon)
	case kb.KRole:
		r := k.Roles[e.ID]
		fmt.Fprintf(w, "role     %s  %s  sector=%s\n", r.ID, strings.Join(r.Names, " | "), r.Sector)
	case kb.KNisba:
		fmt.Fprintf(w, "nisba    %s (nationality adjective)\n", e.ID)
	case kb.KGiven:
		fmt.Fprintf(w, "given    %s (given name)\n", e.ID)
	}
}
