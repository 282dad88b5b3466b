# 旅顺口区科技服务平台 — build, run and test on Debian or Ubuntu.
# `make run` and `make test` install what they need themselves (Go modules; the C headers that Fyne's cgo
# build needs and poppler-utils, through apt-get, when they are missing).

SHELL   := /bin/bash
GO      ?= go
VERSION := 0.1.0
# migrated_fynedo: Fyne's threading model of 2.6 and later (widgets only on the main goroutine, fyne.Do from
# others). no_emoji: Fyne leaves out its colour emoji font, which it would otherwise parse and keep once per
# text style (4 MB each, 20 MB of resident memory in all); records and briefs hold no emoji.
TAGS    := migrated_fynedo,no_emoji
LDFLAGS := -X main.version=$(VERSION)
DB      ?=

# Fyne's cgo build (go-gl, GLFW).
BUILD_DEPS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev \
              libxi-dev libxxf86vm-dev
# The report tests read PDFs back with pdftotext and pdftoppm; the store's tests run on a throwaway PostgreSQL
# server (tools/pgtest/pg.sh) as well as on SQLite files.
TEST_DEPS  := poppler-utils postgresql
WIN_DEPS   := gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
# The installer (NSIS), and osslsigncode only when it is signed.
INSTALLER_DEPS := nsis $(if $(SIGN_CERT),osslsigncode)

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

.PHONY: all build run test stress vet deps deps-test windows installer windows-test clean fuzz bench fonts

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

# gofmt over every package, go vet, then staticcheck at the version go.mod's tool line pins (go tool fetches it
# with the other modules, so a fresh clone needs nothing installed).
vet:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt needed"; exit 1; }
	$(GO) vet -tags $(TAGS) ./...
	$(GO) tool staticcheck -tags $(TAGS) ./...

# The fuzzers, as package:name. Each keeps the inputs that broke it under <package>/testdata/fuzz/<name>/, which
# every plain `go test` replays.
FUZZ_QUICK := data:FuzzUSCC data:FuzzPatentAppNo data:FuzzAmounts data:FuzzDates
FUZZ_ALL   := reports/exchange:FuzzReadWorkbook reports/exchange:FuzzReadWorkbookReadsEveryRow \
              reports/exchange:FuzzScannerMatchesExcelize reports/exchange:FuzzRowWriterWritesTheStreamWritersCell \
              $(FUZZ_QUICK)
FUZZTIME       ?= 10m
# make test gives each fuzzer a number of runs, not seconds: Go 1.26's coordinator can report "context deadline
# exceeded" as a failure when a timed run ends while a worker is busy (go.dev/issue/75804, fixed in Go 1.27); a
# count has no deadline to race, and a slow machine only takes longer. About 15 s and 3 s here.
TEST_FUZZ_READ  ?= 3000x
TEST_FUZZ_ROWS  ?= 500x
TEST_FUZZ_CELL  ?= 500x
QUICK_FUZZTIME  ?= 10000x

