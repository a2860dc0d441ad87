package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/export"
)

// exportFlushRows is how many rows an export writes between flushes to the client.
const exportFlushRows = 256

// export streams the events matching the filters in a format of package export.
func (s *Server) export(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("format")
	f, err := eventFilter(r.URL.Query())
	if err != nil {
		return err
	}
	ctype := export.ContentType(name)
	if ctype == "" {
		return marsad.Errorf(op, marsad.NotFound, "no export format %q (one of %v)", name, export.Formats())
	}
	if f.Sort == "" {
		f.Sort = "date"
	}
	// Check the filter before the first byte is sent, while an error can still be JSON.
	probe := f
	probe.Limit = 1
	if _, err := s.cfg.Store.Events(r.Context(), probe); err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="marsad-events.%s"`, export.Extension(name)))
	ew, err := export.New(name, w)
	if err != nil {
		return err
	}
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout)) // longer than the server's; renewed
	n := 0
	err = s.cfg.Store.WalkEvents(r.Context(), f, func(row *marsad.EventRow) error {
		if err := ew.Write(*row); err != nil {
			return err
		}
		n++
		if n%exportFlushRows == 0 {
			if err := ew.Flush(); err != nil {
				return err
			}
			rc.Flush()
			rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
		}
		return nil
	})
	if err == nil {
		err = ew.Close()
	}
	if err != nil {
		// The status is sent: cut the connection so the client sees a broken download.
		s.log.Error("export failed", "format", name, "rows", n, "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

// streamWriteTimeout is how long a reader of an export or event stream may take to
// accept the next part: the deadline moves on with every part, so long downloads and
// streams outlive the server's WriteTimeout while a reader that stopped reading is cut.
const streamWriteTimeout = time.Minute

// heartbeat is how often an idle event stream sends a comment to keep proxies open.
const heartbeat = 15 * time.Second

// stream sends an "article" event for every article stored, until the client leaves
// or the server closes.
func (s *Server) stream(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Pipeline == nil {
		return marsad.Errorf(op, marsad.Unavailable, "this server does not ingest")
	}
	release, ok := s.guard.acquireStream()
	if !ok {
		w.Header().Set("Retry-After", "30")
		return marsad.Errorf(op, marsad.Unavailable, "%d event streams are open: try later", s.guard.MaxStreams)
	}
	defer release()
	rc := http.NewResponseController(w)
	ch, cancel := s.cfg.Pipeline.Subscribe()
	defer cancel()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
	fmt.Fprint(w, ": marsad event stream\n\n")
	if err := rc.Flush(); err != nil {
		return nil
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return nil
		case <-s.done:
			return nil
		case <-tick.C:
			rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
			fmt.Fprint(w, ": ping\n\n")
		case res, ok := <-ch:
			if !ok {
				return nil
			}
			rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
			b, _ := json.Marshal(map[string]any{"id": res.ID, "title": res.Title, "events": res.Events, "story": res.Story})
			fmt.Fprintf(w, "event: article\ndata: %s\n\n", b)
		}
		if err := rc.Flush(); err != nil {
			return nil
		}
	}
}
