# The two commands: `make dev` and `make test`. Everything else is a step of theirs.
.DEFAULT_GOAL := help
JOBS ?= $(shell nproc)
PORT ?= 3000

.PHONY: help deps build build-debug build-fuzz dev test test-unit test-sanitize bench fuzz format clean

help:
	@echo "make dev     install what is missing, build, run the local stack on port $(PORT)"
	@echo "make test    install what is missing, build, run every test"
	@echo "make deps | build | bench | fuzz | format | clean"

deps:
	@scripts/deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

build-debug: deps
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)

build-fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS) --target fuzz_all

dev: build
	@scripts/dev.sh $(PORT)

# Debug build (ASan + UBSan): unit and integration tests. Release build: unit and integration
# tests. Fuzz build (clang-14 libFuzzer): each target briefly (FUZZ_SECONDS, default 10).
test: build build-debug build-fuzz
	@scripts/test.sh

bench: build
	@scripts/deps.sh bench
	@bench/run.sh

fuzz: build-fuzz
	@fuzz/run.sh build/fuzz $${FUZZ_SECONDS:-60}

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
