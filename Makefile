GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/marsad-project/marsad.Version=$(VERSION)

.PHONY: build test check bench fuzz score clean web

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/marsad ./cmd/marsad

test:
	$(GO) vet ./...
	$(GO) test -race -timeout 30m ./...

# The dashboard: web/src → web/dist (committed, embedded by web.go). Needs Node.js and npm.
web:
	cd web && npm ci --no-audit --no-fund && npm run build

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz:
	for t in FuzzRead:./reader FuzzNormalize:./arabic FuzzTokenize:./arabic FuzzDates:./dates FuzzCode:./coder \
		FuzzExtract:./extract FuzzParse:./feed FuzzWrite:./export FuzzCompute:./dedup FuzzUnmarshal:./dedup; do \
		$(GO) test -run '^$$' -fuzz "^$${t%%:*}$$" -fuzztime 60s "$${t##*:}" || exit 1; done

score: build
	python3 ../shared/eval/score.py --gold ../shared/eval/gold --cmd 'bin/marsad code {file}'
	python3 ../shared/eval/score_gsr.py --dir ../shared/eval/gsr --cmd 'bin/marsad code --jsonl'

clean:
	rm -rf bin