# fuzz_each runs each fuzzer of $(1) for $(2) (the default minimisation of each new input, up to a minute,
# would take most of a short run).
define fuzz_each
	@set -e; for f in $(1); do pkg=$${f%%:*}; name=$${f##*:}; \
	  echo "fuzzing $$name (./$$pkg) for $(2)"; \
	  $(GO) test -tags $(TAGS) -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(2) -fuzzminimizetime=2s ./$$pkg; \
	done
endef

# The packages in the order make test starts them, two at a time: the longest first, so that the two cores finish
# together (go test runs them in the order given; ./... would leave data, the longest, for last). Every package.
TEST_ORDER := ./data/... ./app/... ./cmd/... ./reports/... ./assets/... ./usertext/... ./tools/...

# Every test with the race detector, then short fuzzing runs: the workbook reader (that it never fails, and that a
# workbook it accepts was read whole), the export's row writer (that it writes a cell as excelize's StreamWriter does)
# and each validator, each for a fixed number of inputs. The heaviest tests (the kills of a running import, brief or
# restore; the synthetic district's search check) run a representative part here — 15 kills each, 500 companies — and
# their full length in make stress (data/testsize); the writers through any name are killed 20 times in both (issue
# 14). The tests run beside a throwaway PostgreSQL server (tools/pgtest/pg.sh: a unix socket in a temporary folder,
# stopped and removed when the run ends, also when it fails or is interrupted), whose URL they find in SCITECH_PG_URL;
# SCITECH_REQUIRE_PG=1 makes a test that needs the server fail, never skip, without it. data's store tests run twice
# in its one test binary: on SQLite files, then on databases of the server (data/main_test.go).
test: deps-test vet
	@test "$$($(GO) list -tags $(TAGS) ./... | sort)" = "$$($(GO) list -tags $(TAGS) $(TEST_ORDER) | sort)" || \
	  { echo "TEST_ORDER misses a package of ./..."; exit 1; }
	@set -e; url=$$(tools/pgtest/pg.sh start) || { echo "make test: the PostgreSQL test server did not start (see above)"; exit 1; }; \
	trap 'tools/pgtest/pg.sh stop "$$url"' EXIT; trap 'exit 130' INT TERM; \
	echo "PostgreSQL test server: $$url"; \
	export SCITECH_PG_URL="$$url" SCITECH_REQUIRE_PG=1; \
	set -x; $(GO) test -race -tags $(TAGS) -count=1 -timeout 30m $(TEST_ORDER)
	$(call fuzz_each,reports/exchange:FuzzReadWorkbook,$(TEST_FUZZ_READ))
	$(call fuzz_each,reports/exchange:FuzzReadWorkbookReadsEveryRow,$(TEST_FUZZ_ROWS))
	$(call fuzz_each,reports/exchange:FuzzRowWriterWritesTheStreamWritersCell,$(TEST_FUZZ_CELL))
	$(call fuzz_each,$(FUZZ_QUICK),$(QUICK_FUZZTIME))

# The heaviest tests at their full length under the race detector: 50 kills of an import, of two files' import,
# of a brief being registered and of a restore; a 3,000-company district; a year and a half of weekly backups;
# a database opened, backed up and restored under every name of data.pathNames (make test: 22 of them), and the
# commands run in every folder of commandPaths (make test: 6 of 9).
# About 15 minutes on two cores.
STRESS_TESTS := KilledAtRandomMoments|RestoreSurvivesBeingKilled|OnAScaledDistrict|DailyBackupRotation|PathsWithEveryCharacter|CommandsWithEveryPath
stress: deps-test
	SCITECH_STRESS=1 $(GO) test -race -tags $(TAGS) -count=1 -timeout 60m -run '$(STRESS_TESTS)' ./data ./cmd/scitech

# The store tests that wait in data/main_test.go's pgPending, run on a throwaway PostgreSQL server: fails naming
# each one that passes there now, which must leave the list.
.PHONY: test-pg-pending
test-pg-pending: deps-test
	@set -e; url=$$(tools/pgtest/pg.sh start) || { echo "the PostgreSQL test server did not start (see above)"; exit 1; }; \
	trap 'tools/pgtest/pg.sh stop "$$url"' EXIT; trap 'exit 130' INT TERM; \
	SCITECH_PG_URL="$$url" SCITECH_PG_PENDING=1 $(GO) test -race -tags $(TAGS) -count=1 -timeout 30m ./data

# The window's bold face (assets/fonts/wqy-microhei-bold.ttf), cut from Micro Hei by tools/fontsubset with
# Debian's python3 and python3-fonttools; again whenever a translation brings a character it lacks.
fonts:
	$(call apt_install,python3-fonttools)
	/usr/bin/python3 tools/fontsubset/subset.py

# The bundled brief faces (assets/fonts/FandolFang-Regular.ttf, FandolSong-Bold.ttf, WenKaiGB-Regular.ttf), made
# by tools/fontbuild from Debian's Fandol (.otf, converted to TrueType) and LXGW WenKai, cut to GB 2312. The
# texlive package is large (about 100 MB installed), so make test never runs this; the fonts are
# committed.
.PHONY: brief-fonts
brief-fonts:
	$(call apt_install,python3-fonttools texlive-lang-chinese fonts-lxgw-wenkai)
	/usr/bin/python3 tools/fontbuild/build.py

# Every fuzzer for FUZZTIME each (10 minutes unless given: make fuzz FUZZTIME=30s).
fuzz:
	$(call fuzz_each,$(FUZZ_ALL),$(FUZZTIME))

# The speed and memory figures (issue 7), each beside its anchor in the same run, then one table of them
# (tools/benchtable): export and import of 100,000 rows beside excelize alone, with their peak heap; the work
# brief of a 100,000-company district; start-up to the first frame and the window's resident size beside an
# empty Fyne window, and the window holding the Companies list alone (under Xvfb on :99; skipped when Xvfb is
# absent); scrolling the Companies list through
# 1,000 rows in Fyne's test driver beside the same table over rows in memory; a search keystroke and a re-sort
# of the Companies list (every fragment and column, the slowest shown) and the dashboard's figures beside the
# same SQL run through database/sql alone; and the 10,000-row figures of issues 3 and 5. A 100,000-company
# district is built once in BENCH_DB (about 25 s) and only copied after.
# Issue 19: the work a server store does too — the search keystroke, the re-sort, the dashboard, import, export
# and the brief — runs on a PostgreSQL server as well, printed beside SQLite's with the ratio server/SQLite
# (goal: within 2×, and the row's own goal). The bench server (tools/pgtest/benchpg.sh: set up like a modest
# office server) keeps its data folder BENCH_PG_DIR between runs, like BENCH_DB: the district is copied onto it
# from BENCH_DB the first time (about 5 minutes) and again only when that file changes; make bench starts it
# and stops it at the end. Without PostgreSQL installed (apt-get install postgresql), or with BENCH_PG=no, the
# table has the SQLite figures alone.
BENCH_DB  ?= /tmp/scitech-bench-100k.db
BENCH_OUT ?= /tmp/scitech-bench.txt
BENCH_N   ?= 3
BENCH_PG  ?= yes
BENCH_PG_DIR ?= /tmp/scitech-bench-pg
bench: build
	@test -s $(BENCH_DB) || { echo "building a 100,000-company district in $(BENCH_DB) (about 25 s)"; \
	  ./scitech demo --scale 100000 --db $(BENCH_DB) >/dev/null; }
	@: > $(BENCH_OUT)
	@set -o pipefail; xvfb=""; display=""; pgdir=""; pg=""; \
	trap '[ -n "$$xvfb" ] && kill $$xvfb; [ -n "$$pgdir" ] && tools/pgtest/benchpg.sh stop "$$pgdir"' EXIT; \
	trap 'exit 130' INT TERM; \
	if command -v Xvfb >/dev/null; then \
	  if [ ! -e /tmp/.X11-unix/X99 ]; then Xvfb :99 -screen 0 1366x800x24 >/dev/null 2>&1 & xvfb=$$!; sleep 1; fi; \
	  display=:99; \
	else echo "Xvfb not found (apt-get install xvfb): the start-up figures are skipped"; fi; \
	if [ "$(BENCH_PG)" = yes ]; then \
	  pgdir=$(BENCH_PG_DIR); \
	  if pg=$$(tools/pgtest/benchpg.sh start $(BENCH_PG_DIR) $(BENCH_DB) ./scitech); then \
	    echo "PostgreSQL bench server: $$pg"; \
	  elif [ $$? -eq 3 ]; then \
	    pgdir=""; echo "PostgreSQL is not installed (apt-get install postgresql): the table has the SQLite figures alone"; \
	  else echo "make bench: the PostgreSQL bench server did not start (see above; BENCH_PG=no leaves it out)"; exit 1; fi; \
	fi; \
	export SCITECH_BENCH_DB=$(BENCH_DB) SCITECH_BENCH_PG="$$pg"; \
	DISPLAY=$$display $(GO) test -tags $(TAGS) -run='^$$' -bench='100k$$' -benchtime=1x \
	  -benchmem -count=$(BENCH_N) ./cmd/scitech ./cmd/scitech/startupbench 2>&1 | grep --line-buffered -v '^20..\/..\/.. ' | tee -a $(BENCH_OUT) && \
	DISPLAY=$$display $(GO) test -tags $(TAGS) -run='^$$' \
	  -bench='ScrollCompanies100k|CompaniesWindow100k|PolicyList100k' -benchtime=1x -count=$(BENCH_N) ./app 2>&1 | \
	  grep --line-buffered -v '^20..\/..\/.. ' | tee -a $(BENCH_OUT) && \
	$(GO) test -tags $(TAGS) -run='^$$' -bench='WorkBrief100k|WorkBrief10k' \
	  -benchtime=1x -benchmem -cpu=1 -count=$(BENCH_N) ./reports | tee -a $(BENCH_OUT) && \
	$(GO) test -tags $(TAGS) -run='^$$' \
	  -bench='CompanySearchPage|CompanySortPage|Stats$$|Dashboard' -benchtime=20x -benchmem -count=$(BENCH_N) ./data | \
	  tee -a $(BENCH_OUT) && \
	$(GO) test -tags $(TAGS) -run='^$$' -bench='PolicyCheck100k' \
	  -benchtime=1x -benchmem -count=$(BENCH_N) ./data | tee -a $(BENCH_OUT) && \
	$(GO) test -tags $(TAGS) -run='^$$' -bench='Outputs10k$$|ExcelizeRows10k$$' -benchmem \
	  -count=$(BENCH_N) ./cmd/scitech | tee -a $(BENCH_OUT) && \
	SCITECH_MEMTEST=1 $(GO) test -tags $(TAGS) -run=PeakMemory -v \
	  -count=1 ./cmd/scitech | tee -a $(BENCH_OUT)
	@echo; $(GO) run ./tools/benchtable $(BENCH_OUT)

# A 64-bit Windows scitech.exe (GUI subsystem) with icon, version info and manifest (assets/windows), cross-compiled
# with mingw-w64 (no docker). Symbols and DWARF are left out (-s -w): a third smaller; panics still name the lines.
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
	  $(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS) -s -w -H=windowsgui" -o dist/scitech.exe ./cmd/scitech
	@ls -l dist/scitech.exe

# dist/scitech-setup-VERSION.exe: the per-user NSIS installer (packaging/windows/scitech.nsi). Signed with
# osslsigncode — scitech.exe, then the uninstaller, then the installer — when a certificate is given:
#   make installer SIGN_CERT=cert.pfx SIGN_PASS=… [SIGN_TS=http://timestamp-server] [SIGN_URL=https://…]
# The password reaches osslsigncode through the environment and a private file, never a command line.
export SIGN_CERT SIGN_PASS SIGN_TS SIGN_URL
installer: windows
	$(call apt_install,$(INSTALLER_DEPS))
	@if [ -n "$$SIGN_CERT" ]; then export SIGN_CERT="$$(realpath "$$SIGN_CERT")"; \
	  packaging/windows/sign.sh dist/scitech.exe || exit 1; \
	else echo "not signed (make installer SIGN_CERT=cert.pfx SIGN_PASS=… signs scitech.exe and the installer)"; fi; \
	set -x; makensis -V2 -DVERSION=$(VERSION) -DEXE=$(CURDIR)/dist/scitech.exe \
	  -DICON=$(CURDIR)/assets/windows/scitech.ico -DOUTFILE=$(CURDIR)/dist/scitech-setup-$(VERSION).exe \
	  $(if $(SIGN_CERT),-DSIGN=$(CURDIR)/packaging/windows/sign.sh) packaging/windows/scitech.nsi
	@if [ -n "$$SIGN_CERT" ]; then SIGN_CERT="$$(realpath "$$SIGN_CERT")" \
	  packaging/windows/sign.sh dist/scitech-setup-$(VERSION).exe; fi
	@ls -l dist/scitech-setup-$(VERSION).exe

# Runs dist/scitech.exe under Wine (packaging/windows/smoke.sh; builds it first when older than the sources):
# version, demo, stats, the work brief as PDF, checked; then the installer when it is there. Needs wine (not
# installed by it: Debian's wine is large); not part of make test.
windows-test:
	VERSION=$(VERSION) packaging/windows/smoke.sh

clean:
	rm -rf scitech dist cmd/scitech/rsrc_windows_amd64.syso assets/windows/scitech.rc
