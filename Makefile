# The two commands of the README, and the steps they are made of.
#   make run    install what is missing, build, create the demo database, serve
#   make check  install what is missing, build, and run every test (plain and sanitized)
#   make bench  run the benchmarks under bench/ (bench/pdf installs LibreOffice to compare;
#               bench/search measures search latency under 8 concurrent clients)

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
DB         ?= $(or $(KLYNGE_DB),var/klynge.db)
LISTEN     ?= $(or $(KLYNGE_LISTEN),127.0.0.1:8080)
FUZZ_SECONDS ?= 20
KLYNGE     := $(BUILD)/src/cli/klynge

.PHONY: all run check build build-asan build-fuzz bootstrap test test-asan test-fuzz \
        lint bench clean po

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

build: $(BUILD)/build.ninja
	meson compile -C $(BUILD)

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

build-asan: $(ASAN_BUILD)/build.ninja
	meson compile -C $(ASAN_BUILD)

$(FUZZ_BUILD)/build.ninja:
	CC=clang meson setup $(FUZZ_BUILD) --buildtype=debug -Dfuzz=true -Dtests=false \
	    -Db_sanitize=address,undefined -Db_lundef=false

build-fuzz: $(FUZZ_BUILD)/build.ninja
	meson compile -C $(FUZZ_BUILD)

run: bootstrap build
	@mkdir -p $(dir $(DB))
	@if [ ! -f "$(DB)" ]; then $(KLYNGE) init --db "$(DB)" --demo; fi
	@echo "klynge is at http://$(LISTEN)/  (stop with Ctrl-C)"
	$(KLYNGE) serve --db "$(DB)" --listen "$(LISTEN)"

# The suites run one after another; the summary counts every test case of every run.
check: bootstrap
	@rm -f .test-results/*.json; mkdir -p .test-results
	@status=0; \
	$(MAKE) --no-print-directory build test || status=1; \
	$(MAKE) --no-print-directory build-asan test-asan || status=1; \
	$(MAKE) --no-print-directory build-fuzz test-fuzz || status=1; \
	$(MAKE) --no-print-directory lint || status=1; \
	python3 scripts/test-summary .test-results/*.json || status=1; \
	exit $$status

test:
	meson test -C $(BUILD) --print-errorlogs --num-processes 2 --timeout-multiplier 2; \
	rc=$$?; cp $(BUILD)/meson-logs/testlog.json .test-results/plain.json 2>/dev/null; exit $$rc

test-asan:
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	meson test -C $(ASAN_BUILD) --print-errorlogs --num-processes 2 --timeout-multiplier 4 \
	    --no-suite browser --no-suite slow; \
	rc=$$?; cp $(ASAN_BUILD)/meson-logs/testlog.json .test-results/asan.json 2>/dev/null; exit $$rc

test-fuzz:
	scripts/run-fuzz $(FUZZ_BUILD) $(FUZZ_SECONDS) .test-results/fuzz.json

lint:
	scripts/check-banned .test-results/lint.json

bench: bootstrap build
	bench/run $(BUILD)
	bench/pdf $(BUILD)
	bench/search/run $(BUILD)

po:
	xgettext --from-code=UTF-8 --keyword=N_ --keyword=T_:2 -o po/klynge.pot \
	    $$(git ls-files 'src/*.c' 'src/*.h')
	msgmerge --no-fuzzy-matching --update --backup=none po/da.po po/klynge.pot

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) .test-results
