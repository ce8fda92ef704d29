# rnnkit: the two commands of the README, and helpers behind them.
#   make demo   fit an LSTM on the bundled DJIA prices; show forecasts and accuracy
#   make test   R CMD build + check --as-cran, and the full test suite
R ?= R
RSCRIPT ?= Rscript
VERSION := $(shell sed -n 's/^Version: *//p' DESCRIPTION)
TARBALL := rnnkit_$(VERSION).tar.gz

.PHONY: demo test deps install check clean fixtures extdata bench

demo: install
	$(RSCRIPT) -e 'demo("ohlc", package = "rnnkit", ask = FALSE, echo = FALSE)'

test: deps
	sh tools/test.sh

deps:
	sh tools/install-deps.sh

install: deps
	$(R) CMD INSTALL .

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
