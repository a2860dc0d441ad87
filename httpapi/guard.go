package httpapi

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/marsad-project/marsad"
)

// TokenHash is the SHA-256 of an access token: the server keeps only these.
type TokenHash [sha256.Size]byte

// HashToken returns the hash of a token.
func HashToken(token string) TokenHash { return sha256.Sum256([]byte(token)) }

// String formats the hash as "sha256:<hex>", the form ParseTokens reads.
func (h TokenHash) String() string { return "sha256:" + hex.EncodeToString(h[:]) }

// ParseTokens reads access tokens, one a line: "sha256:<64 hex digits>" is a token's
// hash, any other non-blank line not starting with # is a token, hashed at once.
func ParseTokens(r io.Reader) ([]TokenHash, error) {
	var out []TokenHash
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		h, err := ParseToken(l)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, h)
	}
	if err := sc.Err(); err != nil {
		return nil, marsad.E(op, marsad.Invalid, err)
	}
	return out, nil
}

// MinTokenLength is the shortest token accepted.
const MinTokenLength = 16

// ParseToken reads one token or "sha256:<hex>" hash.
func ParseToken(s string) (TokenHash, error) {
	var h TokenHash
	if hx, ok := strings.CutPrefix(s, "sha256:"); ok {
		b, err := hex.DecodeString(hx)
		if err != nil || len(b) != len(h) {
			return h, marsad.Errorf(op, marsad.Invalid, "a token hash is sha256: and 64 hex digits")
		}
		copy(h[:], b)
		return h, nil
	}
	if len(s) < MinTokenLength {
		return h, marsad.Errorf(op, marsad.Invalid, "a token has at least %d characters", MinTokenLength)
	}
	return HashToken(s), nil
}

// Guard is the access policy in front of the API; the zero value lets everyone read
// and write (tests, a server on loopback).
type Guard struct {
	// Tokens are the hashes of the bearer tokens accepted. Writes (any method but GET,
	// HEAD and OPTIONS) need one when the list is not empty.
	Tokens []TokenHash
	// Private makes reads of /api/ (but /api/v1/health) and /metrics need a token too.
	Private bool
	// CORSOrigins are the origins allowed to call the API from a browser ("*": any);
	// none sends no CORS headers.
	CORSOrigins []string
	// Rate is the requests per second allowed to one client on /api/ (0: no limit);
	// Burst how many may come at once (0: 2×Rate, at least 1).
	Rate  float64
	Burst int
	// ClientIP names the client of a request for the rate limit (nil: the address of
	// the connection's peer).
	ClientIP func(*http.Request) string
	// MaxStreams is how many event streams may be open at once (0: DefaultMaxStreams).
	MaxStreams int
	// MaxQuery is the longest query string (0: DefaultMaxQuery); MaxParams the most
	// query values and comma-separated items (0: DefaultMaxParams).
	MaxQuery, MaxParams int
}

// Default limits of a Guard.
const (
	DefaultMaxStreams = 100
	DefaultMaxQuery   = 4096
	DefaultMaxParams  = 64
)

