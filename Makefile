# One command each: `make serve` to preview, `make test` to test. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
# Two locks with hashes (requirements/): runtime.txt is what previewing, checking and building
# need; dev.txt adds the tests and tools. Editors' commands install the first only.
RUNTIME_STAMP := $(VENV)/.installed-runtime
STAMP  := $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := scripts
# Python keeps the modules it compiles in one ignored folder, also where the environment says
# not to write them (PYTHONDONTWRITEBYTECODE, which leaves no __pycache__ in the tree either):
# otherwise every command, and each test process, compiles the site's code, the libraries and
# the tests again (a tenth of `make test-fast`, and seconds of `make serve`'s start).
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache
unexport PYTHONDONTWRITEBYTECODE
SCOSITE := $(BIN)/scosite

.PHONY: help setup serve check stamp messages generate build schemas new test test-fast lint ruff imports types check-schemas offline archives lock clean bench lighthouse engines links

help:
	@echo "make serve     preview the English edition at http://127.0.0.1:8000 (rebuilds on every save);"
	@echo "               EDITION=ru previews the Russian at :8001/ru/, EDITION=zh the Chinese at :8002/zh/"
	@echo "make check     check the data only; lists every problem with file:line:column"
	@echo "make generate  write the pages each edition is built from (.cache/editions/) from data/ and docs/"
	@echo "make build     build the site into site/ (strict; site/ is replaced only on success)"
	@echo "make offline   build a copy in site-offline/ that works opened from a folder"
	@echo "make archives  each edition's offline copy as a zip in site/downloads/offline/ (after build)"
	@echo "make version   the version of the data committed: its release tag, else the date it last changed"
	@echo "make release-files  what a release attaches, into .cache/release/ (after build and archives;"
	@echo "               TAG=2026-12-08: fail unless that tag is a release of this commit)"
	@echo "make test      run all tests (the browser tests need Chromium and Java: see tests/browser)"
	@echo "make test-fast the tests that need neither the engine nor a browser (before each commit)"
	@echo "make lighthouse  Lighthouse scores of the home, event and figures pages -> .cache/lighthouse/report.md"
	@echo "make bench     measure build and preview from 10 to 10,000 records; writes docs/about/performance.md"
	@echo "               (quicker: make bench SIZES=10,100 RUNS=1)"
	@echo "make engines   build with Zensical too; report the differences in docs/about/engines.md"
	@echo "make schemas   refresh the JSON Schemas in data/schemas/ after changing the models"
	@echo "make links     check every source's address and archived copy with lychee (online; the"
	@echo "               weekly workflow runs it) -> .cache/links/report.md"
	@echo "make lock      lock the dependencies again, with hashes, after changing requirements/*.in"
	@echo "make new KIND=person ID=rashid-alimov   start a new record file (kinds: event, person,"
	@echo "               organisation, country, document, metric, figure, quote, milestone, source)"

setup: $(STAMP) $(NODE_STAMP)

# The project itself is installed editable without dependencies (no download, so no hash to
# check): it gives the `scosite` command, the way in without make (README: on Windows).
$(RUNTIME_STAMP): requirements/runtime.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements/runtime.txt
	$(PIP) install --quiet --no-deps --no-build-isolation --editable .
	@touch $(RUNTIME_STAMP)

$(STAMP): $(RUNTIME_STAMP) requirements/dev.txt
	$(PIP) install --quiet --require-hashes -r requirements/dev.txt
	@touch $(STAMP)

# Checkers the tests run in the browser or with Java (axe-core, vnu-jar) and Lighthouse,
# pinned in package-lock.json. No install scripts run: nothing downloads a browser.
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $(NODE_STAMP)

# One edition per preview: English (the default) at http://127.0.0.1:8000; EDITION=ru at :8001/ru/,
# EDITION=zh at :8002/zh/ (run each in a terminal of its own; the language switcher leads to them).
EDITION ?= en
serve: $(RUNTIME_STAMP)
	@$(SCOSITE) serve --edition $(EDITION)

