GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/marsad-project/marsad.Version=$(VERSION)

.PHONY: build test check bench fuzz fuzz-check score clean web

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/marsad ./cmd/marsad

test: fuzz-check
	$(GO) vet ./...
	$(GO) test -race -timeout 30m ./...

# The dashboard: web/src → web/dist (committed, embedded by web.go). Needs Node.js and npm.
web:
	cd web && npm ci --no-audit --no-fund && npm run build

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# FUZZTARGETS lists every fuzz target as Name:package; `make fuzz` runs each for FUZZTIME.
FUZZTIME ?= 60s
FUZZTARGETS := FuzzRead:./reader FuzzNormalize:./arabic FuzzTokenize:./arabic FuzzSearchKey:./arabic \
	FuzzParseQuantity:./arabic FuzzDates:./dates FuzzCode:./coder FuzzExtract:./extract FuzzParse:./feed \
	FuzzWrite:./export FuzzCompute:./dedup FuzzUnmarshal:./dedup FuzzQuery:./httpapi FuzzPostArticle:./httpapi \
	FuzzReadBatch:./cmd/marsad FuzzCodeBatch:./cmd/marsad FuzzReadModel:./ner FuzzReadCoNLL:./ner \
	FuzzTokenizeSame:./arabic

fuzz:
	for t in $(FUZZTARGETS); do \
		$(GO) test -run '^$$' -fuzz "^$${t%%:*}$$" -fuzztime $(FUZZTIME) "$${t##*:}" || exit 1; done

# fuzz-check fails when a fuzz target is missing from FUZZTARGETS.
fuzz-check:
	@for f in $$(grep -rhoE '^func Fuzz[A-Za-z0-9_]+' --include='*_test.go' . | sed 's/^func //' | sort -u); do \
		echo ' $(FUZZTARGETS) ' | grep -q " $$f:" || { echo "$$f is not in FUZZTARGETS"; exit 1; }; done

score: build
	python3 ../shared/eval/score.py --gold ../shared/eval/gold --cmd 'bin/marsad code {file}'
	python3 ../shared/eval/score_gsr.py --dir ../shared/eval/gsr --cmd 'bin/marsad code --jsonl'

clean:
	rm -rf bin
