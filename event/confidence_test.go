package event

import (
	"testing"

	"github.com/marsad-project/marsad"
)

func TestConfidence(t *testing.T) {
	verb := &Pattern{ID: "t.verb", Code: "190", Verb: true, Slots: []slot{{verb: true}, {gap: true}, {noun: true}}}
	noun := &Pattern{ID: "t.noun", Code: "190", Slots: []slot{{noun: true}}}
	irn := &actor{country: "IRN"}
	irq := &actor{country: "IRQ"}
	two := 2
	tests := []struct {
		name string
		d    draft
		want float64
	}{
		{"bare noun", draft{pattern: noun, mode: marsad.ModeAsserted}, 0.5},
		{"multiword verb, both sides by syntax", draft{pattern: verb, mode: marsad.ModeAsserted, src: irn, srcRule: "event.source_vso", tgt: irq, tgtRule: "event.target_object"}, 0.95},
		{"guessed sides count half", draft{pattern: noun, mode: marsad.ModeAsserted, src: irn, srcRule: "event.source_discourse", tgt: irq, tgtRule: "event.target_location_country"}, 0.6},
		{"date and dead", draft{pattern: noun, mode: marsad.ModeAsserted, dateExplicit: true, fatalities: &two}, 0.58},
		{"intended", draft{pattern: noun, mode: marsad.ModeIntended}, 0.43},
		{"denied", draft{pattern: verb, mode: marsad.ModeDenied, src: irn, srcRule: "event.source_vso", tgt: irq, tgtRule: "event.target_object"}, 0.19},
		{"unknown mode counts as asserted", draft{pattern: noun, mode: "other"}, 0.5},
	}
	for _, tt := range tests {
		if got := confidence(&tt.d); got != tt.want {
			t.Errorf("%s: confidence = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestConfidenceThreshold: every mode that does not report a happening stays under
// ReportedThreshold, however strong the draft; every other mode stays over it, however
// weak.
func TestConfidenceThreshold(t *testing.T) {
	strong := &Pattern{ID: "t.strong", Code: "190", Verb: true, Slots: []slot{{verb: true}, {noun: true}}}
	weak := &Pattern{ID: "t.weak", Code: "190", Slots: []slot{{noun: true}}}
	one := 1
	for mode := range modeFactor {
		hi := confidence(&draft{pattern: strong, mode: mode, src: &actor{country: "IRN"}, srcRule: "event.source_vso",
			tgt: &actor{country: "IRQ"}, tgtRule: "event.target_object", dateExplicit: true, fatalities: &one})
		lo := confidence(&draft{pattern: weak, mode: mode})
		switch mode {
		case marsad.ModeDenied, marsad.ModeConditional, marsad.ModeQuestion, marsad.ModeHoped:
			if hi >= ReportedThreshold {
				t.Errorf("mode %s: strongest draft scores %v, want under %v", mode, hi, ReportedThreshold)
			}
		default:
			if lo < ReportedThreshold {
				t.Errorf("mode %q: weakest draft scores %v, want at least %v", mode, lo, ReportedThreshold)
			}
		}
		if lo < 0 || hi > 1 || lo > hi {
			t.Errorf("mode %q: confidence %v..%v out of order or out of [0,1]", mode, lo, hi)
		}
	}
	if got := mergedConfidence(0.5, 0.6); got != 0.65 {
		t.Errorf("mergedConfidence(0.5, 0.6) = %v, want 0.65", got)
	}
	if got := mergedConfidence(0.99, 0.99); got != 0.99 {
		t.Errorf("mergedConfidence(0.99, 0.99) = %v, want 0.99", got)
	}
}
