# The two commands of the README:
#   make run   — set up (a local .venv) and start the app on http://localhost:8000
#   make test  — set up everything the tests need and run them all
# and the benchmarks (BENCHMARKS.md):
#   make bench — set up the tests' tools and PyTorch (the bench extra), then print every ratio
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench setup setup-test chromium redis-server zbar-tools clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet .

setup-test: $(BIN)/python chromium redis-server zbar-tools
	$(BIN)/pip install --quiet -e '.[test]'

# The browser tests (tests/e2e) drive Debian's Chromium: `playwright install` cannot download
# browsers here. Installed only when missing; sudo only when not root (CI runs as root).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium:
	command -v chromium >/dev/null || { $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }

# The store tests (tests/store) start a real redis-server on a free loopback port.
redis-server:
	command -v redis-server >/dev/null || { $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server; }

# The live-class tests decode the join QR code with zbarimg (tests/classroom, tests/e2e).
zbar-tools:
	command -v zbarimg >/dev/null || { $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends zbar-tools; }

run: setup
	$(BIN)/backprop-explorer $(ARGS)

# The linter and the type checker first (seconds), then every test.
test: setup-test lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/mypy app

bench: setup-test
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info
