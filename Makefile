# Short developer commands over CMake. `make run` and `make test` are the
# two commands of the README.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DB         ?= $(BUILD)/sample.db

.PHONY: all deps build asan run test test-plain test-asan test-fuzz bench clean format fuzz

all: build

deps:
	@./tools/install-deps.sh

$(BUILD)/Makefile:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

$(ASAN_BUILD)/Makefile:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSL_SANITIZE=ON

asan: deps $(ASAN_BUILD)/Makefile
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# The main job on the bundled sample: ingest every format, list, search,
# stories, one article's facts, and the story's report (Markdown here, HTML
# pages in $(BUILD)/report/).
run: build
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BUILD)/storyline ingest --db $(DB) --json sample/html sample/text sample/jsonl sample/warc
	$(BUILD)/storyline articles --db $(DB)
	$(BUILD)/storyline search --db $(DB) 'Vandermeer OR "van der Meer"'
	$(BUILD)/storyline stories --db $(DB) && $(BUILD)/storyline story S1 --db $(DB)
	$(BUILD)/storyline show 6 --facts --db $(DB)
	$(BUILD)/storyline report --db $(DB) --format html -o $(BUILD)/report --quiet
	$(BUILD)/storyline report S1 --db $(DB)
	@echo "the same story as one web page: $(BUILD)/report/S1.html"

test-plain: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# Every fuzz target for a few seconds from our fixtures (libFuzzer, ASan+UBSan):
# a smoke run that catches a broken target or a shallow crash; `make fuzz
# SECONDS=3600` is the long run.
test-fuzz: build
	./fuzz/build.sh && ./fuzz/run.sh $(or $(FUZZ_SECONDS),10)

# Every test, plain and under ASan+UBSan, and the fuzz smoke run.
test: test-plain test-asan test-fuzz

bench: build
	./bench/run.sh

# libFuzzer smoke of the parsers (clang): SECONDS per target, seeded from fixtures.
fuzz: ; ./fuzz/build.sh && ./fuzz/run.sh $(or $(SECONDS),60)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
