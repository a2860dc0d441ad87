package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/marsad-project/marsad"
)

type marsadTime = time.Time

// writeText prints a readable summary of a record: events, quotes and entities.
func writeText(w io.Writer, a *marsad.Article) {
	fmt.Fprintf(w, "== %s", a.ID)
	if a.Title != "" {
		fmt.Fprintf(w, "  %s", a.Title)
	}
	fmt.Fprintln(w)
	if a.Published != "" {
		fmt.Fprintf(w, "published %s (%s)", a.Published, a.PubDateSrc)
	}
	if a.Source != "" {
		fmt.Fprintf(w, "  source %s", a.Source)
	}
	fmt.Fprintln(w)
	names := map[string]string{}
	for _, e := range a.Entities {
		names[e.ID] = e.Name
	}
	actor := func(x marsad.Actor) string {
		s := x.Code
		if s == "" {
			s = x.Country
		}
		if s == "" {
			s = "?"
		}
		if x.Name != "" {
			s += " " + x.Name
		}
		return s
	}
	fmt.Fprintf(w, "\nEvents (%d)\n", len(a.Events))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  date\tcode\tsource\ttarget\tmode\tplace\tkilled\ttrigger\tpattern")
	for _, e := range a.Events {
		place := ""
		if e.Location != nil {
			place = strings.TrimSpace(e.Location.Name + " " + e.Location.Country)
		}
		killed := ""
		if e.Fatalities != nil {
			killed = fmt.Sprint(*e.Fatalities)
		}
		fmt.Fprintf(tw, "  %s\t%s %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Date, e.Code, e.Label, actor(e.Source), actor(e.Target), e.Mode, place, killed, e.Evidence.Trigger.Text, e.Evidence.Pattern)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nQuotes (%d)\n", len(a.Quotes))
	for _, q := range a.Quotes {
		text := q.Text
		if r := []rune(text); len(r) > 90 {
			text = string(r[:90]) + "…"
		}
		fmt.Fprintf(w, "  %s: «%s»\n", orDash(q.SpeakerName), text)
	}
	fmt.Fprintf(w, "\nEntities (%d)\n", len(a.Entities))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, e := range a.Entities {
		role := e.Role
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%d mentions\n", e.ID, e.Type, e.Name, orDash(e.Code), role, len(e.Mentions))
	}
	tw.Flush()
	if len(a.Tags) > 0 {
		fmt.Fprintf(w, "\nTags: %s\n", strings.Join(a.Tags, "، "))
	}
	fmt.Fprintln(w)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
