// Package kb is Marsad's knowledge base: countries (names, nationality adjectives,
// capitals, codes), places (the gazetteer), organisations (with CAMEO codes and
// parents), persons (with date-bounded roles) and role nouns, loaded from the
// tab-separated files in data/ (embedded in the binary) or from a directory.
//
// The loader validates every row and reports problems as `file:line: …`. Lookups are
// over folded text (arabic.Fold) through two Matchers: Names for entities and Descr for
// descriptors (titles, nationality adjectives, given names).
package kb

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/loadgc"
)

//go:embed data/*.tsv data/*.txt
var embedded embed.FS

// Country is a state, territory or non-state group (kind group: KUR…).
type Country struct {
	ISO3, Cameo, Kind string
	Names             []string
	Nisba             []string // masculine singular adjectives as written
	Plural            []string
	Capital           string
	Lat, Lon          float64
}

// Place is a gazetteer entry.
type Place struct {
	ID       string
	Names    []string
	Type     string
	Country  string
	ADM1     string
	Lat, Lon float64
}

// Role is a title (role noun).
type Role struct {
	ID     string
	Names  []string
	Sector string // CAMEO role code: GOV, MIL…
}

// Org is an organisation.
type Org struct {
	ID      string
	Names   []string
	Type    string
	Country string
	Cameo   string
	Parent  string
}

// Tenure is a role held between two dates.
type Tenure struct {
	Role    string
	Country string // ISO3, or "" when Org is set
	Org     string
	From    time.Time
	To      time.Time // zero: still held
}

// Holds reports whether the tenure covers day d.
func (t Tenure) Holds(d time.Time) bool {
	return !d.Before(t.From) && (t.To.IsZero() || !d.After(t.To))
}

// Group is a group noun («القوات», «مسلحين») that names a generic actor of the
// country of the nationality adjective after it.
type Group struct {
	Forms  []string // folded
	Sector string   // CAMEO role code
	Kind   string   // institution, group or person
}

// Person is a person with roles.
type Person struct {
	ID      string
	Names   []string
	Country string
	Cameo   string
	Roles   []Tenure
}

// RoleAt returns the person's tenure on day d, preferring ones in country cc (if set).
func (p *Person) RoleAt(d time.Time, cc string) (Tenure, bool) {
	var best Tenure
	found := false
	for _, t := range p.Roles {
		if !t.Holds(d) {
			continue
		}
		if !found || (cc != "" && t.Country == cc && best.Country != cc) {
			best, found = t, true
		}
	}
	return best, found
}

// KB is the loaded knowledge base.
type KB struct {
	Countries  map[string]*Country
	Places     map[string]*Place
	Roles      map[string]*Role
	Orgs       map[string]*Org
	Persons    map[string]*Person
	GivenNames map[string]bool
	// Groups maps a folded group noun to its group.
	Groups   map[string]*Group
	givenRaw map[string][]string // folded → as written
	Names    *Matcher            // persons, organisations, places, countries
	Descr    *Matcher            // role nouns, nationality adjectives, given names
	Version  string

	holders map[string][]*Person // role@country or role@org:id → persons
	// titleWords are the first words of role names («رئيس», «وزير»): never part of a name.
	titleWords map[string]bool
	capitals   map[string]string // place id → ISO3
}

// Load loads the embedded knowledge base.
func Load() (*KB, error) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, marsad.E("kb.Load", marsad.Internal, err)
	}
	return LoadFS(sub)
}

// LoadDir loads the embedded knowledge base and then the user dictionaries in dir
// (files of the same names; see data/README.md). An empty dir loads the embedded one.
func LoadDir(dir string) (*KB, error) {
	if dir == "" {
		return Load()
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, marsad.Errorf("kb.Load", marsad.NotFound, "knowledge-base folder %q: not a readable folder", dir)
	}
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, marsad.E("kb.Load", marsad.Internal, err)
	}
	return LoadFS(sub, os.DirFS(dir))
}

