package export

import (
	"strings"

	"github.com/marsad-project/marsad"
)

// Columns are the columns of the csv format, in order.
var Columns = []string{
	"id", "date", "code", "root", "label", "quad_class", "goldstein",
	"plover_event", "plover_mode", "plover_context", "mode",
	"source_name", "source_country", "source_code", "source_key",
	"target_name", "target_country", "target_code", "target_key",
	"location", "location_country", "location_adm1", "lat", "lon", "place_id",
	"fatalities", "wounded", "arrested", "confidence", "trigger", "pattern", "rules",
	"article", "article_title", "outlet", "published", "url",
	"story", "num_articles", "num_sources", "num_mentions", "first_seen",
}

func flatRecord(r *marsad.EventRow) []string {
	var loc marsad.Location
	if r.Location != nil {
		loc = *r.Location
	}
	return []string{
		r.ID, r.Date, r.Code, r.Root, r.Label, quad(r.QuadClass), fmtFloat(r.Goldstein, 1),
		r.Plover.Event, r.Plover.Mode, r.Plover.Context, r.Mode,
		r.Source.Name, r.Source.Country, r.Source.Code, r.SourceKey,
		r.Target.Name, r.Target.Country, r.Target.Code, r.TargetKey,
		loc.Name, loc.Country, loc.ADM1, ptrFloat(loc.Lat, 5), ptrFloat(loc.Lon, 5), loc.PlaceID,
		ptrInt(r.Fatalities), ptrInt(r.Wounded), ptrInt(r.Arrested), fmtFloat(r.Confidence, 2),
		r.Evidence.Trigger.Text, r.Evidence.Pattern, strings.Join(r.Evidence.Rules, " "),
		r.Article, r.ArticleTitle, r.Outlet, r.Published, r.URL,
		r.Story, itoa(r.NumArticles), itoa(r.NumSources), itoa(r.NumMentions), firstSeen(r.FirstSeen),
	}
}
