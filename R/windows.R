# rnn_windows(): a series in, scaled windows and targets out, with the
# dates, the split and the scaler kept so that predictions and forecasts
# can be put back into original units and onto the calendar.
#
# The plan (windows, split labels, the rows the scaler is fitted on, the
# scaler), the cutting, missing-value filling, scaling and naive values
# are done by the C core (src/core/series.c, windows.c), so R and Octave
# give identical numbers.

.ohlc <- c("Open", "High", "Low", "Close")

# Column selector for `features`/`target`: names, or whole numbers that
# index the columns as the user gave them (names(data) of a data.frame,
# the date column included; the columns of a matrix, ts or zoo, whose
# index is not a column). The date column and columns that hold no
# numbers are refused, by name or number, with the columns that can be used.
select_columns <- function(s, sel, name, single = FALSE) {
  all <- s$all
  cols <- names(all)
  ok_type <- (is.character(sel) && !anyNA(sel)) ||
    (is.numeric(sel) && all(is.finite(sel)) && all(sel == round(sel)))
  if (!ok_type || length(sel) == 0 || (single && length(sel) != 1)) {
    rnnkit_abort("input", "`", name, "` must be ", if (single) "one column" else "columns",
                 " of `data`, by name or number (it has ", paste(cols, collapse = ", "),
                 "), not ", describe(sel), ".")
  }
  usable <- vapply(all, function(v) is.numeric(v) || is.logical(v), TRUE)
  if (!is.null(s$date_col)) usable[cols == s$date_col] <- FALSE
  use_these <- if (any(usable)) {
    paste0("Use the numeric columns: ", paste(which(usable), cols[usable], collapse = ", "), ".")
  } else {
    "`data` has no numeric column."
  }
  if (is.numeric(sel)) {
    out <- sel < 1 | sel > length(cols)
    if (any(out)) {
      holds <- sub(" [(].*", "", vapply(all, column_holds, ""))
      if (!is.null(s$date_col)) holds[cols == s$date_col] <- "the date column"
      listed <- paste0(seq_along(cols), " ", cols, ifelse(usable, "", paste0(" (", holds, ")")))
      rnnkit_abort("input", "`", name, "` = ", sel[out][1], " asks for column ", sel[out][1],
                   ", but `data` has ", length(cols), " column", if (length(cols) != 1) "s",
                   ": ", paste(listed, collapse = ", "), ".")
    }
    picked <- cols[sel]
    what <- paste0("`", name, "` = ", sel, " is column \"", picked, "\"")
  } else {
    miss <- setdiff(sel, cols)
    if (length(miss)) {
      near <- cols[utils::adist(miss[1], cols, ignore.case = TRUE) <= 2]
      rnnkit_abort("input", "column(s) ", paste0('"', miss, '"', collapse = ", "),
                   " not in `data`; it has ", paste(cols, collapse = ", "), ".",
                   if (length(near)) paste0(' Did you mean "', near[1], '"?'))
    }
    picked <- sel
    what <- paste0("`", name, "` names column \"", picked, "\"")
  }
  k <- match(picked, cols)
  bad <- which(!usable[k])[1]
  if (!is.na(bad)) {
    col <- picked[bad]
    why <- if (identical(col, s$date_col)) {
      paste0(", the date column, which dates the rows: it cannot be a target or a feature",
             if (is.numeric(all[[col]])) " (date = NULL makes it an ordinary column)", ".")
    } else {
      paste0(", which holds ", column_holds(all[[col]]), ", not numbers.")
    }
    rnnkit_abort("input", what[bad], why, " ", use_these)
  }
  unique(picked)
}

# What a column holds, for messages: "text (character)", "dates (Date)".
column_holds <- function(v) {
  if (inherits(v, c("Date", "POSIXt", "yearmon", "yearqtr"))) return(paste0("dates (", class(v)[1], ")"))
  if (is.factor(v)) return("text (factor)")
  if (is.character(v)) return("text (character)")
  if (is.numeric(v) || is.logical(v)) return("numbers")
  if (is.list(v)) return("a list")
  class(v)[1]
}