// LoadFS loads a knowledge base from the files of each fsys in turn (countries.tsv,
// places.tsv, roles.tsv, orgs.tsv, persons.tsv, groups.tsv, given_names.txt). Missing
// files count as empty. Within one layer an id may appear once; a later layer's row
// replaces the earlier layer's row with the same id.
func LoadFS(layers ...fs.FS) (*KB, error) {
	const op = "kb.Load"
	defer loadgc.Hold()()
	k := &KB{
		Countries: map[string]*Country{}, Places: map[string]*Place{}, Roles: map[string]*Role{},
		Orgs: map[string]*Org{}, Persons: map[string]*Person{}, GivenNames: map[string]bool{}, Groups: map[string]*Group{},
		holders: map[string][]*Person{}, capitals: map[string]string{}, givenRaw: map[string][]string{},
	}
	var problems []error
	hash := sha256.New()
	layer := 0
	seen := map[string]int{} // kind:id → layer that defined it
	// dup reports an id defined twice in the same layer; across layers the later wins.
	dup := func(kind, id string) bool {
		l, ok := seen[kind+":"+id]
		seen[kind+":"+id] = layer
		return ok && l == layer
	}
	var fsys fs.FS
	read := func(name string, cols int, fn func(f []string) error) {
		b, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			return
		}
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", name, err))
			return
		}
		hash.Write(b)
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
		n := 0
		for sc.Scan() {
			n++
			line := strings.TrimRight(sc.Text(), "\r")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if cols > 0 && len(f) != cols {
				problems = append(problems, fmt.Errorf("%s:%d: %d fields, want %d", name, n, len(f), cols))
				continue
			}
			for i := range f {
				f[i] = strings.TrimSpace(f[i])
			}
			if err := fn(f); err != nil {
				problems = append(problems, fmt.Errorf("%s:%d: %w", name, n, err))
			}
		}
	}
	for layer, fsys = range layers {
		read("countries.tsv", 9, func(f []string) error {
			c := &Country{ISO3: f[0], Cameo: f[1], Kind: f[2], Names: alts(f[3]), Nisba: alts(f[4]), Plural: alts(f[5]), Capital: f[6]}
			var err error
			if c.Lat, c.Lon, err = latlon(f[7], f[8]); err != nil {
				return err
			}
			if len(c.ISO3) != 3 || len(c.Names) == 0 {
				return fmt.Errorf("country %q needs a 3-letter code and names", c.ISO3)
			}
			if dup("country", c.ISO3) {
				return fmt.Errorf("duplicate country %s", c.ISO3)
			}
			k.Countries[c.ISO3] = c
			return nil
		})
		read("places.tsv", 7, func(f []string) error {
			p := &Place{ID: f[0], Names: alts(f[1]), Type: f[2], Country: f[3], ADM1: f[4]}
			var err error
			if p.Lat, p.Lon, err = latlon(f[5], f[6]); err != nil {
				return err
			}
			if p.ID == "" || len(p.Names) == 0 {
				return fmt.Errorf("place needs an id and names")
			}
			if dup("place", p.ID) {
				return fmt.Errorf("duplicate place id %s", p.ID)
			}
			k.Places[p.ID] = p
			return nil
		})
		read("roles.tsv", 3, func(f []string) error {
			r := &Role{ID: f[0], Names: alts(f[1]), Sector: f[2]}
			if r.ID == "" || len(r.Names) == 0 {
				return fmt.Errorf("role needs an id and names")
			}
			if dup("role", r.ID) {
				return fmt.Errorf("duplicate role id %s", r.ID)
			}
			k.Roles[r.ID] = r
			return nil
		})
		read("orgs.tsv", 6, func(f []string) error {
			o := &Org{ID: f[0], Names: alts(f[1]), Type: f[2], Country: f[3], Cameo: f[4], Parent: f[5]}
			if o.ID == "" || len(o.Names) == 0 {
				return fmt.Errorf("organisation needs an id and names")
			}
			if dup("org", o.ID) {
				return fmt.Errorf("duplicate organisation id %s", o.ID)
			}
			k.Orgs[o.ID] = o
			return nil
		})
		read("persons.tsv", 5, func(f []string) error {
			p := &Person{ID: f[0], Names: alts(f[1]), Country: f[2], Cameo: f[3]}
			if p.ID == "" || len(p.Names) == 0 {
				return fmt.Errorf("person needs an id and names")
			}
			if dup("person", p.ID) {
				return fmt.Errorf("duplicate person id %s", p.ID)
			}
			for _, r := range strings.Split(f[4], ";") {
				if r = strings.TrimSpace(r); r == "" {
					continue
				}
				t, err := parseTenure(r)
				if err != nil {
					return err
				}
				p.Roles = append(p.Roles, t)
			}
			k.Persons[p.ID] = p
			return nil
		})
		read("groups.tsv", 3, func(f []string) error {
			g := &Group{Sector: f[1], Kind: f[2]}
			switch g.Kind {
			case "institution", "group", "person":
			default:
				return fmt.Errorf("group kind %q: want institution, group or person", g.Kind)
			}
			for _, form := range alts(f[0]) {
				fold := arabic.FoldPhrase(form)
				if dup("group", fold) {
					return fmt.Errorf("duplicate group noun %q", form)
				}
				g.Forms = append(g.Forms, fold)
				k.Groups[fold] = g
			}
			return nil
		})
		read("given_names.txt", 0, func(f []string) error {
			fold := arabic.FoldPhrase(f[0])
			k.GivenNames[fold] = true
			k.givenRaw[fold] = append(k.givenRaw[fold], f[0])
			return nil
		})
	}
	problems = append(problems, k.validate()...)
	if len(problems) > 0 {
		return nil, marsad.E(op, marsad.Invalid, errors.Join(problems...))
	}
	k.Version = "kb-" + hex.EncodeToString(hash.Sum(nil))[:10]
	k.index()
	return k, nil
}

