# Cross-host test of token models, R side 2: Octave's token models load
# in R and equal R's own fits element for element (but the version
# string).
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
ok <- TRUE
for (k in 1:4) {
  r <- unclass(rnn_load(file.path(dir, sprintf("r_tok%d.rnnk", k))))
  o <- unclass(rnn_load(file.path(dir, sprintf("o_tok%d.rnnk", k))))
  keep <- setdiff(names(r), "version")
  same <- identical(names(o), names(r)) && identical(o[keep], r[keep])
  cat(sprintf("token fit %d: Octave's model in R %s R's own fit\n", k,
              if (same) "equals" else "DIFFERS FROM"))
  if (!same) print(all.equal(o, r))
  ok <- ok && same
}
if (!ok) stop("cross-host: R and Octave disagree on token models")