# Dates of a ts: Date for monthly and quarterly series, else the time.
ts_index <- function(x) {
  tt <- as.numeric(stats::time(x))
  f <- stats::frequency(x)
  if (f %in% c(4, 12)) period_dates(tt, f) else tt
}

# Years with the month (f = 12) or quarter (f = 4) as a fraction, as a
# ts's time or zoo's yearmon / yearqtr hold them -> the Date of the
# period's first day.
period_dates <- function(tt, f = if (inherits(tt, "yearqtr")) 4 else 12) {
  t <- as.numeric(unclass(tt))
  yr <- floor(t + 1e-8)
  per <- round((t - yr) * f) + 1
  as.Date(sprintf("%04d-%02d-01", as.integer(yr), as.integer((per - 1) * 12 / f + 1)))
}

# Names a date column often has; matched ignoring case.
.date_names <- c("date", "time", "datetime", "timestamp", "day", "week", "month", "quarter",
                 "year", "period")

# ISO 8601 forms read from strings: a day, a month (first day), a time.
.iso_day <- "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
.iso_month <- "^[0-9]{4}-[0-9]{2}$"
.iso_time <- "^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?Z?$"

is_iso_text <- function(v) {
  v <- as.character(v)
  v <- v[!is.na(v)]
  length(v) > 0 && all(grepl(.iso_day, v) | grepl(.iso_month, v) | grepl(.iso_time, v))
}

# The date column of a data.frame: the one `date` names; else, by default,
# the one Date/POSIXct (or zoo yearmon) column, the one column of ISO date
# strings, or the one column named like a date (Month, time, DATE, ...).
# NULL if there is none; an error if several qualify.
date_column <- function(df, date) {
  if (date %in% names(df)) return(date)
  if (!identical(date, "Date")) {
    rnnkit_abort("input", "`date` names column \"", date, "\", which `data` does not have; ",
                 "it has ", paste(names(df), collapse = ", "), ". Use date = NULL for none.")
  }
  one <- function(cols, what) {
    if (length(cols) > 1) {
      rnnkit_abort("input", "`data` has several ", what, " (", paste(cols, collapse = ", "),
                   "); name the one that dates the rows, e.g. date = \"", cols[1], "\".")
    }
    cols
  }
  cls <- names(df)[vapply(df, inherits, TRUE, c("Date", "POSIXt", "yearmon", "yearqtr"))]
  if (length(cls)) return(one(cls, "date columns"))
  text <- vapply(df, function(v) is.character(v) || is.factor(v), TRUE)
  iso <- names(df)[text & vapply(df, is_iso_text, TRUE)]
  if (length(iso)) return(one(iso, "columns of ISO dates"))
  named <- names(df)[tolower(names(df)) %in% .date_names]
  # a numeric column named like a date counts only if it increases
  # (Month = 1..12 repeated is a feature, not the time)
  named <- named[vapply(df[named], function(v) {
    is.character(v) || is.factor(v) ||
      (is.numeric(v) && !anyNA(v) && length(v) > 1 && all(diff(as.numeric(v)) > 0))
  }, TRUE)]
  # a text column of dates in another form, whatever its name: refused by
  # as_date_index() with the conversion that fits
  looks <- names(df)[text & vapply(df, function(v) {
    v <- as.character(v)[!is.na(v)]
    length(v) > 0 && all(grepl("^[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}( .*)?$", v) |
                           grepl("^[A-Za-z]{3,9}[- ]?[0-9]{2,4}$", v))
  }, TRUE)]
  named <- union(named, looks)
  if (length(named)) return(one(named, "columns that look like dates"))
  NULL
}

