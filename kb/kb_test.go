package kb

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
)

func loadKB(t *testing.T) *KB {
	t.Helper()
	k, err := Load()
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	return k
}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestLoadCounts(t *testing.T) {
	k := loadKB(t)
	if k.Version == "" || !strings.HasPrefix(k.Version, "kb-") {
		t.Errorf("Version = %q, want kb-…", k.Version)
	}
	for _, c := range []struct {
		name     string
		got, min int
	}{
		{"countries", len(k.Countries), 250},
		{"places", len(k.Places), 1500},
		{"orgs", len(k.Orgs), 1000},
		{"persons", len(k.Persons), 1000},
		{"roles", len(k.Roles), 300},
		{"given names", len(k.GivenNames), 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.got < c.min {
				t.Errorf("len(%s) = %d, want >= %d", c.name, c.got, c.min)
			}
		})
	}
	if k.Names.Len() == 0 || k.Descr.Len() == 0 {
		t.Errorf("Names.Len() = %d, Descr.Len() = %d, want > 0", k.Names.Len(), k.Descr.Len())
	}
}

// Capitals named in countries.tsv must be places of the same country.
func TestCapitals(t *testing.T) {
	k := loadKB(t)
	byName := map[string][]*Place{}
	for _, p := range k.Places {
		for _, n := range p.Names {
			byName[arabic.FoldPhrase(n)] = append(byName[arabic.FoldPhrase(n)], p)
		}
	}
	var missing []string
	for _, c := range k.Countries {
		if c.Capital == "" {
			continue
		}
		ok := false
		for _, p := range byName[arabic.FoldPhrase(c.Capital)] {
			if p.Country == c.ISO3 {
				ok = true
			}
		}
		if !ok {
			missing = append(missing, c.ISO3+" "+c.Capital)
		}
	}
	sort.Strings(missing)
	// kb/data/README.md: the capital "must also be a place in places.tsv". It is not
	// enforced by the loader; these are listed so the data can be fixed, and the count
	// must not grow.
	const maxMissing = 26
	if len(missing) > 0 {
		t.Logf("%d capitals are not places of their country: %s", len(missing), strings.Join(missing, ", "))
	}
	if len(missing) > maxMissing {
		t.Errorf("capitals missing from places.tsv = %d, want <= %d", len(missing), maxMissing)
	}
	if got := k.CountryOfCapital("tehran"); got != "IRN" {
		t.Errorf("CountryOfCapital(tehran) = %q, want IRN", got)
	}
}

// Fixture files: a small, valid knowledge base that each case breaks in one place.
const (
	fxCountries = "# iso3\tcameo\tkind\tnames\tnisba\tplural\tcapital\tlat\tlon\n" +
		"IRQ\tIRQ\tstate\tالعراق\tعراقي\t\tبغداد\t33.2\t43.7\n"
	fxPlaces = "irq_baghdad_prov\tمحافظة بغداد\tadm1\tIRQ\t\t33.3\t44.4\n" +
		"baghdad\tبغداد\tcapital\tIRQ\tirq_baghdad_prov\t33.3\t44.4\n"
	fxRoles = "minister_defence\tوزير الدفاع\tGOV\n" + "leader\tالزعيم\tGOV\n"
	fxOrgs  = "irq_gov\tالحكومة العراقية\tgov\tIRQ\tIRQGOV\t\n" +
		"irq_mod\tوزارة الدفاع العراقية\tministry\tIRQ\tIRQMIL\tirq_gov\n"
	fxPersons = "p_one\tأحمد الأول\tIRQ\tIRQGOV\tminister_defence@IRQ:2020-06-06..2022-10-27\n" +
		"p_two\tمحمود الثاني\tIRQ\tIRQGOV\tminister_defence@IRQ:2022-10-28..;leader@org:irq_mod:2019..2019-05\n"
	fxGiven = "أحمد\nمحمود\n"
)

