# tools/export_extdata.R
#
# Export the example data shipped in inst/extdata/.
#
# What it does:
#   Reads the `djia` dataset (Dow Jones Industrial Average, daily
#   Open/High/Low/Close/Volume, April 2006 - April 2016) from the CRAN
#   package 'astsa' and writes it to inst/extdata/djia.csv with the header
#   Date,Open,High,Low,Close,Volume (ISO dates, prices exactly as stored in
#   astsa, volume as plain integers, no row names, no quotes). The written
#   file is read back and compared with the source values (exact equality).
#   Checks (NAs, date order, duplicate dates, High/Low consistency) are
#   reported but nothing is altered.
#
# Where the data come from:
#   astsa (Applied Statistical Time Series Analysis) by David Stoffer,
#   https://CRAN.R-project.org/package=astsa . According to ?astsa::djia the
#   data were obtained via the TTR package and Yahoo financial data.
#   If astsa is not installed, it is installed from CRAN into a temporary
#   library that is discarded at the end of the R session. The xts package
#   is not needed: the xts object is read as a plain matrix plus its "index"
#   attribute (seconds since 1970-01-01 UTC).
#
# Licence:
#   astsa, including its data, is distributed under GPL (>= 2).
#   See inst/extdata/README.md for provenance.
#
# Usage (from the repository root):
#   Rscript tools/export_extdata.R

out_dir <- file.path("inst", "extdata")
out_file <- file.path(out_dir, "djia.csv")
if (!dir.exists("inst") || !file.exists(file.path("tools", "export_extdata.R")))
  stop("run this script from the repository root: Rscript tools/export_extdata.R")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

## ---- locate (or temporarily install) astsa ---------------------------------
lib <- NULL
if (!requireNamespace("astsa", quietly = TRUE)) {
  lib <- tempfile("astsa-lib-")
  dir.create(lib)
  message("astsa not found; installing from CRAN into temporary library ", lib)
  install.packages("astsa", lib = lib, repos = "https://cloud.r-project.org")
  if (!requireNamespace("astsa", lib.loc = lib, quietly = TRUE))
    stop("could not install astsa from CRAN")
}
astsa_version <- as.character(utils::packageVersion("astsa", lib.loc = lib))
astsa_path <- find.package("astsa", lib.loc = lib)
cat("astsa version:", astsa_version, "(", astsa_path, ")\n")

## ---- load djia without xts ---------------------------------------------------
env <- new.env()
utils::data("djia", package = "astsa", lib.loc = lib, envir = env)
x <- env$djia
idx <- as.numeric(attr(x, "index"))       # seconds since epoch, UTC
m <- unclass(x)
attributes(m) <- attributes(m)[c("dim", "dimnames")]
cols <- c("Open", "High", "Low", "Close", "Volume")
if (!is.numeric(m) || !identical(colnames(m), cols))
  stop("unexpected djia columns: ", paste(colnames(m), collapse = ", "))
if (length(idx) != nrow(m))
  stop("index length (", length(idx), ") != number of rows (", nrow(m), ")")
dates <- as.Date(as.POSIXct(idx, origin = "1970-01-01", tz = "UTC"))

## ---- format and write ---------------------------------------------------------
fmt_price <- function(v) {
  s <- formatC(v, digits = 15, format = "g")   # up to 15 significant digits
  s[is.na(v)] <- "NA"
  trimws(s)
}
vol <- m[, "Volume"]
if (any(!is.na(vol) & (vol != round(vol) | abs(vol) >= 2^53)))
  stop("Volume is not integer-valued")
fmt_vol <- function(v) {
  s <- formatC(v, format = "f", digits = 0)     # never scientific
  s[is.na(v)] <- "NA"
  trimws(s)
}
out <- data.frame(
  Date   = format(dates, "%Y-%m-%d"),
  Open   = fmt_price(m[, "Open"]),
  High   = fmt_price(m[, "High"]),
  Low    = fmt_price(m[, "Low"]),
  Close  = fmt_price(m[, "Close"]),
  Volume = fmt_vol(vol),
  stringsAsFactors = FALSE
)
utils::write.csv(out, out_file, row.names = FALSE, quote = FALSE)

## ---- verify round trip ----------------------------------------------------------
back <- utils::read.csv(out_file, stringsAsFactors = FALSE)
stopifnot(identical(names(back), c("Date", cols)),
          nrow(back) == nrow(m),
          identical(as.Date(back$Date), dates))
bm <- as.matrix(back[, cols])
storage.mode(bm) <- "double"
dimnames(bm) <- dimnames(m)
rt <- all.equal(bm, m, tolerance = 0)
if (!isTRUE(rt)) stop("round trip failed: ", paste(rt, collapse = "; "))

## ---- report (nothing is modified) ---------------------------------------------
cat("rows:", nrow(out), "\n")
cat("date range:", format(min(dates)), "to", format(max(dates)), "\n")
cat("NAs per column:", paste0(c("Date", cols), "=",
    c(sum(is.na(dates)), colSums(is.na(m))), collapse = " "), "\n")
d <- diff(as.numeric(dates))
cat("dates strictly increasing:", all(d > 0), "\n")
cat("duplicate dates:", sum(duplicated(dates)), "\n")
bad_hi <- which(m[, "High"] < pmax(m[, "Open"], m[, "Close"]))
bad_lo <- which(m[, "Low"] > pmin(m[, "Open"], m[, "Close"]))
cat("rows with High < max(Open, Close):", length(bad_hi), "\n")
cat("rows with Low > min(Open, Close):", length(bad_lo), "\n")
bad <- sort(unique(c(bad_hi, bad_lo)))
if (length(bad)) print(out[bad, ], row.names = FALSE)
cat("wrote", out_file, "(", file.size(out_file), "bytes )\n")

## ---- air.csv: monthly airline passengers, from R's own datasets package ----
# Box, Jenkins & Reinsel's series G: monthly international airline
# passengers (thousands), 1949-01 .. 1960-12, as shipped with every R in
# datasets::AirPassengers. Written as Date (first of the month),Passengers.
air <- datasets::AirPassengers
air_dates <- seq(as.Date("1949-01-01"), by = "month", length.out = length(air))
air_file <- file.path(out_dir, "air.csv")
utils::write.csv(data.frame(Date = format(air_dates, "%Y-%m-%d"), Passengers = as.integer(air)),
                 air_file, row.names = FALSE, quote = FALSE)
air_back <- utils::read.csv(air_file)
stopifnot(identical(as.numeric(air_back$Passengers), as.numeric(air)),
          identical(as.Date(air_back$Date), air_dates))
cat("wrote", air_file, "(", nrow(air_back), "months,", file.size(air_file), "bytes )\n")