# A date column -> Date, POSIXct or numbers, or an error that says which
# forms are read and how to convert the one given.
as_date_index <- function(v, col) {
  if (is.factor(v)) v <- as.character(v)
  if (inherits(v, "POSIXlt")) v <- as.POSIXct(v)
  if (inherits(v, c("yearmon", "yearqtr"))) v <- period_dates(v)
  if (is.character(v)) {
    ok <- !is.na(v)
    out <- NULL
    if (all(grepl(.iso_day, v[ok]))) {
      out <- as.Date(v, format = "%Y-%m-%d")
    } else if (all(grepl(.iso_month, v[ok]))) {
      out <- as.Date(paste0(v, "-01"), format = "%Y-%m-%d")
    } else if (all(grepl(.iso_time, v[ok]) | grepl(.iso_day, v[ok]))) {
      out <- as.POSIXct(sub("Z$", "", sub("T", " ", v)), tz = "UTC")
    }
    if (is.null(out)) {
      bad <- which(ok & !(grepl(.iso_day, v) | grepl(.iso_month, v) | grepl(.iso_time, v)))[1]
      rnnkit_abort("input", "column `", col, "` holds dates as \"", v[bad], "\" (row ", bad,
                   "), which rnnkit does not read: it takes Date or POSIXct columns, or text in ",
                   "ISO 8601 form (2020-01-31; 2020-01 for a month; 2020-01-31 14:30:00). ",
                   "Convert the column first, e.g. ", date_conversion_hint(v[ok], col), ".")
    }
    if (anyNA(out[ok])) {
      r <- which(ok & is.na(out))[1]
      rnnkit_abort("input", "column `", col, "` has \"", v[r], "\" in row ", r,
                   ", which is not a valid date.")
    }
    v <- out
  }
  if (!inherits(v, c("Date", "POSIXt")) && !is.numeric(v)) {
    rnnkit_abort("input", "column `", col, "` must hold Dates, date-times or numbers, not ",
                 describe(v), ".")
  }
  v
}

# data$col <- as.Date(data$col, "%d/%m/%Y"), with the format that fits
# the strings (both orders when the day and month cannot be told apart).
date_conversion_hint <- function(v, col) {
  conv <- function(fmt, pre = "") {
    x <- if (nzchar(pre)) paste0("paste0(\"", pre, "\", data$", col, ")") else paste0("data$", col)
    paste0("data$", col, " <- as.Date(", x, ", \"", fmt, "\")")
  }
  m <- regmatches(v, regexec("^([0-9]{1,4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,4})", v))
  m <- m[lengths(m) == 6]
  if (length(m)) {
    a <- as.numeric(vapply(m, `[`, "", 2))
    b <- as.numeric(vapply(m, `[`, "", 4))
    sep <- m[[1]][3]
    ylen <- nchar(m[[1]][6])
    yf <- if (ylen == 4) "%Y" else "%y"
    if (nchar(m[[1]][2]) == 4) return(conv(paste0("%Y", sep, "%m", sep, "%d")))
    dmy <- conv(paste0("%d", sep, "%m", sep, yf))
    mdy <- conv(paste0("%m", sep, "%d", sep, yf))
    if (any(a > 12)) return(dmy)
    if (any(b > 12)) return(mdy)
    return(paste0(dmy, " (or \"", paste0("%m", sep, "%d", sep, yf), "\" if the month comes first)"))
  }
  if (all(grepl("^[A-Za-z]{3}-[0-9]{2}$", v))) return(conv("%d-%b-%y", "01-"))
  if (all(grepl("^[A-Za-z]{3}-[0-9]{4}$", v))) return(conv("%d-%b-%Y", "01-"))
  if (all(grepl("^[A-Za-z]{3,9} [0-9]{4}$", v))) return(conv("%d %B %Y", "01 "))
  paste0(conv("<format>"), " (see ?strptime for the format codes)")
}