func fixture(over map[string]string) fstest.MapFS {
	files := map[string]string{
		"countries.tsv": fxCountries, "places.tsv": fxPlaces, "roles.tsv": fxRoles,
		"orgs.tsv": fxOrgs, "persons.tsv": fxPersons, "given_names.txt": fxGiven,
	}
	for k, v := range over {
		files[k] = v
	}
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

func TestLoadFSValid(t *testing.T) {
	k, err := LoadFS(fixture(nil))
	if err != nil {
		t.Fatalf("LoadFS(fixture) error: %v", err)
	}
	if len(k.Countries) != 1 || len(k.Places) != 2 || len(k.Roles) != 2 || len(k.Orgs) != 2 || len(k.Persons) != 2 {
		t.Errorf("LoadFS(fixture) counts = %d %d %d %d %d, want 1 2 2 2 2",
			len(k.Countries), len(k.Places), len(k.Roles), len(k.Orgs), len(k.Persons))
	}
	if !k.GivenNames[arabic.Fold("أحمد")] {
		t.Errorf("GivenNames[احمد] = false, want true")
	}
	if got := k.CountryOfCapital("baghdad"); got != "IRQ" {
		t.Errorf("CountryOfCapital(baghdad) = %q, want IRQ", got)
	}
	if got := k.OrgCountry(k.Orgs["irq_mod"]); got != "IRQ" {
		t.Errorf("OrgCountry(irq_mod) = %q, want IRQ", got)
	}
	for _, c := range []struct {
		role, where, date, want string
	}{
		{"minister_defence", "IRQ", "2020-06-05", ""},
		{"minister_defence", "IRQ", "2020-06-06", "p_one"},
		{"minister_defence", "IRQ", "2022-10-27", "p_one"},
		{"minister_defence", "IRQ", "2022-10-28", "p_two"},
		{"minister_defence", "IRQ", "2030-01-01", "p_two"},
		{"minister_defence", "IRN", "2021-01-01", ""},
		{"leader", "org:irq_mod", "2019-05-31", "p_two"},
		{"leader", "org:irq_mod", "2019-06-01", ""},
		{"leader", "IRQ", "2019-03-01", ""},
	} {
		t.Run(c.role+"@"+c.where+"/"+c.date, func(t *testing.T) {
			p := k.Holder(c.role, c.where, day(c.date))
			got := ""
			if p != nil {
				got = p.ID
			}
			if got != c.want {
				t.Errorf("Holder(%s, %s, %s) = %q, want %q", c.role, c.where, c.date, got, c.want)
			}
		})
	}
	// The same bytes give the same version; other bytes another one.
	k2, err := LoadFS(fixture(nil))
	if err != nil {
		t.Fatal(err)
	}
	k3, err := LoadFS(fixture(map[string]string{"given_names.txt": "علي\n"}))
	if err != nil {
		t.Fatal(err)
	}
	if k.Version != k2.Version || k.Version == k3.Version {
		t.Errorf("Version = %q, %q (same data), %q (other data); want equal, equal, different", k.Version, k2.Version, k3.Version)
	}
}

func TestLoadFSMissingFiles(t *testing.T) {
	k, err := LoadFS(fstest.MapFS{})
	if err != nil {
		t.Fatalf("LoadFS(empty) error: %v", err)
	}
	if len(k.Countries)+len(k.Places)+len(k.Persons) != 0 {
		t.Errorf("LoadFS(empty) has records, want none")
	}
}

func TestLoadFSErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		over map[string]string
		want []string // substrings of the error
	}{
		{"wrong field count", map[string]string{"places.tsv": fxPlaces + "mosul\tالموصل\tcity\tIRQ\t36.3\t43.1\n"},
			[]string{"places.tsv:3:", "6 fields, want 7"}},
		{"wrong field count country", map[string]string{"countries.tsv": fxCountries + "IRN\tIRN\tstate\tإيران\n"},
			[]string{"countries.tsv:3:", "4 fields, want 9"}},
		{"duplicate place id", map[string]string{"places.tsv": fxPlaces + "baghdad\tبغداد\tcity\tIRQ\t\t33.3\t44.4\n"},
			[]string{"places.tsv:3:", "duplicate place id baghdad"}},
		{"duplicate country", map[string]string{"countries.tsv": fxCountries + fxCountries[strings.IndexByte(fxCountries, '\n')+1:]},
			[]string{"countries.tsv:3:", "duplicate country IRQ"}},
		{"duplicate person id", map[string]string{"persons.tsv": fxPersons + "p_one\tأحمد\tIRQ\tIRQGOV\t\n"},
			[]string{"persons.tsv:3:", "duplicate person id p_one"}},
		{"duplicate role id", map[string]string{"roles.tsv": fxRoles + "leader\tالقائد\tGOV\n"},
			[]string{"roles.tsv:3:", "duplicate role id leader"}},
		{"unknown adm1", map[string]string{"places.tsv": fxPlaces + "mosul\tالموصل\tcity\tIRQ\tirq_nineveh\t36.3\t43.1\n"},
			[]string{"places.tsv", "mosul", `unknown adm1 "irq_nineveh"`}},
		{"unknown parent org", map[string]string{"orgs.tsv": fxOrgs + "irq_army\tالجيش العراقي\tmil\tIRQ\tIRQMIL\tirq_mod_typo\n"},
			[]string{"orgs.tsv", "irq_army", `unknown parent "irq_mod_typo"`}},
		{"unknown role", map[string]string{"persons.tsv": fxPersons + "p_three\tعلي الثالث\tIRQ\tIRQGOV\tminister_defense@IRQ:2019..2020\n"},
			[]string{"persons.tsv", "p_three", `unknown role "minister_defense"`}},
		{"unknown role org", map[string]string{"persons.tsv": fxPersons + "p_three\tعلي الثالث\tIRQ\tIRQGOV\tleader@org:nowhere:2019..2020\n"},
			[]string{"persons.tsv", "p_three", `unknown organisation "nowhere"`}},
		{"bad date", map[string]string{"persons.tsv": fxPersons + "p_three\tعلي الثالث\tIRQ\tIRQGOV\tleader@IRQ:2019-5-1..2020\n"},
			[]string{"persons.tsv:3:", `bad date "2019-5-1"`}},
		{"bad month", map[string]string{"persons.tsv": fxPersons + "p_three\tعلي الثالث\tIRQ\tIRQGOV\tleader@IRQ:2019-13..2020\n"},
			[]string{"persons.tsv:3:", "2019-13"}},
		{"missing dates", map[string]string{"persons.tsv": fxPersons + "p_three\tعلي الثالث\tIRQ\tIRQGOV\tleader@IRQ\n"},
			[]string{"persons.tsv:3:", `bad role "leader@IRQ"`}},
		{"missing range", map[string]string{"persons.tsv": fxPersons + "p_three\tعلي الثالث\tIRQ\tIRQGOV\tleader@IRQ:2019\n"},
			[]string{"persons.tsv:3:", "want FROM..TO"}},
		{"end before start", map[string]string{"persons.tsv": fxPersons + "p_three\tعلي الثالث\tIRQ\tIRQGOV\tleader@IRQ:2020-03-01..2020-02\n"},
			[]string{"persons.tsv:3:", "ends before it starts"}},
		{"bad coordinates", map[string]string{"places.tsv": fxPlaces + "mosul\tالموصل\tcity\tIRQ\t\t96.3\t43.1\n"},
			[]string{"places.tsv:3:", "bad coordinates"}},
		{"place without names", map[string]string{"places.tsv": fxPlaces + "mosul\t|\tcity\tIRQ\t\t36.3\t43.1\n"},
			[]string{"places.tsv:3:", "place needs an id and names"}},
		{"bad country code", map[string]string{"countries.tsv": fxCountries + "IR\tIRN\tstate\tإيران\tإيراني\t\tطهران\t32\t53\n"},
			[]string{"countries.tsv:3:", "3-letter code"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			k, err := LoadFS(fixture(c.over))
			if err == nil {
				t.Fatalf("LoadFS() = %v, nil; want an error", k)
			}
			if k != nil {
				t.Errorf("LoadFS() returned a KB with an error")
			}
			if got := marsad.ErrorKind(err); got != marsad.Invalid {
				t.Errorf("ErrorKind(LoadFS()) = %v, want %v", got, marsad.Invalid)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("LoadFS() error = %q, want it to mention %q", err, w)
				}
			}
		})
	}
}

