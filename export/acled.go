package export

import (
	"strings"

	"github.com/marsad-project/marsad"
)

// ACLED event types and their disorder types.
const (
	Battles         = "Battles"
	Explosions      = "Explosions/Remote violence"
	Violence        = "Violence against civilians"
	Protests        = "Protests"
	Riots           = "Riots"
	Strategic       = "Strategic developments"
	politicalViol   = "Political violence"
	demonstrations  = "Demonstrations"
	strategicDisord = "Strategic developments"
)

// acledRule maps a CAMEO code prefix to an ACLED event and sub-event type.
type acledRule struct {
	prefix, eventType, subType string
}

// acledRules are tried longest prefix first (the table is ordered that way within each
// root). CAMEO roots 01–13 and 16 (statements, appeals, consultations, cooperation,
// demands, disapproval, rejection, threats, reduced relations) have no ACLED
// counterpart, except the agreements and truces below.
var acledRules = []acledRule{
	// Agreements and de-escalation: ACLED's "Agreement" strategic development.
	{"057", Strategic, "Agreement"},
	{"0871", Strategic, "Agreement"},
	{"0874", Strategic, "Non-violent transfer of territory"},
	{"0841", Strategic, "Other"}, // release of persons (prisoner exchange)
	// Protest: demonstrations, hunger strikes, strikes and blockades are peaceful
	// protests; a violent protest is a riot.
	{"145", Riots, "Violent demonstration"},
	{"14", Protests, "Peaceful protest"},
	// Exhibit force posture: troop and police mobilisation.
	{"15", Strategic, "Other"},
	// Coerce.
	{"171", Strategic, "Looting/property destruction"},
	{"173", Strategic, "Arrests"},
	{"175", Violence, "Attack"},
	{"17", Strategic, "Other"},
	// Assault.
	{"181", Violence, "Abduction/forced disappearance"},
	{"1821", Violence, "Sexual violence"},
	{"1831", Explosions, "Suicide bomb"},
	{"183", Explosions, "Remote explosive/landmine/IED"},
	{"18", Violence, "Attack"},
	// Fight.
	{"191", Strategic, "Other"}, // blockade
	{"194", Explosions, "Shelling/artillery/missile attack"},
	{"195", Explosions, "Air/drone strike"},
	{"19", Battles, "Armed clash"},
	// Unconventional mass violence.
	{"201", Strategic, "Other"}, // mass expulsion
	{"204", Explosions, "Chemical weapon"},
	{"20", Violence, "Attack"},
}

// ACLEDType returns the ACLED event type and sub-event type for a CAMEO event code,
// and false when ACLED records no such event. The mapping, longest prefix first:
//
//	057 sign agreement, 0871 truce      → Strategic developments / Agreement
//	0874 retreat or surrender           → Strategic developments / Non-violent transfer of territory
//	0841 release persons                → Strategic developments / Other
//	145 riot                            → Riots / Violent demonstration
//	14 other protest                    → Protests / Peaceful protest
//	15 force posture                    → Strategic developments / Other
//	171 seize or damage property        → Strategic developments / Looting/property destruction
//	173 arrest, detain                  → Strategic developments / Arrests
//	175 violent repression              → Violence against civilians / Attack
//	17 other coercion                   → Strategic developments / Other
//	181 abduct, take hostage            → Violence against civilians / Abduction/forced disappearance
//	1821 sexual assault                 → Violence against civilians / Sexual violence
//	1831 suicide bombing                → Explosions/Remote violence / Suicide bomb
//	183 other bombing                   → Explosions/Remote violence / Remote explosive/landmine/IED
//	18 other assault, assassination     → Violence against civilians / Attack
//	191 blockade                        → Strategic developments / Other
//	194 artillery and tanks             → Explosions/Remote violence / Shelling/artillery/missile attack
//	195 aerial weapons                  → Explosions/Remote violence / Air/drone strike
//	19 other fighting                   → Battles / Armed clash
//	201 mass expulsion                  → Strategic developments / Other
//	204 weapons of mass destruction     → Explosions/Remote violence / Chemical weapon
//	20 other mass violence              → Violence against civilians / Attack
func ACLEDType(code string) (eventType, subType string, ok bool) {
	best := -1
	for i, r := range acledRules {
		if strings.HasPrefix(code, r.prefix) && (best < 0 || len(r.prefix) > len(acledRules[best].prefix)) {
			best = i
		}
	}
	if best < 0 {
		return "", "", false
	}
	return acledRules[best].eventType, acledRules[best].subType, true
}

func disorder(eventType string) string {
	switch eventType {
	case Protests, Riots:
		return demonstrations
	case Strategic:
		return strategicDisord
	}
	return politicalViol
}

var acledHeader = []string{
	"event_id_cnty", "event_date", "year", "disorder_type", "event_type", "sub_event_type",
	"actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
	"geo_precision", "source", "source_url", "notes", "fatalities", "cameo_code", "timestamp",
}

func acledRecord(r *marsad.EventRow) []string {
	et, st, ok := ACLEDType(r.Code)
	if !ok {
		return nil
	}
	date, year := "", ""
	if t, ok := day(r); ok {
		date, year = t.Format("2006-01-02"), t.Format("2006")
	}
	var loc marsad.Location
	if r.Location != nil {
		loc = *r.Location
	}
	country := loc.Country
	if country == "" {
		country = r.Source.Country
	}
	precision := ""
	switch {
	case loc.Lat != nil && loc.ADM1 == "" && loc.Name == "":
		precision = "3"
	case loc.Lat != nil:
		precision = "1"
	case loc.Name != "":
		precision = "2"
	}
	fatalities := "0"
	if r.Fatalities != nil {
		fatalities = itoa(*r.Fatalities)
	}
	ts := ""
	if !r.FirstSeen.IsZero() {
		ts = itoa(int(r.FirstSeen.Unix()))
	}
	return []string{
		r.ID, date, year, disorder(et), et, st,
		actorName(r.Source), actorName(r.Target), country, loc.ADM1, loc.Name,
		ptrFloat(loc.Lat, 4), ptrFloat(loc.Lon, 4), precision,
		r.Outlet, r.URL, notes(r), fatalities, r.Code, ts,
	}
}

// actorName is the actor's name, or its country or CAMEO code when it has none.
func actorName(a marsad.Actor) string {
	switch {
	case a.Name != "":
		return a.Name
	case a.Code != "":
		return a.Code
	}
	return a.Country
}

// notes says what was coded and from which words: CAMEO label, trigger, article title.
func notes(r *marsad.EventRow) string {
	var b strings.Builder
	b.WriteString(r.Code)
	if r.Label != "" {
		b.WriteString(" " + r.Label)
	}
	if t := r.Evidence.Trigger.Text; t != "" {
		b.WriteString(": «" + t + "»")
	}
	if r.ArticleTitle != "" {
		b.WriteString(" — " + r.ArticleTitle)
	}
	return b.String()
}