# Any supported input -> list(df = data.frame of columns, index = dates,
# times or NULL, freq = ts frequency or NA, all = the columns as the user
# gave them (a data.frame's date column included), date_col = its name or
# NULL).
as_series_frame <- function(data, date) {
  freq <- NA_real_
  date_col <- NULL
  if (inherits(data, "tbl_ts")) { # issue 17, R/fable.R
    tf <- tsibble_frame(data, date)
    data <- tf$df
    date <- tf$date
  }
  if (inherits(data, c("xts", "zoo"))) {
    if (!requireNamespace("zoo", quietly = TRUE)) {
      rnnkit_abort("input", "`data` is a ", class(data)[1], " object; install the zoo package to use it.")
    }
    index <- zoo::index(data)
    if (inherits(index, c("yearmon", "yearqtr"))) index <- period_dates(index)
    m <- zoo::coredata(data)
    if (is.null(dim(m))) m <- matrix(m, ncol = 1, dimnames = list(NULL, "value"))
    # unnamed columns are named as those of a vector or matrix
    if (is.null(colnames(m))) colnames(m) <- if (ncol(m) == 1) "value" else paste0("x", seq_len(ncol(m)))
    df <- as.data.frame(m, stringsAsFactors = FALSE)
  } else if (stats::is.ts(data)) {
    freq <- stats::frequency(data)
    index <- ts_index(data)
    m <- unclass(data)
    if (is.null(dim(m))) {
      df <- data.frame(value = as.numeric(m))
    } else {
      df <- as.data.frame(matrix(as.numeric(m), nrow(m), dimnames = list(NULL, colnames(m))))
      if (is.null(colnames(m))) names(df) <- paste0("x", seq_len(ncol(m)))
    }
  } else if (is.data.frame(data)) {
    df <- as.data.frame(data, stringsAsFactors = FALSE)
    all <- df
    index <- NULL
    if (!is.null(date)) {
      if (!(is.character(date) && length(date) == 1 && !is.na(date))) {
        rnnkit_abort("input", "`date` must be the name of the date column (or NULL), not ",
                     describe(date), ".")
      }
      col <- date_column(df, date)
      if (!is.null(col)) {
        index <- as_date_index(df[[col]], col)
        df[[col]] <- NULL
        date_col <- col
      }
    }
  } else if ((is.numeric(data) || is.logical(data)) && !is.object(data) &&
             (is.null(dim(data)) || length(dim(data)) == 2)) {
    m <- if (is.null(dim(data))) matrix(as.double(data), ncol = 1) else data
    if (is.null(colnames(m))) colnames(m) <- if (ncol(m) == 1) "value" else paste0("x", seq_len(ncol(m)))
    df <- as.data.frame(m)
    index <- NULL
  } else {
    rnnkit_abort("input", "`data` must be a data.frame, tsibble, numeric vector or matrix, ts, xts or zoo ",
                 "object, not ", describe(data), ".")
  }
  if (nrow(df) == 0) rnnkit_abort("dim", "`data` has no rows.")
  if (!is.null(index)) {
    if (anyNA(index)) {
      rnnkit_abort("input", "the dates have a missing value in row ", which(is.na(index))[1], ".")
    }
    if (any(diff(as.numeric(index)) <= 0)) {
      r <- which(diff(as.numeric(index)) <= 0)[1]
      rnnkit_abort("input", "the dates must increase; row ", r + 1, " (", format(index[r + 1]),
                   ") does not come after row ", r, " (", format(index[r]), "). Sort the data first.")
    }
  }
  if (!is.data.frame(data)) all <- df
  list(df = df, index = index, freq = freq, tsp = if (stats::is.ts(data)) stats::tsp(data),
       all = all, date_col = date_col)
}

# Default columns: Close from OHLC data, else the single numeric column.
default_columns <- function(df, target, features) {
  num <- names(df)[vapply(df, is.numeric, TRUE)]
  if (is.null(target)) {
    if ("Close" %in% num) {
      target <- "Close"
    } else if (length(num) == 1) {
      target <- num
    } else if (length(features) == 1) {
      target <- features
    } else {
      rnnkit_abort("input", "`target` is needed when `data` has several numeric columns (",
                   paste(num, collapse = ", "), ").")
    }
  }
  if (is.null(features)) {
    features <- if (identical(target, "Close") && all(.ohlc %in% num)) .ohlc else target
  }
  list(target = target, features = features)
}

