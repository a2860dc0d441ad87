package event

import (
	"math"

	"github.com/marsad-project/marsad"
)

// Confidence, in [0,1], says how sure the coder is that the text reports the event as
// coded. It adds up what the draft rests on and scales it by the mode:
//
//   - the trigger: 0.5, +0.15 for a verb (it governs its actors), +0.1 for a
//     multiword pattern («شن غارات», «أطلق سراح»);
//   - the actors: +0.1 for each side with a known country found by its syntax
//     (+0.05 when the side was guessed: the sentence's subject, the discourse, the
//     place of the event);
//   - anchoring: +0.03 for an explicit date, +0.05 for a casualty count;
//   - the mode: asserted ×1, reported ×0.9, intended, threatened and demanded ×0.85;
//     the modes that do not report a happening score at most 0.25 (hoped ×0.25,
//     conditional, question and denied ×0.2), so that a threshold of 0.3 keeps
//     exactly the events the text reports as real, intended, threatened or demanded;
//   - each further mention merged into the event: +0.05.
//
// The figures are a ranking, not a calibrated probability.
func confidence(d *draft) float64 {
	c := 0.5
	if d.pattern.Verb {
		c += 0.15
	}
	words := 0
	for _, s := range d.pattern.Slots {
		if !s.gap {
			words++
		}
	}
	if words >= 2 {
		c += 0.1
	}
	side := func(a *actor, rule string) float64 {
		switch {
		case a == nil || a.country == "":
			return 0
		case guessed[rule]:
			return 0.05
		}
		return 0.1
	}
	c += side(d.src, d.srcRule) + side(d.tgt, d.tgtRule)
	if d.dateExplicit {
		c += 0.03
	}
	if d.fatalities != nil || d.wounded != nil {
		c += 0.05
	}
	f, ok := modeFactor[d.mode]
	if !ok {
		f = 1
	}
	return round2(clamp(c) * f)
}

// modeFactor scales confidence by mode; a mode not listed counts as asserted.
var modeFactor = map[string]float64{
	"": 1, marsad.ModeAsserted: 1, marsad.ModeReported: 0.9,
	marsad.ModeIntended: 0.85, marsad.ModeThreatened: 0.85, marsad.ModeDemanded: 0.85,
	marsad.ModeHoped: 0.25, marsad.ModeConditional: 0.2, marsad.ModeQuestion: 0.2, marsad.ModeDenied: 0.2,
}

// ReportedThreshold is the confidence under which an event is not reported as real
// (denied, conditional, question, hoped).
const ReportedThreshold = 0.3

// mergedConfidence is the confidence of an event with one more mention.
func mergedConfidence(a, b float64) float64 { return round2(clamp(math.Max(a, b) + 0.05)) }

func clamp(c float64) float64 { return math.Min(0.99, math.Max(0.05, c)) }

func round2(c float64) float64 { return math.Round(c*100) / 100 }
