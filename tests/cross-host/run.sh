#!/bin/sh
# Cross-host test: the same data, options and seed give bit-identical
# weights and loss histories in R and Octave, and models saved by either
# load in the other and predict (and forecast) the same numbers; token
# models also sample the same tokens with the same seed.
# Needs rnnkit installed for R (R_LIBS) and for Octave (OCTAVE_PKG_LIST:
# a pkg local_list file, as tools/test.sh writes).
set -e
here=$(cd "$(dirname "$0")" && pwd)
: "${OCTAVE_PKG_LIST:?set OCTAVE_PKG_LIST}"
OCTAVE_PKG_LIST=$(cd "$(dirname "$OCTAVE_PKG_LIST")" && pwd)/$(basename "$OCTAVE_PKG_LIST")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
Rscript "$here/step1.R" "$dir" "$here"
(cd "$dir" && octave-cli --no-gui -q --norc --eval "
  pkg ('local_list', '$OCTAVE_PKG_LIST');
  pkg load rnnkit; addpath ('$here');
  try, step2 ('$dir'); catch e, disp (e.message); exit (1); end_try_catch")
Rscript "$here/step3.R" "$dir"
# token models: embeddings with padding, a stateful language model and
# sampling with a seed, both ways
Rscript "$here/tokens.R" "$dir" "$here"
(cd "$dir" && octave-cli --no-gui -q --norc --eval "
  pkg ('local_list', '$OCTAVE_PKG_LIST');
  pkg load rnnkit; addpath ('$here');
  try, tokens ('$dir'); catch e, disp (e.message); exit (1); end_try_catch")
Rscript "$here/tokens_back.R" "$dir"
# the time-series workflow: windows, fit, forecast and accuracy on the
# bundled DJIA prices give the same numbers in both hosts
root=$(cd "$here/../.." && pwd)
Rscript "$here/forecast.R" "$dir"
(cd "$dir" && octave-cli --no-gui -q --norc --eval "
  pkg ('local_list', '$OCTAVE_PKG_LIST');
  pkg load rnnkit; addpath ('$here');
  try, forecast ('$dir', '$root'); catch e, disp (e.message); exit (1); end_try_catch") 2>&1 |
  grep -v 'ignoring const execution_exception' >"$dir/forecast-octave.txt" || true
cat "$dir/forecast-octave.txt"
if grep -q 'differs between R and Octave\|^error' "$dir/forecast-octave.txt" ||
   ! grep -q "R's model file in Octave" "$dir/forecast-octave.txt"; then
  echo "cross-host: the time-series workflow differs between R and Octave" >&2
  exit 1
fi
Rscript "$here/forecast_back.R" "$dir"
# ---- ensembles (issue 15): members, mean predictions, forecasts whose
# paths draw members, and model files, both ways
Rscript "$here/ensemble.R" "$dir"
(cd "$dir" && octave-cli --no-gui -q --norc --eval "
  pkg ('local_list', '$OCTAVE_PKG_LIST');
  pkg load rnnkit; addpath ('$here');
  try, ensemble ('$dir', '$root'); catch e, disp (e.message); exit (1); end_try_catch") 2>&1 |
  grep -v 'ignoring const execution_exception' >"$dir/ensemble-octave.txt" || true
cat "$dir/ensemble-octave.txt"
if grep -q 'differs between R and Octave\|^error' "$dir/ensemble-octave.txt" ||
   ! grep -q "R's ensemble file in Octave" "$dir/ensemble-octave.txt"; then
  echo "cross-host: ensembles differ between R and Octave" >&2
  exit 1
fi
Rscript "$here/ensemble_back.R" "$dir"
# ---- end ensembles
# ---- covariates (issue 15): calendar features and an exogenous column,
# windows, weights, recursive forecasts and model files, both ways
Rscript "$here/covariates.R" "$dir"
(cd "$dir" && octave-cli --no-gui -q --norc --eval "
  pkg ('local_list', '$OCTAVE_PKG_LIST');
  pkg load rnnkit; addpath ('$here');
  try, covariates ('$dir', '$root'); catch e, disp (e.message); exit (1); end_try_catch") 2>&1 |
  grep -v 'ignoring const execution_exception' >"$dir/covariates-octave.txt" || true
cat "$dir/covariates-octave.txt"
if grep -q 'differ between R and Octave\|^error' "$dir/covariates-octave.txt" ||
   ! grep -q "R's covariate model files in Octave" "$dir/covariates-octave.txt"; then
  echo "cross-host: covariates differ between R and Octave" >&2
  exit 1
fi
Rscript "$here/covariates_back.R" "$dir"
# ---- end covariates
# ---- issue 18: the CSV reader gives read.csv's doubles in both hosts
Rscript "$here/panel.R" "$dir"
(cd "$dir" && octave-cli --no-gui -q --norc --eval "
  pkg ('local_list', '$OCTAVE_PKG_LIST');
  pkg load rnnkit; addpath ('$here');
  try, panel ('$dir'); catch e, disp (e.message); exit (1); end_try_catch") 2>&1 |
  grep -v 'ignoring const execution_exception' >"$dir/panel-octave.txt" || true
cat "$dir/panel-octave.txt"
if grep -q 'differ between R and Octave\|^error' "$dir/panel-octave.txt" ||
   ! grep -q "R's model file in Octave keeps its key" "$dir/panel-octave.txt" ||
   ! grep -q "Octave's panel model and its answers written" "$dir/panel-octave.txt" ||
   ! grep -q "R's series embedding in Octave" "$dir/panel-octave.txt" ||
   ! grep -q "R's air.csv panel with a series embedding in Octave" "$dir/panel-octave.txt" ||
   ! grep -q "R's and Octave's fits on compact panel windows" "$dir/panel-octave.txt" ||
   ! grep -q "R's models of panels of 1 and 3 series saved again by Octave" "$dir/panel-octave.txt" ||
   ! grep -q "'Lambda', 'auto' in Octave: the lambdas, windows" "$dir/panel-octave.txt" ||
   ! grep -q "per-series lambda labels .* print alike in R and Octave" "$dir/panel-octave.txt"; then
  echo "cross-host: the panel differs between R and Octave" >&2
  exit 1
fi
Rscript "$here/panel_back.R" "$dir"
Rscript "$here/csv.R" "$dir"
(cd "$dir" && octave-cli --no-gui -q --norc --eval "
  pkg ('local_list', '$OCTAVE_PKG_LIST');
  pkg load rnnkit; addpath ('$here');
  try, csv ('$dir'); catch e, disp (e.message); exit (1); end_try_catch")
# predictions on windows in original units: R's predict() and Octave's
# rnn_predict (..., "Units", "original") on R's models
Rscript "$here/predict_units.R" "$dir"
(cd "$dir" && octave-cli --no-gui -q --norc --eval "
  pkg ('local_list', '$OCTAVE_PKG_LIST');
  pkg load rnnkit; addpath ('$here');
  try, predict_units ('$dir'); catch e, disp (e.message); exit (1); end_try_catch")
# ---- end CSV
# ---- combined target transforms (issue 15): c("log", "sdiff") and
# c("boxcox", "diff", "sdiff") windows, fits, forecasts, accuracy and
# model files, both ways
Rscript "$here/combo.R" "$dir"
(cd "$dir" && octave-cli --no-gui -q --norc --eval "
  pkg ('local_list', '$OCTAVE_PKG_LIST');
  pkg load rnnkit; addpath ('$here');
  try, combo ('$dir'); catch e, disp (e.message); exit (1); end_try_catch") 2>&1 |
  grep -v 'ignoring const execution_exception' >"$dir/combo-octave.txt" || true
cat "$dir/combo-octave.txt"
if ! grep -q "combined transforms: R and Octave agree" "$dir/combo-octave.txt"; then
  echo "cross-host: combined transforms differ between R and Octave" >&2
  exit 1
fi
Rscript "$here/combo_back.R" "$dir"
# ---- end combined transforms
# the README's bundled-data example prints the same text in both hosts
Rscript "$here/djia_example.R" >"$dir/example-r.txt"
(cd "$root" && octave-cli --no-gui -q --norc --eval "
  pkg ('local_list', '$OCTAVE_PKG_LIST'); pkg load rnnkit;
  source ('tests/cross-host/djia_example.m')") 2>&1 |
  grep -v 'ignoring const execution_exception' >"$dir/example-octave.txt" || true
if ! diff "$dir/example-r.txt" "$dir/example-octave.txt"; then
  echo "cross-host: the example's output differs between R and Octave" >&2
  exit 1
fi
cat "$dir/example-octave.txt"
echo "example: identical output in R and Octave"
echo "cross-host: R and Octave agree"