# A label for row r of a series: its date or time if known.
row_label <- function(index, r) {
  if (is.null(index)) paste0("row ", r) else paste0("row ", r, " (", format(index[r]), ")")
}

# A scaler: list(method, center, scale), named by column.
check_scale <- function(scale, cols) {
  if (is.list(scale)) {
    if (!all(c("method", "center", "scale") %in% names(scale)) || !all(cols %in% names(scale$center))) {
      rnnkit_abort("input", "`scale` as a list must be a model's scaler (list(method, center, scale)) ",
                   "covering the columns ", paste(cols, collapse = ", "), ".")
    }
    return(scale)
  }
  check_choice(scale, names(schema()$scaler), "scale")
}

# issue 15 covariates: the calendar features asked for -> character():
# none, "auto", or kinds of the core's calendar table (wday, month, quarter).
check_calendar <- function(calendar) {
  kinds <- names(schema()$calendar)
  if (is.null(calendar) || identical(calendar, "none")) return(character())
  if (!is.character(calendar) || !length(calendar) || anyNA(calendar) ||
      (length(calendar) > 1 && any(calendar %in% c("auto", "none")))) {
    rnnkit_abort("input", "`calendar` must be \"auto\", \"none\" or some of ",
                 paste0('"', kinds, '"', collapse = ", "), ", not ", describe(calendar), ".")
  }
  if (identical(calendar, "auto")) return("auto")
  bad <- setdiff(calendar, kinds)
  if (length(bad)) {
    rnnkit_abort("input", "unknown calendar feature \"", bad[1], "\"; rnnkit makes ",
                 paste0('"', kinds, '"', collapse = ", "), " (or \"auto\": the one that fits the dates).")
  }
  unique(calendar)
}

# The calendar feature columns (n x 2 per kind: sin and cos of the cycle,
# named <kind>_sin, <kind>_cos) of a date index, from the core
# (rnn_calendar_features). "auto" without dates gives none.
calendar_columns <- function(index, kinds, what = "`data`") {
  if (!length(kinds)) return(NULL)
  if (!inherits(index, c("Date", "POSIXt"))) {
    if (identical(kinds, "auto")) return(NULL)
    rnnkit_abort("input", "calendar features (", paste(kinds, collapse = ", "), ") need dates, but ",
                 what, " has none: give a Date or POSIXct column (or ISO dates), a monthly or ",
                 "quarterly ts, or use calendar = \"none\".")
  }
  days <- if (inherits(index, "POSIXt")) {
    tz <- attr(index, "tzone")
    as.numeric(as.Date(index, tz = if (is.null(tz)) "" else tz[1]))
  } else {
    as.numeric(index)
  }
  cal <- .Call(rnnkit_calendar, as.double(days), kinds)
  if (!ncol(cal)) NULL else cal
}

rnn_windows <- function(data, target = NULL, features = NULL, window = 30, ..., horizon = 1,
                        stride = 1, date = "Date", na = c("error", "omit", "locf"),
                        split = NULL, test = NULL, scale = "minmax", transform = "none",
                        period = NULL, lambda = NULL, calendar = "none", key = NULL,
                        store = "windows") {
  check_dots(list(...), character(), "rnn_windows")
  store <- check_choice(store, c("windows", "series"), "store")
  args <- list(target = target, features = features, window = window, horizon = horizon,
               stride = stride, date = date, na = na, split = split, test = test, scale = scale,
               transform = transform, period = period, lambda = lambda, calendar = calendar)
  # issue 16: a panel (a key column, a tsibble's key or a named list of
  # series) is planned by the same core call, one series at a time
  if (!is.null(key) || is_series_list(data)) {
    return(panel_windows(data, key, args, store))
  }
  si <- do.call(series_input, c(list(data), args), quote = TRUE)
  plan <- series_plan_call(si, window, horizon, stride, compact = store == "series")
  if (!is.null(si$tmeta$lambda_method)) si$tmeta$lambda <- plan$lambda
  windows_object(si, plan, args)
}