// All problems are reported at once, not just the first.
func TestLoadFSReportsAll(t *testing.T) {
	_, err := LoadFS(fixture(map[string]string{
		"places.tsv":  fxPlaces + "x\tس\tcity\tIRQ\tnope\t1\t1\nbaghdad\tبغداد\tcity\tIRQ\t\t1\t1\n",
		"persons.tsv": fxPersons + "p_three\tعلي\tIRQ\tIRQGOV\tleader@IRQ:2020..2019\n",
	}))
	if err == nil {
		t.Fatal("LoadFS() error = nil, want three problems")
	}
	for _, w := range []string{"unknown adm1", "duplicate place id", "ends before it starts"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("LoadFS() error = %q, want it to mention %q", err, w)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		end  bool
		want string
	}{
		{"2020", false, "2020-01-01"},
		{"2020", true, "2020-12-31"},
		{"2020-02", false, "2020-02-01"},
		{"2020-02", true, "2020-02-29"},
		{"2021-02", true, "2021-02-28"},
		{"2020-12", true, "2020-12-31"},
		{"2020-06-06", true, "2020-06-06"},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := parseDate(c.in, c.end)
			if err != nil {
				t.Fatalf("parseDate(%q, %v) error: %v", c.in, c.end, err)
			}
			if got.Format("2006-01-02") != c.want {
				t.Errorf("parseDate(%q, %v) = %s, want %s", c.in, c.end, got.Format("2006-01-02"), c.want)
			}
		})
	}
	for _, in := range []string{"", "20", "2020-1", "2020/01/01", "20201-01-01"} {
		if _, err := parseDate(in, false); err == nil {
			t.Errorf("parseDate(%q) error = nil, want an error", in)
		}
	}
}

