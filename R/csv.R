# rnn_read_csv(): the core's CSV reader (src/core/csv.c), the one Octave's
# rnn_read_csv uses too, so both hosts read a file to the same columns and
# the same doubles. read.csv() stays fine in R; this is the shared way in.

rnn_read_csv <- function(file, delim = NULL, day_first = NA) {
  if (!is.character(file) || length(file) != 1 || is.na(file) || !nzchar(file)) {
    rnnkit_abort("input", "`file` must be one file name, not ", describe(file), ".")
  }
  if (!is.null(delim) && !(is.character(delim) && length(delim) == 1 && !is.na(delim) &&
                           nchar(delim, "bytes") == 1 && !delim %in% c('"', " ", "\n", "\r"))) {
    rnnkit_abort("input", "`delim` must be NULL (detect) or one character such as \",\", \";\" ",
                 "or \"\\t\", not ", if (is.character(delim)) encodeString(delim, quote = '"') else describe(delim), ".")
  }
  if (!(is.logical(day_first) && length(day_first) == 1)) {
    rnnkit_abort("input", "`day_first` must be NA (decide from the dates), TRUE (dd/mm/yyyy) ",
                 "or FALSE (mm/dd/yyyy), not ", describe(day_first), ".")
  }
  if (!file.exists(file) || dir.exists(file)) {
    rnnkit_abort("io", "cannot read '", file, "': there is no such file.")
  }
  raw <- tryCatch(readBin(file, "raw", n = file.size(file)),
                  error = function(e) rnnkit_abort("io", "cannot read '", file, "': ", conditionMessage(e)))
  r <- tryCatch(.Call(rnnkit_read_csv, raw, if (is.null(delim)) "" else delim, day_first),
                rnnkit_error_input = function(e) rnnkit_abort("input", file, ": ", conditionMessage(e)))
  cols <- r$columns
  dates <- r$types == 2L
  cols[dates] <- lapply(cols[dates], function(d) structure(d, class = "Date"))
  names(cols) <- make.names(r$names, unique = TRUE)
  df <- as.data.frame(cols, stringsAsFactors = FALSE, optional = TRUE)
  fm <- r$formats
  names(fm) <- names(cols)
  attr(df, "formats") <- fm
  df
}
