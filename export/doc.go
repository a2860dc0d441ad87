// Package export writes stored events (marsad.EventRow) as a stream, one row at a time,
// in five formats. Nothing is built in memory: each Write encodes one row into a
// buffered writer, and Close flushes it.
//
//	w, err := export.New("gdelt", os.Stdout)
//	if err != nil { … }            // unknown format: marsad.Invalid
//	for row := range rows {        // e.g. a store cursor
//		if err := w.Write(row); err != nil { … }
//	}
//	err = w.Close()                // flushes; does not close os.Stdout
//
// Formats (Formats lists them, ContentType gives each one's MIME type):
//
//   - gdelt: the GDELT 2.0 event table, 61 tab-separated columns in the codebook's
//     order, no header. Deviations from GDELT, by necessity: GlobalEventID holds our
//     event id (a string, not an integer); Actor*Name are the names as the article
//     gives them (Arabic, not upper-case English); the *Geo_CountryCode columns hold
//     ISO 3166 alpha-3 codes where GDELT uses FIPS 10-4, and ActionGeo_ADM1Code holds
//     our location's admin-1 code as stored, not a FIPS ADM1 code; the actor geo
//     columns (Actor1Geo_*, Actor2Geo_*) are empty with type 0, since Marsad places
//     the event, not its actors; ActionGeo_FeatureID is our place id; AvgTone is empty
//     (not computed); IsRootEvent is always 0 (a stored row does not say whether
//     its sentence is in the lead paragraph); DATEADDED is the event's first-seen
//     time (UTC, YYYYMMDDHHMMSS). Tabs, newlines and other control characters inside
//     a field become spaces, so every row has exactly 61 fields.
//   - plover: JSON Lines with PLOVER's field names: id, date, event_type, mode,
//     context (a list), actors (source and target, with name, country, CAMEO code and
//     entity key), location, plus cameo, mode of report (report_mode), confidence,
//     evidence and the article.
//   - acled: ACLED-style CSV with a header: event_id_cnty, event_date, year,
//     disorder_type, event_type, sub_event_type, actor1, actor2, country,
//     admin1, location, latitude, longitude, geo_precision, source, source_url, notes,
//     fatalities, cameo_code, timestamp. Only events of the kinds ACLED records are
//     written (see ACLEDType for the CAMEO → ACLED mapping); verbal events such as
//     statements or meetings are skipped. country holds the ISO3 code (ACLED writes an
//     English name); actor names are as the article gives them.
//   - csv: our own flat columns (Columns), with a header.
//   - jsonl: one marsad.EventRow JSON object per line.
package export
