# The two commands: `make dev` and `make test`. Everything else is a step of theirs.
.DEFAULT_GOAL := help
JOBS ?= $(shell nproc)
PORT ?= 3000

.PHONY: help deps build build-debug dev test test-unit test-sanitize bench fuzz format clean

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

dev: build
	@scripts/dev.sh $(PORT)

# Release build: unit and integration tests. Debug build (ASan + UBSan): the unit tests again.
test: build build-debug
	@scripts/test.sh

bench: build
	@scripts/deps.sh bench
	@bench/run.sh

fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS) --target fuzz_all
	@fuzz/run.sh build/fuzz $${FUZZ_SECONDS:-60}

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
