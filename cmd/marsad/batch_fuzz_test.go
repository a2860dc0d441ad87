package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var batchSeeds = []string{
	`{"id":"a1","text":"قصف الجيش الإيراني مواقع في العراق.","title":"قصف","published":"2024-03-05","source":"s"}`,
	`{"id":7,"html":"<html><body><p>لقاء</p></body></html>","url":"https://x/"}` + "\n\n" + `{"id":null,"text":""}`,
	`{"id":{"a":[1]},"text":"x"}` + "\r\n" + `not json` + "\n" + `{"text":1}`,
	`{"text":"\u0000\ud800","published":"2024-13-45"}`,
	"\xff\xfe{\"text\":\"x\"}",
	`[{"text":"x"}]` + "\n" + `"text"` + "\n" + `{"id":"a","id":"b","text":"y"}`,
	strings.Repeat(`{"text":"قصف"}`+"\n", 20),
}

// FuzzReadBatch reads any bytes as an ingest JSON Lines batch: no panic; every
// non-blank line becomes one item, with an error or a text; a line over the limit is
// an error for the batch, not a crash.
func FuzzReadBatch(f *testing.F) {
	for _, s := range batchSeeds {
		f.Add([]byte(s))
	}
	c := &IngestCommand{maxBytes: 4096}
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := c.readBatchFrom(bytes.NewReader(data), "batch.jsonl")
		if err != nil {
			return
		}
		lines := 0
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, c.maxBytes*2+4096)
		for sc.Scan() {
			if len(bytes.TrimSpace(sc.Bytes())) > 0 {
				lines++
			}
		}
		if len(items) != lines {
			t.Fatalf("%d items from %d lines", len(items), lines)
		}
		for _, it := range items {
			if it.err == nil && it.raw == nil {
				t.Fatalf("%s: no error and no text", it.where)
			}
		}
	})
}

// FuzzCodeBatch runs `marsad code --jsonl` on any input: no panic, and the output is
// one valid JSON object per line, each with an id.
func FuzzCodeBatch(f *testing.F) {
	for _, s := range batchSeeds {
		f.Add(s)
	}
	cd, err := newCoder("", true, slog.New(slog.DiscardHandler))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		c := &CodeCommand{Stdin: strings.NewReader(in), Stdout: &out, Stderr: io.Discard, workers: 2, maxBytes: 4096}
		if err := c.batch(context.Background(), cd, time.Time{}); err != nil {
			return // a line over the limit
		}
		for _, l := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
			if l == "" {
				continue
			}
			if !utf8.ValidString(l) {
				t.Fatalf("invalid UTF-8 out: %q", l)
			}
			var rec struct {
				ID json.RawMessage `json:"id"`
			}
			if err := json.Unmarshal([]byte(l), &rec); err != nil || len(rec.ID) == 0 {
				t.Fatalf("bad output line %q: %v", l, err)
			}
		}
	})
}
