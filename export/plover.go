package export

import "github.com/marsad-project/marsad"

// ploverEvent is the PLOVER JSON record.
type ploverEvent struct {
	ID         string        `json:"id"`
	Date       string        `json:"date,omitempty"`
	EventType  string        `json:"event_type"`
	Mode       string        `json:"mode,omitempty"`
	Context    []string      `json:"context"`
	Actors     ploverActors  `json:"actors"`
	Location   *ploverPlace  `json:"location,omitempty"`
	Fatalities *int          `json:"fatalities,omitempty"`
	CAMEO      string        `json:"cameo"`
	QuadClass  int           `json:"quad_class,omitempty"`
	Goldstein  float64       `json:"goldstein"`
	ReportMode string        `json:"report_mode,omitempty"`
	Confidence float64       `json:"confidence"`
	Evidence   ploverSources `json:"evidence"`
	Story      string        `json:"story_id,omitempty"`
	Counts     ploverCounts  `json:"counts"`
}

type ploverActors struct {
	Source ploverActor `json:"source"`
	Target ploverActor `json:"target"`
}

type ploverActor struct {
	Name    string `json:"name,omitempty"`
	Country string `json:"country,omitempty"`
	Code    string `json:"cameo_code,omitempty"`
	Key     string `json:"entity_key,omitempty"`
}

type ploverPlace struct {
	Name    string   `json:"name,omitempty"`
	Country string   `json:"country,omitempty"`
	Admin1  string   `json:"admin1,omitempty"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
	PlaceID string   `json:"place_id,omitempty"`
}

type ploverSources struct {
	Trigger   string `json:"trigger,omitempty"`
	Pattern   string `json:"pattern,omitempty"`
	Article   string `json:"article_id"`
	Title     string `json:"article_title,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
}

type ploverCounts struct {
	Articles  int    `json:"articles"`
	Sources   int    `json:"sources"`
	Mentions  int    `json:"mentions"`
	FirstSeen string `json:"first_seen,omitempty"`
}

func ploverRecord(r *marsad.EventRow) any {
	p := ploverEvent{
		ID:        r.ID,
		Date:      r.Date,
		EventType: r.Plover.Event,
		Mode:      r.Plover.Mode,
		Context:   contexts(r.Plover.Context),
		Actors: ploverActors{
			Source: ploverActor{Name: r.Source.Name, Country: r.Source.Country, Code: r.Source.Code, Key: r.SourceKey},
			Target: ploverActor{Name: r.Target.Name, Country: r.Target.Country, Code: r.Target.Code, Key: r.TargetKey},
		},
		Fatalities: r.Fatalities,
		CAMEO:      r.Code,
		QuadClass:  r.QuadClass,
		Goldstein:  r.Goldstein,
		ReportMode: r.Event.Mode,
		Confidence: r.Confidence,
		Evidence: ploverSources{Trigger: r.Evidence.Trigger.Text, Pattern: r.Evidence.Pattern, Article: r.Article,
			Title: r.ArticleTitle, Outlet: r.Outlet, Published: r.Published, URL: r.URL},
		Story:  r.Story,
		Counts: ploverCounts{Articles: r.NumArticles, Sources: r.NumSources, Mentions: r.NumMentions, FirstSeen: firstSeen(r.FirstSeen)},
	}
	if p.Date == "" {
		p.Date = r.Published
	}
	if p.Context == nil {
		p.Context = []string{}
	}
	if l := r.Location; l != nil {
		p.Location = &ploverPlace{Name: l.Name, Country: l.Country, Admin1: l.ADM1, Lat: l.Lat, Lon: l.Lon, PlaceID: l.PlaceID}
	}
	return &p
}