// Security headers sent with every response. The CSP is for the dashboard's HTML;
// JSON answers get the strictest one.
const (
	apiCSP = "default-src 'none'; frame-ancestors 'none'"
	uiCSP  = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
		"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

type guard struct {
	Guard
	mu      sync.Mutex
	clients map[string]*client
	swept   time.Time
	streams chan struct{}
	now     func() time.Time
}

type client struct {
	lim  *rate.Limiter
	seen time.Time
}

// maxClients bounds the rate limiter's table; idle clients are dropped first.
const maxClients = 100_000

func newGuard(g Guard) *guard {
	if g.MaxStreams <= 0 {
		g.MaxStreams = DefaultMaxStreams
	}
	if g.MaxQuery <= 0 {
		g.MaxQuery = DefaultMaxQuery
	}
	if g.MaxParams <= 0 {
		g.MaxParams = DefaultMaxParams
	}
	if g.Burst <= 0 {
		g.Burst = max(1, int(math.Ceil(2*g.Rate)))
	}
	if g.ClientIP == nil {
		g.ClientIP = PeerIP
	}
	return &guard{Guard: g, clients: map[string]*client{}, streams: make(chan struct{}, g.MaxStreams), now: time.Now}
}

// PeerIP is the IP address of the connection's peer.
func PeerIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// ForwardedIP is the last address of X-Forwarded-For (the one the nearest proxy saw),
// or the peer's address: use it only behind a proxy that sets the header.
func ForwardedIP(r *http.Request) string {
	xff := r.Header.Values("X-Forwarded-For")
	if len(xff) > 0 {
		parts := strings.Split(xff[len(xff)-1], ",")
		if ip := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(ip) != nil {
			return ip
		}
	}
	return PeerIP(r)
}

// wrap puts the policy in front of next.
func (g *guard) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		api := strings.HasPrefix(r.URL.Path, "/api/")
		if api || r.URL.Path == "/metrics" {
			h.Set("Content-Security-Policy", apiCSP)
		} else {
			h.Set("Content-Security-Policy", uiCSP)
		}
		if api && g.cors(w, r) {
			return
		}
		if api && g.Rate > 0 {
			if wait, ok := g.allow(g.ClientIP(r)); !ok {
				h.Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
				writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": "too many requests", "kind": "rate_limited"})
				return
			}
		}
		if g.needsToken(r) && !g.authorized(r) {
			h.Set("WWW-Authenticate", `Bearer realm="marsad"`)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "a valid bearer token is required", "kind": "unauthorized"})
			return
		}
		if len(r.URL.RawQuery) > g.MaxQuery {
			writeJSON(w, http.StatusRequestURITooLong, map[string]string{"error": fmt.Sprintf("query over %d bytes", g.MaxQuery), "kind": "too_large"})
			return
		}
		if api && r.URL.RawQuery != "" && countParams(r.URL.RawQuery) > g.MaxParams {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": fmt.Sprintf("over %d query values", g.MaxParams), "kind": "invalid"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// countParams counts the query's values and their comma-separated items.
func countParams(q string) int {
	return strings.Count(q, "&") + 1 + strings.Count(q, ",") + strings.Count(strings.ToLower(q), "%2c")
}

func (g *guard) needsToken(r *http.Request) bool {
	if len(g.Tokens) == 0 {
		return false
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
	default:
		return true
	}
	if !g.Private || r.URL.Path == "/api/v1/health" {
		return false
	}
	return strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/metrics"
}

// authorized compares the request's bearer token with every accepted hash in constant
// time.
func (g *guard) authorized(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	h := HashToken(strings.TrimSpace(tok))
	found := 0
	for _, t := range g.Tokens {
		found |= subtle.ConstantTimeCompare(h[:], t[:])
	}
	return found == 1
}

// cors answers CORS for allowed origins; it returns true when the request is done (a
// preflight).
func (g *guard) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || len(g.CORSOrigins) == 0 {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	if !slices.Contains(g.CORSOrigins, "*") && !slices.Contains(g.CORSOrigins, origin) {
		return false
	}
	h.Set("Access-Control-Allow-Origin", origin)
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
		h.Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
		return true
	}
	return false
}

// allow takes a token of the client's bucket; when there is none it says how long to
// wait.
func (g *guard) allow(ip string) (time.Duration, bool) {
	now := g.now()
	g.mu.Lock()
	defer g.mu.Unlock()
	c := g.clients[ip]
	if c == nil {
		if len(g.clients) >= maxClients || now.Sub(g.swept) > time.Minute {
			g.sweep(now)
		}
		if len(g.clients) >= maxClients {
			return time.Second, false // the table is full of active clients
		}
		c = &client{lim: rate.NewLimiter(rate.Limit(g.Rate), g.Burst)}
		g.clients[ip] = c
	}
	c.seen = now
	res := c.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return d, false
	}
	return 0, true
}

// sweep drops the clients idle long enough for their bucket to be full again.
func (g *guard) sweep(now time.Time) {
	idle := time.Duration(float64(g.Burst)/g.Rate*float64(time.Second)) + time.Second
	for ip, c := range g.clients {
		if now.Sub(c.seen) > idle {
			delete(g.clients, ip)
		}
	}
	g.swept = now
}

// acquireStream takes an event-stream slot; release gives it back.
func (g *guard) acquireStream() (release func(), ok bool) {
	select {
	case g.streams <- struct{}{}:
		return func() { <-g.streams }, true
	default:
		return nil, false
	}
}
