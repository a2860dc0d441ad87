package marsad

import (
	"errors"
	"fmt"
)

// Kind classifies an error so that callers (CLI exit codes, HTTP statuses) can act on it
// without reading its text.
type Kind uint8

// Error kinds.
const (
	Other       Kind = iota // unclassified
	Invalid                 // the input is malformed (bad UTF-8, binary, bad flag)
	TooLarge                // the input exceeds a configured limit
	NotFound                // a file or record does not exist
	Unavailable             // a dependency cannot be reached
	Internal                // a bug or broken invariant
	Conflict                // the request contradicts stored state (an id taken by other content)
)

func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid"
	case TooLarge:
		return "too large"
	case NotFound:
		return "not found"
	case Unavailable:
		return "unavailable"
	case Internal:
		return "internal"
	case Conflict:
		return "conflict"
	}
	return "error"
}

// Error is Marsad's error: an operation, a kind and the underlying cause.
type Error struct {
	Op   string // the operation that failed, e.g. "reader.Read"
	Kind Kind
	Err  error
}

// E builds an *Error; msg becomes the cause when err is nil.
func E(op string, kind Kind, err error) *Error { return &Error{Op: op, Kind: kind, Err: err} }

// Errorf builds an *Error with a formatted cause.
func Errorf(op string, kind Kind, format string, args ...any) *Error {
	return &Error{Op: op, Kind: kind, Err: fmt.Errorf(format, args...)}
}

func (e *Error) Error() string {
	if e.Err == nil {
		return e.Op + ": " + e.Kind.String()
	}
	return e.Op + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorKind returns the Kind of the first *Error in err's chain, or Other.
func ErrorKind(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		if e.Kind == Other && e.Err != nil {
			return ErrorKind(e.Err)
		}
		return e.Kind
	}
	return Other
}
