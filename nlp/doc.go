// Package nlp holds the Document that Marsad's pipeline stages read and annotate, the
// Stage interface every stage implements, and the Pipeline that runs stages in order.
//
// A Document keeps the input text as given; every annotation layer (tokens, sentences,
// dates, mentions, entities, quotes, events) points into it with code-point offsets.
package nlp
