# rnnkit: the two commands of the README, and helpers behind them.
#   make demo   install what the demo needs, install rnnkit, fit an LSTM on
#               the bundled DJIA prices; show forecasts and accuracy
#               DEMO_DIR=dir  where the PNG goes (default: a new directory
#                             under $TMPDIR or /tmp, printed at the end)
#               RLIB=dir      install into this library, not R's default
#   make check  the quick loop (1-2 minutes here): build, install into
#               check/quick/lib, testthat, Octave pkg test, cross-host
#   make test   the full gauntlet (tools/test.sh, about 40 minutes):
#               R CMD check --as-cran and every test, with a table of times
R ?= R
RSCRIPT ?= Rscript
VERSION := $(shell sed -n 's/^Version: *//p' DESCRIPTION)
TARBALL := rnnkit_$(VERSION).tar.gz
DEMO_DIR ?=
RLIB ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: demo test check deps deps-demo install clean fixtures extdata bench

# The package is built in place with --preclean --clean, so the tree is
# left as it was (tools/test.sh checks that `git status` shows nothing new).
demo: deps-demo
	@echo "== installing rnnkit $(VERSION) into $(if $(RLIB),$(RLIB),R's library) (R CMD INSTALL, about 10 s)"
	@$(if $(RLIB),mkdir -p "$(RLIB)" && )log=$$(mktemp) && \
	  MAKEFLAGS="-j$(JOBS)" $(R) CMD INSTALL --preclean --clean $(if $(RLIB),-l "$(RLIB)") . >"$$log" 2>&1 || \
	  { cat "$$log"; rm -f "$$log"; exit 1; }; rm -f "$$log"
	@dir="$(DEMO_DIR)"; \
	if [ -z "$$dir" ]; then dir=$$(mktemp -d "$${TMPDIR:-/tmp}/rnnkit-demo.XXXXXX") || exit 1; fi; \
	echo "== demo(\"ohlc\", package = \"rnnkit\")"; \
	RNNKIT_DEMO_DIR="$$dir" $(if $(RLIB),R_LIBS="$(RLIB)$${R_LIBS:+:$$R_LIBS}") \
	  $(RSCRIPT) -e 'demo("ohlc", package = "rnnkit", ask = FALSE, echo = FALSE)'

check: deps
	sh tools/check.sh

# tools/test.sh installs the full dependencies itself (its first stage)
test:
	sh tools/test.sh

deps-demo:
	@sh tools/install-deps.sh demo

deps:
	@sh tools/install-deps.sh full

install: deps-demo
	$(if $(RLIB),mkdir -p "$(RLIB)" && )MAKEFLAGS="-j$(JOBS)" \
	  $(R) CMD INSTALL --preclean --clean $(if $(RLIB),-l "$(RLIB)") .

# Regenerate data and fixtures (maintainers only; need the network/torch).
extdata:
	$(RSCRIPT) tools/export_extdata.R
fixtures:
	python3 tools/make_torch_fixtures.py
	python3 tools/make_layer_fixtures.py

clean:
	sh cleanup
	rm -rf check $(TARBALL)

# rnnkit against PyTorch side by side; writes bench/RESULTS.md (BENCH_QUICK=1: shorter)
bench:
	sh bench/run.sh