func TestHolderRealData(t *testing.T) {
	k := loadKB(t)
	for _, c := range []struct {
		date, name string
	}{
		{"2020-11-15", "جمعة عناد سعدون"},
		{"2023-06-01", "ثابت العباسي"},
	} {
		t.Run(c.date, func(t *testing.T) {
			p := k.Holder("minister_defence", "IRQ", day(c.date))
			if p == nil {
				t.Fatalf("Holder(minister_defence, IRQ, %s) = nil, want %s", c.date, c.name)
			}
			if !slices.Contains(p.Names, c.name) {
				t.Errorf("Holder(minister_defence, IRQ, %s) = %s %v, want names with %s", c.date, p.ID, p.Names, c.name)
			}
		})
	}
}

func TestTenureHolds(t *testing.T) {
	open := Tenure{Role: "r", Country: "IRQ", From: day("2020-06-06")}
	closed := Tenure{Role: "r", Country: "IRQ", From: day("2020-06-06"), To: day("2022-10-27")}
	for _, c := range []struct {
		name string
		t    Tenure
		d    string
		want bool
	}{
		{"closed/day before", closed, "2020-06-05", false},
		{"closed/first day", closed, "2020-06-06", true},
		{"closed/middle", closed, "2021-01-01", true},
		{"closed/last day", closed, "2022-10-27", true},
		{"closed/day after", closed, "2022-10-28", false},
		{"open/day before", open, "2020-06-05", false},
		{"open/first day", open, "2020-06-06", true},
		{"open/far future", open, "2099-01-01", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.t.Holds(day(c.d)); got != c.want {
				t.Errorf("Tenure{%s..%s}.Holds(%s) = %v, want %v", c.t.From.Format(time.DateOnly), c.t.To.Format(time.DateOnly), c.d, got, c.want)
			}
		})
	}
	// A month-precision end covers the whole month (parseTenure).
	tn, err := parseTenure("r@IRQ:2019..2019-05")
	if err != nil {
		t.Fatalf("parseTenure error: %v", err)
	}
	if !tn.Holds(day("2019-05-31")) || tn.Holds(day("2019-06-01")) || !tn.Holds(day("2019-01-01")) || tn.Holds(day("2018-12-31")) {
		t.Errorf("parseTenure(r@IRQ:2019..2019-05) = %v..%v, want 2019-01-01..2019-05-31", tn.From, tn.To)
	}
}

func TestPersonRoleAt(t *testing.T) {
	p := &Person{ID: "x", Names: []string{"س"}, Roles: []Tenure{
		{Role: "envoy", Org: "un", From: day("2018-01-01"), To: day("2021-12-31")},
		{Role: "minister_foreign", Country: "IRQ", From: day("2020-01-01"), To: day("2020-12-31")},
		{Role: "minister_defence", Country: "SYR", From: day("2023-01-01")},
	}}
	for _, c := range []struct {
		name, d, cc, want string
		ok                bool
	}{
		{"before all", "2017-12-31", "", "", false},
		{"only org", "2019-06-01", "", "envoy", true},
		{"two, no preference", "2020-06-01", "", "envoy", true},
		{"two, prefer IRQ", "2020-06-01", "IRQ", "minister_foreign", true},
		{"two, prefer other", "2020-06-01", "SYR", "envoy", true},
		{"last day of IRQ", "2020-12-31", "IRQ", "minister_foreign", true},
		{"after IRQ", "2021-01-01", "IRQ", "envoy", true},
		{"gap", "2022-06-01", "", "", false},
		{"open", "2030-01-01", "IRQ", "minister_defence", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := p.RoleAt(day(c.d), c.cc)
			if ok != c.ok || got.Role != c.want {
				t.Errorf("RoleAt(%s, %q) = %q, %v; want %q, %v", c.d, c.cc, got.Role, ok, c.want, c.ok)
			}
		})
	}
}