# The matrix of one series and what its plan needs, checked (everything
# of rnn_windows() before the core's plan). In a panel (issue 16) a
# series too short for a window is left to the core, which drops it.
series_input <- function(data, target = NULL, features = NULL, window = 30, horizon = 1,
                         stride = 1, date = "Date", na = c("error", "omit", "locf"),
                         split = NULL, test = NULL, scale = "minmax", transform = "none",
                         period = NULL, lambda = NULL, calendar = "none", panel = FALSE) {
  s <- as_series_frame(data, date)
  calendar <- check_calendar(calendar) # issue 15 covariates
  tf <- check_transform(transform, period, lambda, s) # issue 15
  df <- s$df
  if (!is.null(target)) target <- select_columns(s, target, "target")
  if (!is.null(features)) features <- select_columns(s, features, "features")
  cols <- default_columns(df, target, features)
  target <- cols$target
  features <- cols$features
  # a model that predicts all its inputs keeps them in the same order, so
  # it can be fed its own predictions (recursive forecasts)
  if (length(target) > 1 && setequal(target, features)) target <- features
  used <- unique(c(features, target))
  bad <- used[!vapply(df[used], function(v) is.numeric(v) || is.logical(v), TRUE)]
  if (length(bad)) rnnkit_abort("input", "column(s) ", paste(bad, collapse = ", "), " are not numeric.")
  # issue 15 covariates: calendar features are the last columns, unscaled
  cal <- calendar_columns(s$index, calendar)
  if (!is.null(cal)) {
    clash <- intersect(colnames(cal), names(df))
    if (length(clash)) {
      rnnkit_abort("input", "`data` has a column \"", clash[1], "\", the name of a calendar feature; ",
                   "rename it or use calendar = \"none\".")
    }
    df <- cbind(df, as.data.frame(cal))
    features <- c(features, colnames(cal))
    used <- c(used, colnames(cal))
  }
  check_count(window, "window", max = 1e6)
  check_count(horizon, "horizon", max = 1e6)
  check_count(stride, "stride", max = 1e6)
  na <- if (identical(na, c("error", "omit", "locf"))) "error" else check_choice(na, c("error", "omit", "locf"), "na")
  scale <- check_scale(scale, used)
  if (!is.null(cal) && is.list(scale)) {
    scale$center[colnames(cal)] <- 0
    scale$scale[colnames(cal)] <- 1
  }
  n <- nrow(df)
  if (!panel && n < window + horizon) {
    rnnkit_abort("dim", "the data have ", n, " rows, too few for window = ", window,
                 " and horizon = ", horizon, ": need at least ", window + horizon, ".")
  }
  m <- as.matrix(df[used])
  storage.mode(m) <- "double"
  rownames(m) <- NULL
  if (any(is.infinite(m))) {
    k <- which(is.infinite(m))[1]
    rnnkit_abort("input", "`data` has an infinite value in ", row_label(s$index, (k - 1) %% n + 1),
                 ", column ", used[(k - 1) %/% n + 1], ".")
  }
  if (anyNA(m)) {
    k <- which(is.na(m))
    r <- (k - 1) %% n + 1
    first <- k[which.min(r)]
    where <- paste0(row_label(s$index, (first - 1) %% n + 1), ", column ", used[(first - 1) %/% n + 1])
    if (na == "error") {
      rnnkit_abort("input", "`data` has a missing value in ", where, " (", length(k),
                   " in all). Fill or drop it, or use na = \"omit\" (drop the windows that touch ",
                   "it) or na = \"locf\" (carry the last value forward).")
    }
    if (na == "locf") {
      m <- .Call(rnnkit_locf, m)
      if (anyNA(m)) {
        rnnkit_abort("input", "`data` starts with a missing value (", where,
                     "); na = \"locf\" has no earlier value to carry forward. Drop the first rows.")
      }
    }
  }

  check_log_positive(m, target, tf$name, s$index) # issue 15
  # lambda = "auto": 1 until the core's plan estimates it (issue 16, Guerrero)
  auto <- identical(tf$lambda, "auto")
  tmeta <- if (!identical(tf$name, "none")) c(list(transform = tf$name, period = tf$period),
                                    if ("boxcox" %in% tf$name) list(lambda = if (auto) 1 else as.double(tf$lambda)),
                                    if (auto) list(lambda_method = "guerrero"))

  # the split: rows before `split_row` are history the model may learn
  # from. The core plans the windows, their labels, the rows the scaler
  # is fitted on and the scaler, and cuts and scales the windows.
  split_row <- n + 1L
  if (!is.null(split) && !is.null(test)) {
    rnnkit_abort("input", "give `split` (a date) or `test` (a number of windows), not both.")
  }
  if (!is.null(split)) {
    if (is.null(s$index)) {
      rnnkit_abort("input", "`split` needs dates, but `data` has none: no Date or POSIXct column, ",
                   "no column of ISO dates (2020-01-31) and no `date = \"<column>\"`; ",
                   "use `test` = a number of windows.")
    }
    if (length(split) != 1 || is.na(split)) rnnkit_abort("input", "`split` must be one date.")
    sp <- tryCatch(
      if (inherits(s$index, "Date")) as.Date(split) else if (inherits(s$index, "POSIXt")) as.POSIXct(split) else as.numeric(split),
      error = function(e) rnnkit_abort("input", "`split` must be a date like as.Date(\"2015-01-01\"), not ",
                                       describe(split), ".")
    )
    split_row <- which(s$index >= sp)[1]
    if (is.na(split_row)) split_row <- n + 1L
  } else if (!is.null(test)) {
    check_count(test, "test", min = 1, max = 1e9)
  }
  list(s = s, m = m, features = features, target = target, used = used, cal = cal, tf = tf,
       tmeta = tmeta, split_row = split_row, scale = scale, given = is.list(scale), na = na,
       n = n, test = test)
}

