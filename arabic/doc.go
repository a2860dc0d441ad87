// Package arabic holds the text primitives Marsad's stages share: normalisation for
// matching with an offset map back to the input, tokenisation with code-point offsets,
// sentence splitting, proclitic stripping for lexicon lookup, and number parsing
// (Arabic-Indic and Persian digits, number words). It does no I/O.
package arabic