type found struct {
	kind EntryKind
	id   string
}

// scan runs m over text left to right, longest match first, and returns what it found.
func scan(m *Matcher, text string) []found {
	toks := arabic.Tokenize(text)
	var out []found
	for i := 0; i < len(toks); i++ {
		mt, ok := m.At(toks, i, nil)
		if !ok {
			continue
		}
		for _, e := range mt.Entries {
			out = append(out, found{e.Kind, e.ID})
		}
		i = mt.Last - 1
	}
	return out
}

func TestMatcher(t *testing.T) {
	k := loadKB(t)
	for _, c := range []struct {
		name    string
		text    string
		names   []found // must be among k.Names's finds
		descr   []found // must be among k.Descr's finds
		noNames []found // must not be found
	}{
		{"meeting in Tehran", "التقى وزير الخارجية الإيراني في طهران",
			[]found{{KPlace, "tehran"}}, []found{{KRole, "minister_foreign"}, {KNisba, "IRN"}}, nil},
		{"bare country", "زار الرئيس العراق أمس", []found{{KCountry, "IRQ"}}, []found{{KRole, "president"}}, nil},
		{"clitic wa", "وصل الوفد إلى إيران والعراق", []found{{KCountry, "IRN"}, {KCountry, "IRQ"}}, nil, nil},
		{"clitic li", "قدمت الدول مساعدات للعراق", []found{{KCountry, "IRQ"}}, nil, nil},
		{"clitic bi", "اجتمعوا بالعراق الأسبوع الماضي", []found{{KCountry, "IRQ"}}, nil, nil},
		{"clitic wa+bi", "وبالعراق", []found{{KCountry, "IRQ"}}, nil, nil},
		{"multiword country", "وقالت الولايات المتحدة الأمريكية إنها سترد", []found{{KCountry, "USA"}}, nil, nil},
		{"person", "قال جمعة عناد سعدون إن", []found{{KPerson, "juma_inad_saadoun"}}, nil, nil},
		{"plural nisba", "وقال مسؤولون إيرانيون", nil, []found{{KNisba, "IRN"}}, nil},
		{"construct role", "وزير دفاع إيران", []found{{KCountry, "IRN"}}, []found{{KRole, "minister_defence"}}, nil},
		{"quoted country", "في «العراق» اليوم", []found{{KCountry, "IRQ"}}, nil, nil},
		{"not a country", "عراقة التاريخ", nil, nil, []found{{KCountry, "IRQ"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			gotN, gotD := scan(k.Names, c.text), scan(k.Descr, c.text)
			for _, w := range c.names {
				if !slices.Contains(gotN, w) {
					t.Errorf("Names in %q = %v, want %v among them", c.text, gotN, w)
				}
			}
			for _, w := range c.descr {
				if !slices.Contains(gotD, w) {
					t.Errorf("Descr in %q = %v, want %v among them", c.text, gotD, w)
				}
			}
			for _, w := range c.noNames {
				if slices.Contains(gotN, w) {
					t.Errorf("Names in %q = %v, want no %v", c.text, gotN, w)
				}
			}
		})
	}
}

func TestMatcherLongestAndFilter(t *testing.T) {
	m := NewMatcher()
	m.Add(KCountry, "USA", "الولايات المتحدة", false)
	m.Add(KOrg, "usa_x", "الولايات المتحدة الأمريكية", false)
	m.Add(KPlace, "amb", "الولايات", false)
	m.Add(KPlace, "amb2", "الولايات", false)
	m.Add(KPlace, "amb2", "الولايات", false) // duplicate: ignored
	m.finish()
	if m.Len() != 4 {
		t.Errorf("Len() = %d, want 4", m.Len())
	}
	toks := arabic.Tokenize("في الولايات المتحدة الأمريكية.")
	got, ok := m.At(toks, 1, nil)
	if !ok || got.Last != 4 || len(got.Entries) != 1 || got.Entries[0].ID != "usa_x" {
		t.Errorf("At(1) = %+v, %v; want usa_x [1,4)", got, ok)
	}
	got, ok = m.At(toks, 1, func(e *Entry) bool { return e.Kind != KOrg })
	if !ok || got.Last != 3 || got.Entries[0].ID != "USA" {
		t.Errorf("At(1, no orgs) = %+v, %v; want USA [1,3)", got, ok)
	}
	got, ok = m.At(toks, 1, func(e *Entry) bool { return e.Kind == KPlace })
	if !ok || got.Last != 2 || len(got.Entries) != 2 {
		t.Errorf("At(1, places) = %+v, %v; want two ambiguous entries [1,2)", got, ok)
	}
	if _, ok := m.At(toks, 4, nil); ok {
		t.Errorf("At(punct) ok = true, want false")
	}
	if _, ok := m.At(toks, 99, nil); ok {
		t.Errorf("At(out of range) ok = true, want false")
	}
	// A name never crosses a full stop.
	toks = arabic.Tokenize("الولايات. المتحدة")
	if got, ok := m.At(toks, 0, func(e *Entry) bool { return e.Kind == KCountry }); ok {
		t.Errorf("At across a full stop = %+v, want no match", got)
	}
}

func TestNisbaForms(t *testing.T) {
	forms := map[string]bool{}
	plural := map[string]bool{}
	for _, f := range NisbaForms("إيراني") {
		forms[f.form] = true
		plural[f.form] = f.plural
	}
	for _, c := range []struct {
		form   string
		plural bool
	}{
		{"إيراني", false}, {"الإيراني", false}, {"الإيرانية", false}, {"إيرانية", false},
		{"الإيرانيون", true}, {"إيرانيين", true}, {"الإيرانيين", true}, {"إيرانيات", true},
	} {
		t.Run(c.form, func(t *testing.T) {
			if !forms[c.form] {
				t.Errorf("NisbaForms(إيراني) = %v, want %q among them", forms, c.form)
			} else if plural[c.form] != c.plural {
				t.Errorf("NisbaForms(إيراني)[%q].plural = %v, want %v", c.form, plural[c.form], c.plural)
			}
		})
	}
	two := map[string]bool{}
	for _, f := range NisbaForms("كوري شمالي") {
		two[f.form] = true
	}
	for _, w := range []string{"الكورية الشمالية", "كوريون شماليون"} {
		if !two[w] {
			t.Errorf("NisbaForms(كوري شمالي) = %v, want %q among them", two, w)
		}
	}
}

func TestConstructForm(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"وزير الدفاع", "وزير دفاع"},
		{"الرئيس", "رئيس"},   // «رئيس العراق»
		{"المحافظ", "محافظ"}, // «محافظ نينوى»
		{"الملك", "ملك"},     // «ملك الأردن»
		{"الاب", ""},         // too short to lose its article
		{"رئيس الوزراء", "رئيس وزراء"},
		{"نائب الله", ""},
		{"قائد ال", ""},
	} {
		if got := constructForm(c.in); got != c.want {
			t.Errorf("constructForm(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPhraseWords: splitting a folded phrase at its single spaces gives what
// strings.Fields gives, for every name, nisba, role and given name of the knowledge
// base and for awkward input.
func TestPhraseWords(t *testing.T) {
	k, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"", " ", "  \t\n", "\u00a0العراق\u00a0", "وزير  الخارجية ", "«الحرس الثوري» - الإيراني", "١٢٣ ٤٥", "a\u0085b", "\xff\xfe عراق"}
	for _, c := range k.Countries {
		names = append(append(append(names, c.Names...), c.Nisba...), c.Plural...)
	}
	for _, p := range k.Places {
		names = append(names, p.Names...)
	}
	for _, o := range k.Orgs {
		names = append(names, o.Names...)
	}
	for _, p := range k.Persons {
		names = append(names, p.Names...)
	}
	for _, r := range k.Roles {
		names = append(names, r.Names...)
	}
	for g := range k.GivenNames {
		names = append(names, g)
	}
	for _, n := range names {
		fold := arabic.FoldPhrase(n)
		if got, want := phraseWords(fold), strings.Fields(fold); !slices.Equal(got, want) {
			t.Errorf("phraseWords(FoldPhrase(%q)) = %q, want %q", n, got, want)
		}
	}
}
