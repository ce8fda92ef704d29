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
# issue 14: a file with quotes, missing values, UTF-8 text and day-first
# dates, read by R's rnn_read_csv here and by Octave's in csv.m (the one
# reader of src/gw/file.c): the same names, formats, text and numbers
mixed <- file.path(dir, "csv-mixed.csv")
writeBin(charToRaw(enc2utf8(paste0("id;name;when;x\n1;\"a;b\";25/12/2020;1.5\n",
                                   "2;;26/12/2020;\n3;zo\u00eb;27/12/2020;NaN\n"))), mixed)
d <- rnn_read_csv(mixed)
stopifnot(identical(d$name, c("a;b", "", "zo\u00eb")), is.na(d$x[2]), is.nan(d$x[3]))
writeLines(enc2utf8(c(names(d), unname(attr(d, "formats")), d$name)),
           file.path(dir, "csv-mixed.txt"), useBytes = TRUE)
con <- file(file.path(dir, "csv-mixed.bin"), "wb")
writeBin(c(d$id, as.double(d$when), d$x), con, endian = "little")
close(con)
cat("csv: a mixed file (quotes, missing values, UTF-8, day-first dates) written for Octave\n")
