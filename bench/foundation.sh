#!/bin/sh
# Side-by-side seconds per epoch, rnnkit (its default 2 threads) vs PyTorch
# (1 thread, its best setting on this machine), alternating
# runs, 3 repetitions each; prints every run, then medians and ratios.
# Needs the installed rnnkit and Debian's python3-torch.
cd "$(dirname "$0")"
command -v python3 >/dev/null && /usr/bin/python3 -c 'import torch' 2>/dev/null || {
  apt-get update -qq && apt-get install -y -qq python3-torch >/dev/null; }
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
echo "BLAS: $(Rscript -e 'cat(La_library(), extSoftVersion()[["BLAS"]])')"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
out=$(mktemp)
for rep in 1 2 3; do
  for cfg in sine stock; do
    ep=$([ $cfg = sine ] && echo 100 || echo 5)
    Rscript rnnkit_fit.R $cfg $ep | tee -a "$out"
    /usr/bin/python3 torch_fit.py $cfg $ep float64 | tee -a "$out"
    /usr/bin/python3 torch_fit.py $cfg $ep float32 | tee -a "$out"
  done
done
Rscript -e '
d <- read.table(commandArgs(TRUE)[1], col.names = c("who", "cfg", "dtype", "n", "w", "sec"))
m <- aggregate(sec ~ who + cfg + dtype, d, median)
print(m, row.names = FALSE)
for (cf in unique(m$cfg)) {
  r <- m$sec[m$who == "rnnkit" & m$cfg == cf]
  t <- m$sec[m$who == "torch" & m$cfg == cf & m$dtype == "float64"]
  cat(sprintf("%s: rnnkit %.4f s/epoch, torch float64 %.4f s/epoch: %.1fx faster\n", cf, r, t, t / r))
}' "$out"
