package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/httpapi"
	"github.com/marsad-project/marsad/ingest"
)

// Access holds the access and limit settings of `marsad serve`.
type Access struct {
	// TokenFile holds the accepted tokens, one a line, or their "sha256:<hex>" hashes;
	// the MARSAD_TOKEN variable may hold one more.
	TokenFile string
	Private   bool
	// CORS is a comma-separated list of allowed origins ("" sends no CORS headers).
	CORS           string
	Rate           float64
	Burst          int
	TrustForwarded bool
	MaxStreams     int
	MaxArticle     int
	// ReadTimeout bounds reading a request, body included; WriteTimeout writing an
	// answer (event streams and exports lift it).
	ReadTimeout, WriteTimeout time.Duration
}

func defaultAccess() Access {
	return Access{Rate: 50, MaxStreams: httpapi.DefaultMaxStreams, MaxArticle: ingest.DefaultMaxText,
		ReadTimeout: time.Minute, WriteTimeout: time.Minute}
}

func (a *Access) flags(fs *flag.FlagSet) {
	fs.StringVar(&a.TokenFile, "token-file", a.TokenFile, "file of bearer tokens (or sha256:<hex> hashes), one a line, that may write; MARSAD_TOKEN adds one")
	fs.BoolVar(&a.Private, "private", a.Private, "reads need a token too (all of /api/ but health, and /metrics)")
	fs.StringVar(&a.CORS, "cors-origins", a.CORS, "comma-separated origins allowed to call the API from a browser (default none)")
	fs.Float64Var(&a.Rate, "rate", a.Rate, "API requests per second allowed to one client address (0: no limit)")
	fs.IntVar(&a.Burst, "burst", a.Burst, "API requests one client may send at once (0: 2×rate)")
	fs.BoolVar(&a.TrustForwarded, "trust-forwarded", a.TrustForwarded, "rate-limit by the last X-Forwarded-For address (only behind a proxy that sets it)")
	fs.IntVar(&a.MaxStreams, "max-streams", a.MaxStreams, "event streams open at once")
	fs.IntVar(&a.MaxArticle, "max-article", a.MaxArticle, "largest article text coded, in bytes")
	fs.DurationVar(&a.ReadTimeout, "read-timeout", a.ReadTimeout, "time to read a request, body included")
	fs.DurationVar(&a.WriteTimeout, "write-timeout", a.WriteTimeout, "time to write an answer (not event streams and exports)")
}

// guard builds the API's access policy; tokens are kept hashed only.
func (a *Access) guard() (httpapi.Guard, error) {
	g := httpapi.Guard{Private: a.Private, Rate: a.Rate, Burst: a.Burst, MaxStreams: a.MaxStreams}
	if a.TrustForwarded {
		g.ClientIP = httpapi.ForwardedIP
	}
	for o := range strings.SplitSeq(a.CORS, ",") {
		if o = strings.TrimSpace(o); o != "" {
			g.CORSOrigins = append(g.CORSOrigins, o)
		}
	}
	if a.TokenFile != "" {
		f, err := os.Open(a.TokenFile)
		if err != nil {
			return g, marsad.E("serve", marsad.NotFound, err)
		}
		defer f.Close()
		hs, err := httpapi.ParseTokens(f)
		if err != nil {
			return g, fmt.Errorf("--token-file %s: %w", a.TokenFile, err)
		}
		if len(hs) == 0 {
			return g, marsad.Errorf("serve", marsad.Invalid, "--token-file %s holds no token", a.TokenFile)
		}
		g.Tokens = hs
	}
	if t := strings.TrimSpace(os.Getenv("MARSAD_TOKEN")); t != "" {
		h, err := httpapi.ParseToken(t)
		if err != nil {
			return g, fmt.Errorf("MARSAD_TOKEN: %w", err)
		}
		g.Tokens = append(g.Tokens, h)
	}
	if a.Private && len(g.Tokens) == 0 {
		return g, marsad.Errorf("serve", marsad.Invalid, "--private needs a token (--token-file or MARSAD_TOKEN)")
	}
	return g, nil
}

// envToken is the token in MARSAD_TOKEN, for clients (a hash there is of no use).
func envToken() string {
	t := strings.TrimSpace(os.Getenv("MARSAD_TOKEN"))
	if strings.HasPrefix(t, "sha256:") {
		return ""
	}
	return t
}