check: $(RUNTIME_STAMP)
	@$(SCOSITE) check $(if $(MISSING),--missing $(MISSING))

# Record, beside each new translation, the English it was made from (FILES=...: restamp every
# translation in those files, once you have reviewed them).
stamp: $(RUNTIME_STAMP)
	@$(SCOSITE) stamp $(FILES)

# Collect the site's own words into the translation catalogs (scripts/scosite/locale).
messages: $(RUNTIME_STAMP)
	@$(SCOSITE) messages

generate: $(RUNTIME_STAMP)
	@$(SCOSITE) generate

build: $(RUNTIME_STAMP)
	@$(SCOSITE) build

offline: $(RUNTIME_STAMP)
	@$(SCOSITE) offline

archives: $(RUNTIME_STAMP)
	@$(SCOSITE) archives

schemas: $(RUNTIME_STAMP)
	@$(SCOSITE) schemas

# A release (scripts/scosite/tools/release.py): the version a tag must name, and the files the
# release workflow attaches (TAG: the tag being released, checked against the data and CITATION.cff).
.PHONY: version release-files
version: $(RUNTIME_STAMP)
	@$(SCOSITE) version $(if $(TAG),--tag "$(TAG)")

release-files: $(RUNTIME_STAMP)
	@$(SCOSITE) release-files $(if $(TAG),--tag "$(TAG)")

# The link check (.github/workflows/links.yml runs it weekly): the one command that goes online.
links: $(STAMP)
	@$(SCOSITE) links

new: $(RUNTIME_STAMP)
	@$(SCOSITE) new "$(KIND)" "$(ID)"

# Tests run in parallel (pytest-xdist, one worker per core; a file's tests stay together so
# its fixtures are made once), and share each site build through .cache/test-builds/.
# test-fast: everything but the engine and the browser (the marks: the tests' fixtures, or pytestmark).
TEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile
test: $(STAMP) $(NODE_STAMP)
	$(PYTEST) --durations=10

test-fast: $(STAMP)
	$(PYTEST) -m "not engine and not browser"

lighthouse: $(STAMP) $(NODE_STAMP)
	$(BIN)/python scripts/lighthouse.py

# The full run takes a long time and loads both cores: run it on a quiet machine.
SIZES ?= 10,100,1000,10000
RUNS  ?= 3
LARGE_RUNS ?= 1
bench: $(STAMP)
	$(BIN)/python -m bench --sizes $(SIZES) --runs $(RUNS) --large-runs $(LARGE_RUNS)

# Build with Zensical too and report the differences in docs/about/engines.md (a report, not a test).
engines: $(STAMP)
	$(BIN)/python scripts/engines.py

# ruff; the JSON Schemas match the models; each stage of the package imports only from the
# stages before it (import-linter, pyproject.toml); the types (pyright, basic mode, from npm).
lint: ruff check-schemas imports types

imports: $(STAMP)
	cd scripts && ../$(BIN)/lint-imports ../pyproject.toml

types: $(STAMP) $(NODE_STAMP)
	node_modules/.bin/pyright

ruff: $(STAMP)
	$(BIN)/ruff check scripts tests

check-schemas: $(STAMP)
	@$(SCOSITE) schemas --check

# Both locks from their .in files, keeping every version already locked unless the .in files
# ask otherwise (make lock UPGRADE="--upgrade-package mkdocs-material": one newer version;
# UPGRADE=--upgrade: all). pip itself is not locked: every virtual environment has one.
LOCK_FLAGS := --quiet --generate-hashes --strip-extras --no-allow-unsafe --unsafe-package pip \
              --no-emit-index-url --no-emit-find-links $(UPGRADE)
lock: $(STAMP)
	cd requirements && CUSTOM_COMPILE_COMMAND="make lock" ../$(BIN)/pip-compile $(LOCK_FLAGS) --output-file runtime.txt runtime.in
	cd requirements && CUSTOM_COMPILE_COMMAND="make lock" ../$(BIN)/pip-compile $(LOCK_FLAGS) --output-file dev.txt dev.in

clean:
	rm -rf site site-offline .cache
