package nlp

import "testing"

// TestNewDocumentSlice checks that slicing the text by byte offsets gives what
// encoding the code points gives, for every span.
func TestNewDocumentSlice(t *testing.T) {
	for _, text := range []string{"", "a", "قال الرئيس «لن نتراجع» 2014\n\nب€😀x", "\xff\xfeبا\xc3"} {
		d := NewDocument(text)
		plain := &Document{Text: text, Runes: []rune(text)}
		if string(d.Runes) != string(plain.Runes) {
			t.Fatalf("%q: runes %q, want %q", text, d.Runes, plain.Runes)
		}
		for a := -1; a <= len(d.Runes)+1; a++ {
			for b := a - 1; b <= len(d.Runes)+1; b++ {
				if got, want := d.Slice(a, b), plain.Slice(a, b); got != want {
					t.Fatalf("%q: Slice(%d, %d) = %q, want %q", text, a, b, got, want)
				}
			}
		}
	}
}