func alts(s string) []string {
	var out []string
	for _, a := range strings.Split(s, "|") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func latlon(a, b string) (float64, float64, error) {
	if a == "" && b == "" {
		return 0, 0, nil
	}
	lat, err1 := strconv.ParseFloat(a, 64)
	lon, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, fmt.Errorf("bad coordinates %q %q", a, b)
	}
	return lat, lon, nil
}

func parseDate(s string, end bool) (time.Time, error) {
	var t time.Time
	var err error
	switch len(s) {
	case 4:
		t, err = time.Parse("2006", s)
		if end {
			t = t.AddDate(1, 0, -1)
		}
	case 7:
		t, err = time.Parse("2006-01", s)
		if end {
			t = t.AddDate(0, 1, -1)
		}
	case 10:
		t, err = time.Parse("2006-01-02", s)
	default:
		err = fmt.Errorf("bad date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	return t, err
}

// parseTenure reads ROLE@CC:FROM..TO or ROLE@org:ID:FROM..TO.
func parseTenure(s string) (Tenure, error) {
	at := strings.IndexByte(s, '@')
	if at <= 0 {
		return Tenure{}, fmt.Errorf("bad role %q: want ROLE@CC:FROM..TO", s)
	}
	t := Tenure{Role: s[:at]}
	rest := s[at+1:]
	if strings.HasPrefix(rest, "org:") {
		rest = rest[4:]
		i := strings.IndexByte(rest, ':')
		if i <= 0 {
			return Tenure{}, fmt.Errorf("bad role %q", s)
		}
		t.Org, rest = rest[:i], rest[i+1:]
	} else {
		i := strings.IndexByte(rest, ':')
		if i <= 0 {
			return Tenure{}, fmt.Errorf("bad role %q", s)
		}
		t.Country, rest = rest[:i], rest[i+1:]
	}
	from, to, ok := strings.Cut(rest, "..")
	if !ok {
		return Tenure{}, fmt.Errorf("bad role dates %q: want FROM..TO", s)
	}
	var err error
	if t.From, err = parseDate(from, false); err != nil {
		return Tenure{}, fmt.Errorf("role %q: %w", s, err)
	}
	if to != "" {
		if t.To, err = parseDate(to, true); err != nil {
			return Tenure{}, fmt.Errorf("role %q: %w", s, err)
		}
		if t.To.Before(t.From) {
			return Tenure{}, fmt.Errorf("role %q ends before it starts", s)
		}
	}
	return t, nil
}

func (k *KB) validate() []error {
	var out []error
	for _, p := range k.Places {
		if p.ADM1 != "" && k.Places[p.ADM1] == nil {
			out = append(out, fmt.Errorf("places.tsv: %s: unknown adm1 %q", p.ID, p.ADM1))
		}
	}
	for _, o := range k.Orgs {
		if o.Parent != "" && k.Orgs[o.Parent] == nil {
			out = append(out, fmt.Errorf("orgs.tsv: %s: unknown parent %q", o.ID, o.Parent))
		}
	}
	for _, p := range k.Persons {
		for _, t := range p.Roles {
			if k.Roles[t.Role] == nil {
				out = append(out, fmt.Errorf("persons.tsv: %s: unknown role %q", p.ID, t.Role))
			}
			if t.Org != "" && k.Orgs[t.Org] == nil {
				out = append(out, fmt.Errorf("persons.tsv: %s: unknown organisation %q", p.ID, t.Org))
			}
		}
	}
	for _, p := range k.Persons {
		if !k.knownCode(p.Cameo) {
			out = append(out, fmt.Errorf("persons.tsv: %s: unknown CAMEO actor code %q", p.ID, p.Cameo))
		}
		// The same one-holder role in the same place twice at overlapping dates is a
		// typo (ambassadors and envoys may hold two posts at once).
		for i, a := range p.Roles {
			for _, b := range p.Roles[i+1:] {
				if a.Role == b.Role && a.Country == b.Country && a.Org == b.Org && UniqueRoles[a.Role] && overlap(a, b) {
					out = append(out, fmt.Errorf("persons.tsv: %s: role %s@%s%s listed twice with overlapping dates", p.ID, a.Role, a.Country, a.Org))
				}
			}
		}
	}
	for _, o := range k.Orgs {
		if !k.knownCode(o.Cameo) {
			out = append(out, fmt.Errorf("orgs.tsv: %s: unknown CAMEO actor code %q", o.ID, o.Cameo))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Error() < out[j].Error() })
	return out
}

// groupCodes are CAMEO actor codes that do not start with a country.
var groupCodes = map[string]bool{"IGO": true, "IMG": true, "NGO": true, "MNC": true, "KUR": true, "UAF": true, "REB": true,
	"INS": true, "OPP": true, "MED": true, "CVL": true, "BUS": true, "REL": true, "AFR": true, "ASA": true, "EUR": true,
	"MEA": true, "WST": true, "SAM": true, "NAM": true, "CAU": true, "SAF": true, "WAF": true, "EAF": true, "BLK": true, "ARB": true}

// knownCode: an actor code starts with a known country or a CAMEO group code, and is
// made of upper-case letters in threes.
func (k *KB) knownCode(code string) bool {
	if code == "" {
		return true
	}
	if len(code)%3 != 0 {
		return false
	}
	for _, r := range code {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	head := code[:3]
	return k.Countries[head] != nil || groupCodes[head]
}

func overlap(a, b Tenure) bool {
	aEnd, bEnd := a.To, b.To
	if aEnd.IsZero() {
		aEnd = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if bEnd.IsZero() {
		bEnd = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return a.From.Before(bEnd) && b.From.Before(aEnd)
}

// Holder returns the person holding role in country (ISO3) or organisation ("org:ID")
// on day d, or nil.
// On a handover day, when one tenure ends and the next begins, the newcomer holds it.
func (k *KB) Holder(role, where string, d time.Time) *Person {
	var best *Person
	var bestFrom time.Time
	for _, p := range k.holders[role+"@"+where] {
		for _, t := range p.Roles {
			if t.Role != role || !t.Holds(d) {
				continue
			}
			if (t.Country == where || "org:"+t.Org == where) && (best == nil || t.From.After(bestFrom) || t.From.Equal(bestFrom) && p.ID < best.ID) {
				best, bestFrom = p, t.From
			}
		}
	}
	return best
}

// CountryOfCapital returns the ISO3 of the country whose capital is the place, or "".
func (k *KB) CountryOfCapital(placeID string) string { return k.capitals[placeID] }

// OrgCountry returns an organisation's country, following parents when it has none.
func (k *KB) OrgCountry(o *Org) string {
	for i := 0; o != nil && i < 8; i++ {
		if o.Country != "" {
			return o.Country
		}
		o = k.Orgs[o.Parent]
	}
	return ""
}

// GivenSpelled reports whether surface (diacritics removed, hamza kept) may be the given
// name whose folded form is fold: a surface with hamza or alef maksura that no listed
// spelling has is a different word («بأن» is not «بان», «على» is not «علي»).
func (k *KB) GivenSpelled(fold, surface string) bool {
	if !strings.ContainsAny(surface, "أإآؤئى") {
		return true
	}
	for _, raw := range k.givenRaw[fold] {
		if strings.Contains(surface, raw) || strings.Contains(raw, surface) {
			return true
		}
	}
	// Proclitics on the surface: compare the tail.
	for _, raw := range k.givenRaw[fold] {
		if strings.HasSuffix(surface, raw) {
			return true
		}
	}
	return false
}

// UniqueRoles are held by one person per country (or organisation) at a time, so a title
// alone names its holder on a given day.
var UniqueRoles = map[string]bool{
	"head_of_state": true, "president": true, "vice_president": true, "king": true, "crown_prince": true, "emir": true,
	"sultan": true, "supreme_leader": true, "prime_minister": true, "chief_of_staff": true, "army_commander": true,
	"irgc_commander": true, "quds_force_commander": true, "intelligence_chief": true, "police_chief": true,
	"speaker_parliament": true, "secretary_general": true, "snsc_secretary": true, "chief_justice": true,
}

// TitleWord reports whether a folded word (with or without ال) begins a role name.
func (k *KB) TitleWord(w string) bool {
	return k.titleWords[w] || k.titleWords[arabic.StripArticle(w)]
}
