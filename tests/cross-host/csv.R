# Cross-host, issue 18: the bundled CSV files read by R's read.csv and by
# rnn_read_csv (the core's reader) give the same doubles in R; written
# as raw little-endian doubles (dates as day counts) for csv.m, which
# reads the files with Octave's rnn_read_csv and compares bit for bit.
suppressPackageStartupMessages(library(rnnkit))
args <- commandArgs(TRUE)
dir <- args[1]
for (name in c("djia", "air")) {
  f <- system.file("extdata", paste0(name, ".csv"), package = "rnnkit")
  r <- utils::read.csv(f)
  r$Date <- as.Date(r$Date)
  d <- rnn_read_csv(f)
  stopifnot(identical(names(d), names(r)))
  for (k in names(r)) {
    a <- as.double(unclass(r[[k]]))
    b <- unclass(d[[k]])
    if (!identical(a, b)) stop("csv: ", name, "$", k, " differs between read.csv and rnn_read_csv")
  }
  con <- file(file.path(dir, paste0("csv-", name, ".bin")), "wb")
  writeBin(as.double(c(nrow(r), ncol(r))), con, endian = "little")
  for (k in names(r)) writeBin(as.double(unclass(r[[k]])), con, endian = "little")
  close(con)
  writeLines(names(r), file.path(dir, paste0("csv-", name, ".names")))
}
cat("csv: read.csv and rnn_read_csv give the same doubles in R (djia, air)\n")
