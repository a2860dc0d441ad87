package httpapi

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/ingest"
)

// articleBody is the JSON body of POST /api/v1/articles.
type articleBody struct {
	ID        string  `json:"id"`
	Text      *string `json:"text"`
	HTML      *string `json:"html"`
	URL       string  `json:"url"`
	Title     string  `json:"title"`
	Published string  `json:"published"`
	Source    string  `json:"source"`
}

func (s *Server) postArticle(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Pipeline == nil {
		return marsad.Errorf(op, marsad.Unavailable, "this server does not ingest")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return marsad.Errorf(op, marsad.TooLarge, "request body over %d bytes", s.cfg.MaxBody)
		}
		return marsad.E(op, marsad.Invalid, err)
	}
	ctype := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ctype)
	if ctype == "" {
		mt, err = "text/plain", nil
	}
	if err != nil {
		return &statusError{http.StatusUnsupportedMediaType, marsad.Invalid, "bad Content-Type " + ctype}
	}
	q := r.URL.Query()
	b := articleBody{ID: q.Get("id"), URL: q.Get("url"), Title: q.Get("title"), Published: q.Get("published"), Source: q.Get("source")}
	var html bool
	switch mt {
	case "application/json":
		if err := json.Unmarshal(body, &b); err != nil {
			return invalid("body is not a JSON article: %v", err)
		}
		switch {
		case b.Text != nil && b.HTML != nil:
			return invalid("give text or html, not both")
		case b.Text != nil:
			body = []byte(*b.Text)
		case b.HTML != nil:
			body, html = []byte(*b.HTML), true
		default:
			return invalid(`the JSON article needs "text" or "html"`)
		}
	case "text/plain":
	case "text/html", "application/xhtml+xml":
		html = true
	default:
		return &statusError{http.StatusUnsupportedMediaType, marsad.Invalid,
			"Content-Type " + mt + " not accepted: use application/json, text/plain or text/html"}
	}
	req := ingest.Request{Raw: body, ContentType: "text/plain"}
	if html {
		if s.cfg.Extract == nil {
			return &statusError{http.StatusUnsupportedMediaType, marsad.Invalid, "this server does not take HTML"}
		}
		page, err := s.cfg.Extract(body, b.URL)
		if err != nil {
			return err
		}
		req.Input, req.Author, req.Body, req.ContentType = page.Input, page.Author, page.Body, "text/html"
	} else {
		req.Input.Raw = body
	}
	in := &req.Input
	setIf(&in.ID, b.ID)
	setIf(&in.URL, b.URL)
	setIf(&in.Title, b.Title)
	setIf(&in.Source, b.Source)
	if b.Published != "" {
		t, err := parseDate(b.Published)
		if err != nil {
			return err
		}
		in.Published = t
	}
	if len(strings.TrimSpace(string(in.Raw))) == 0 {
		return invalid("the article has no text")
	}
	res, err := s.cfg.Pipeline.Submit(r.Context(), req)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if res.Duplicate {
		status = http.StatusOK
	}
	return writeJSON(w, status, map[string]any{"id": res.ID, "duplicate": res.Duplicate, "story": res.Story, "events": res.Events})
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// parseDate reads YYYY-MM-DD or an RFC 3339 time.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return coder.ParseDate(s)
}

func (s *Server) articles(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := paging(q)
	if err != nil {
		return err
	}
	page, err := s.cfg.Store.Articles(r.Context(), marsad.ArticleFilter{Paging: p, From: q.Get("from"), To: q.Get("to"),
		Outlet: q.Get("outlet"), Q: q.Get("q"), Entity: q.Get("entity"), Story: q.Get("story")})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, page)
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) error {
	a, err := s.cfg.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"article": a.Record, "text": a.Text, "story": a.Story,
		"ingested_at": a.IngestedAt, "content_type": a.ContentType})
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) error {
	f, err := eventFilter(r.URL.Query())
	if err != nil {
		return err
	}
	page, err := s.cfg.Store.Events(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, page)
}

func (s *Server) event(w http.ResponseWriter, r *http.Request) error {
	e, err := s.cfg.Store.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, e)
}

func (s *Server) entities(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := paging(q)
	if err != nil {
		return err
	}
	page, err := s.cfg.Store.Entities(r.Context(), marsad.EntityFilter{Paging: p, Q: q.Get("q"),
		Type: strings.ToUpper(q.Get("type")), Country: strings.ToUpper(q.Get("country"))})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, page)
}

// entityDetail is GET /api/v1/entities/{key}.
type entityDetail struct {
	*marsad.EntitySummary
	Roles          []Role            `json:"roles"`
	EventsAsSource []marsad.EventRow `json:"events_as_source"`
	EventsAsTarget []marsad.EventRow `json:"events_as_target"`
	Quotes         []marsad.QuoteRow `json:"quotes"`
}

// entityEvents is how many events and quotes of each kind the entity page lists.
const entityEvents = 100

func (s *Server) entity(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	key := r.PathValue("key")
	e, err := s.cfg.Store.Entity(ctx, key)
	if err != nil {
		return err
	}
	d := entityDetail{EntitySummary: e, Roles: []Role{}, EventsAsSource: []marsad.EventRow{}, EventsAsTarget: []marsad.EventRow{}}
	if s.cfg.Roles != nil && e.KBID != "" {
		if roles := s.cfg.Roles(e.KBID); roles != nil {
			d.Roles = roles
		}
	}
	err = s.cfg.Store.WalkEvents(ctx, marsad.EventFilter{Entity: key, Paging: marsad.Paging{Sort: "-date"}}, func(row *marsad.EventRow) error {
		if row.SourceKey == key && len(d.EventsAsSource) < entityEvents {
			d.EventsAsSource = append(d.EventsAsSource, *row)
		}
		if row.TargetKey == key && len(d.EventsAsTarget) < entityEvents {
			d.EventsAsTarget = append(d.EventsAsTarget, *row)
		}
		if len(d.EventsAsSource) >= entityEvents && len(d.EventsAsTarget) >= entityEvents {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return err
	}
	quotes, err := s.cfg.Store.Quotes(ctx, marsad.QuoteFilter{Speaker: key, Paging: marsad.Paging{Limit: entityEvents}})
	if err != nil {
		return err
	}
	d.Quotes = quotes.Items
	return writeJSON(w, http.StatusOK, d)
}

var errEnough = errors.New("enough")

func (s *Server) quotes(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := paging(q)
	if err != nil {
		return err
	}
	page, err := s.cfg.Store.Quotes(r.Context(), marsad.QuoteFilter{Paging: p, Speaker: q.Get("speaker"), Q: q.Get("q"),
		From: q.Get("from"), To: q.Get("to"), Article: q.Get("article")})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, page)
}

func (s *Server) stories(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := paging(q)
	if err != nil {
		return err
	}
	page, err := s.cfg.Store.Stories(r.Context(), marsad.StoryFilter{Paging: p, From: q.Get("from"), To: q.Get("to")})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, page)
}

func (s *Server) story(w http.ResponseWriter, r *http.Request) error {
	st, err := s.cfg.Store.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := eventFilter(q)
	if err != nil {
		return err
	}
	by := q.Get("by")
	if by == "" {
		by = "day"
	}
	b, err := s.cfg.Store.Stats(r.Context(), by, f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"by": by, "buckets": b})
}

func (s *Server) network(w http.ResponseWriter, r *http.Request) error {
	f, err := eventFilter(r.URL.Query())
	if err != nil {
		return err
	}
	n, err := s.cfg.Store.Network(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, n)
}