# The core's plan (rnnkit_series_plan) of one series, or of a panel
# (rows: the rows of each stacked series, split_rows: their splits).
series_plan_call <- function(si, window, horizon, stride, rows = NULL, split_rows = NULL,
                             center = NULL, scale = NULL, compact = FALSE) {
  given <- si$given
  .Call(rnnkit_series_plan, si$m, match(si$features, si$used), match(si$target, si$used),
        c(list(window = window, horizon = horizon, stride = stride, omit = si$na == "omit",
               split_row = si$split_row, n_test = if (is.null(si$test)) 0L else si$test,
               method = if (given) -1L else si$scale,
               transform = transform_code(si$tmeta), n_unscaled = ncol(si$cal) %||% 0L,
               compact = compact),
          if (identical(si$tmeta$lambda_method, "guerrero")) list(lambda_auto = TRUE, season = si$tf$season),
          if (!is.null(rows)) list(rows = as.integer(rows), split_rows = as.integer(split_rows))),
        if (given) center %||% unname(as.double(si$scale$center[si$used])) else 0,
        if (given) scale %||% unname(as.double(si$scale$scale[si$used])) else 0)
}

# The windows object of one series' plan.
windows_object <- function(si, plan, args) {
  s <- si$s
  m <- si$m
  n <- si$n
  used <- si$used
  features <- si$features
  target <- si$target
  cal <- si$cal
  tmeta <- si$tmeta
  scale <- si$scale
  given <- si$given
  na <- si$na
  window <- args$window
  horizon <- args$horizon
  stride <- args$stride
  date <- args$date
  split <- args$split
  starts <- plan$starts
  set <- plan$set
  split_row <- plan$split_row
  first_target <- starts + as.integer(window)
  if (plan$n_train == 0) {
    rnnkit_abort("dim", "no training window ends before the split at ", row_label(s$index, split_row),
                 "; move the split later or shorten the window.")
  }
  if (!is.null(split) && plan$n_test == 0) {
    rnnkit_abort("dim", "no test window starts on or after the split ", format(split),
                 "; the data end on ", format(s$index[n]), ".")
  }
  if (!given) {
    scale <- list(method = scale, center = stats::setNames(plan$center, used),
                  scale = stats::setNames(plan$scale, used), n_rows = plan$n_fit)
  }
  x <- plan$x
  if (is.null(plan$start)) dimnames(x) <- list(NULL, NULL, features) else
    x <- compact_windows(plan, window, features, nrow(m)) # issue 16: store = "series"
  y <- plan$y
  colnames(y) <- target_names(target, horizon)
  index <- data.frame(start = starts, target_row = first_target, set = set, stringsAsFactors = FALSE)
  if (!is.null(s$index)) index$date <- s$index[first_target]
  structure(
    list(
      x = x, y = if (ncol(y) == 1) y[, 1] else y, index = index,
      naive = structure(plan$naive, dimnames = list(NULL, target)),
      scaler = scale,
      data = list(values = m, index = s$index, freq = s$freq, tsp = s$tsp, split_row = split_row),
      meta = c(list(window = as.integer(window), horizon = as.integer(horizon),
                    stride = as.integer(stride), features = features, target = target,
                    na = na, date = date, target_rows = first_target), tmeta,
                  if (!is.null(cal)) list(calendar = unique(sub("_(sin|cos)$", "", colnames(cal)))))
    ),
    class = "rnnkit_windows"
  )
}

