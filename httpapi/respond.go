package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/marsad-project/marsad"
)

// kinds maps an error kind to its HTTP status and the "kind" word of the JSON error.
var kinds = map[marsad.Kind]struct {
	status int
	word   string
}{
	marsad.Invalid:     {http.StatusBadRequest, "invalid"},
	marsad.TooLarge:    {http.StatusRequestEntityTooLarge, "too_large"},
	marsad.NotFound:    {http.StatusNotFound, "not_found"},
	marsad.Conflict:    {http.StatusConflict, "conflict"},
	marsad.Unavailable: {http.StatusServiceUnavailable, "unavailable"},
	marsad.Internal:    {http.StatusInternalServerError, "internal"},
	marsad.Other:       {http.StatusInternalServerError, "internal"},
}

// statusError is an error with a status of its own (415, 405) and the kind word shown.
type statusError struct {
	status int
	kind   marsad.Kind
	msg    string
}

func (e *statusError) Error() string { return e.msg }

// StatusOf returns the HTTP status and kind word of err.
func StatusOf(err error) (int, string) {
	var se *statusError
	if errors.As(err, &se) {
		return se.status, kinds[se.kind].word
	}
	k, ok := kinds[marsad.ErrorKind(err)]
	if !ok {
		k = kinds[marsad.Internal]
	}
	return k.status, k.word
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, word := StatusOf(err)
	msg := err.Error()
	var e *marsad.Error
	if errors.As(err, &e) && e.Err != nil && status < 500 {
		msg = e.Err.Error() // the cause, without the internal operation names
	}
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
		if status == http.StatusInternalServerError {
			msg = "internal error"
		}
	}
	writeJSON(w, status, map[string]string{"error": msg, "kind": word})
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
