# 旅顺口区科技服务平台 — build, run and test on Debian or Ubuntu.
# `make run` and `make test` install what they need themselves (Go modules; the C headers that Fyne's cgo
# build needs and poppler-utils, through apt-get, when they are missing).

SHELL   := /bin/bash
GO      ?= go
VERSION := 0.1.0
TAGS    := migrated_fynedo
LDFLAGS := -X main.version=$(VERSION)
DB      ?=

# Fyne's cgo build (go-gl, GLFW).
BUILD_DEPS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev \
              libxi-dev libxxf86vm-dev
# The report tests read PDFs back with pdftotext and pdftoppm.
TEST_DEPS  := poppler-utils
WIN_DEPS   := gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64

# apt_install installs the Debian packages of $(1) that are missing, with one apt-get update first.
define apt_install
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

.PHONY: all build run test vet deps deps-test windows clean fuzz bench

all: build

deps:
	$(call apt_install,$(BUILD_DEPS))
	$(GO) mod download

deps-test:
	$(call apt_install,$(BUILD_DEPS) $(TEST_DEPS))
	$(GO) mod download

build: deps
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o scitech ./cmd/scitech

# Opens the window on the default database (in the user's config folder), or on DB=path.
run: build
	./scitech $(if $(DB),--db $(DB))

vet:
	@test -z "$$(gofmt -l cmd app data reports assets)" || { gofmt -l cmd app data reports assets; echo "gofmt needed"; exit 1; }
	$(GO) vet -tags $(TAGS) ./...

# The fuzzers, as package:name. Each keeps the inputs that broke it under <package>/testdata/fuzz/<name>/, which
# every plain `go test` replays.
FUZZ_QUICK := data:FuzzUSCC data:FuzzPatentAppNo data:FuzzAmounts data:FuzzDates
FUZZ_ALL   := reports:FuzzReadWorkbook reports:FuzzScannerMatchesExcelize $(FUZZ_QUICK)
FUZZTIME       ?= 10m
TEST_FUZZTIME  ?= 15s
QUICK_FUZZTIME ?= 3s

# fuzz_each runs each fuzzer of $(1) for $(2) (the default minimisation of each new input, up to a minute,
# would take most of a short run).
define fuzz_each
	@set -e; for f in $(1); do pkg=$${f%%:*}; name=$${f##*:}; \
	  echo "fuzzing $$name (./$$pkg) for $(2)"; \
	  $(GO) test -tags $(TAGS) -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(2) -fuzzminimizetime=2s ./$$pkg; \
	done
endef

# Every test with the race detector (the crash tests among them: 50 kills of an import and of a brief being
# registered), then short fuzzing runs: the workbook reader for 15 s, each validator for 3 s.
test: deps-test vet
	$(GO) test -race -tags $(TAGS) -count=1 ./...
	$(call fuzz_each,reports:FuzzReadWorkbook,$(TEST_FUZZTIME))
	$(call fuzz_each,$(FUZZ_QUICK),$(QUICK_FUZZTIME))

# Every fuzzer for FUZZTIME each (10 minutes unless given: make fuzz FUZZTIME=30s).
fuzz:
	$(call fuzz_each,$(FUZZ_ALL),$(FUZZTIME))

# The speed and memory figures of the closing notes: import beside excelize's Rows; the work brief of a
# 10,000-company district on one core, its PDF and workbook beside the same brief without rows.
bench:
	$(GO) test -tags $(TAGS) -run='^$$' -bench='Outputs10k$$|ExcelizeRows10k$$' -benchmem -count=3 ./cmd/scitech
	$(GO) test -tags $(TAGS) -run='^$$' -bench='WorkBrief10k' -benchmem -cpu=1 -count=3 ./reports
	SCITECH_MEMTEST=1 $(GO) test -tags $(TAGS) -run=PeakMemory -v -count=1 ./cmd/scitech

# A 64-bit Windows scitech.exe with icon and version info, cross-compiled with mingw-w64 (no docker).
windows:
	$(call apt_install,$(BUILD_DEPS) $(WIN_DEPS))
	$(GO) mod download
	@ver="$(VERSION)"; IFS=. read -r major minor patch <<<"$$ver"; \
	sed -e "s/@VERSION@/$$ver/g" -e "s/@MAJOR@/$$major/g" -e "s/@MINOR@/$$minor/g" -e "s/@PATCH@/$$patch/g" \
	  assets/windows/scitech.rc.in > assets/windows/scitech.rc
	x86_64-w64-mingw32-windres -c 65001 -I assets/windows -i assets/windows/scitech.rc \
	  -O coff -o cmd/scitech/rsrc_windows_amd64.syso
	mkdir -p dist
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	  $(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS) -H=windowsgui" -o dist/scitech.exe ./cmd/scitech
	@ls -l dist/scitech.exe

clean:
	rm -rf scitech dist cmd/scitech/rsrc_windows_amd64.syso assets/windows/scitech.rc