# Output names: "Close", or "Close+1".."Close+h" for direct multi-step.
target_names <- function(target, horizon) {
  if (horizon == 1) return(target)
  paste0(rep(target, each = horizon), "+", rep(seq_len(horizon), length(target)))
}

print.rnnkit_windows <- function(x, ...) {
  if (is_panel(x)) return(print_panel_windows(x)) # issue 16
  d <- dim(x$x)
  m <- x$meta
  cat("<rnnkit_windows> ", d[1], " windows x ", d[2], " timesteps x ", d[3],
      " feature(s) (", paste(m$features, collapse = ", "), ") -> ",
      paste(m$target, collapse = ", "), ", horizon ", m$horizon, "\n", sep = "")
  print_compact_note(x)
  tab <- table(factor(x$index$set, c("train", "test", "gap")))
  idx <- x$data$index
  span <- function(k) {
    if (!length(k) || is.null(idx)) return("")
    paste0(" (targets ", format(idx[min(x$index$target_row[k])]), " to ",
           format(idx[max(x$index$target_row[k])]), ")")
  }
  cat("  training windows: ", tab[["train"]], span(which(x$index$set == "train")), "\n", sep = "")
  if (tab[["test"]] > 0) cat("  test windows:     ", tab[["test"]], span(which(x$index$set == "test")), "\n", sep = "")
  if (!is.null(m$transform)) {
    cat("  target transform: ", transform_label(m), " (undone in predictions and forecasts)\n",
        sep = "")
  }
  if (!is.null(m$calendar)) {
    cat("  calendar features: ", paste(m$calendar, collapse = ", "),
        " (sin and cos of the cycle, not scaled)\n", sep = "")
  }
  sc <- x$scaler
  cat("  scaling: ", sc$method, if (sc$method != "none") paste0(", fitted on the first ", sc$n_rows, " rows"), "\n", sep = "")
  invisible(x)
}

# The windows of one set, as a windows object.
subset_windows <- function(w, keep) {
  if (is.logical(keep)) keep <- which(keep) # or the rows in order (issue 16)
  w$x <- take_samples(w$x, keep)
  w$y <- if (is.null(dim(w$y))) w$y[keep] else w$y[keep, , drop = FALSE]
  w$index <- w$index[keep, , drop = FALSE]
  w$naive <- w$naive[keep, , drop = FALSE]
  w$meta$target_rows <- w$meta$target_rows[keep]
  w
}
