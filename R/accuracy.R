# accuracy(): RMSE, MAE, MAPE and MASE in original units, always with the
# naive forecast (the last observed value carried forward) on the same
# targets in the next row, so a model that trails a random walk shows it.
# A model's table adds the seasonal naive (when a period is known) and
# drift baselines (issue 15), and the print names the best one to beat.
#
# MASE divides the MAE by the in-sample MAE of the one-step naive forecast
# on the training rows (Hyndman and Koehler, 2006), or of the seasonal
# naive forecast when the series is seasonal: below 1 beats it.
#
# DA (issue 15) is the directional accuracy in %: of the forecasts whose
# actual value moved from the last observed value, the share that called
# the move's direction (up or down) right. A flat actual is left out; a
# forecast that stays put is a wrong call; the naive row calls no
# direction, so its DA is NA (rnn_accuracy_direction()).
#
# The core computes every number (rnn_series_evaluate(),
# rnn_series_accuracy(), rnn_accuracy() and rnn_naive_scale() in
# src/core/rnnkit.h), so Octave's rnn_accuracy() shows the same bits.

# The in-sample MAE of the naive forecast (lag `period`) of each column of
# v, NA where a column has none (no known difference, or all 0).
naive_scale <- function(v, period = 1L) {
  v <- as.matrix(v)
  storage.mode(v) <- "double"
  stats::setNames(.Call(rnnkit_naive_scale, v, as.integer(period)), colnames(v))
}

# The seasonal period of a model's data for its accuracy table (issue
# 15): the period of an "sdiff" transform, else the ts frequency (> 1),
# else 12 for monthly and 4 for quarterly dates (the core's
# rnn_season_period()), else 0: no snaive row, MASE on the one-step naive
# scale. Octave's season_of() derives it alike (no ts there).
season_of <- function(prep) {
  m <- prep$meta
  d <- prep$data
  if ("sdiff" %in% m$transform && !is.null(m$period)) return(as.integer(m$period))
  f <- d$freq
  if (is.numeric(f) && length(f) == 1 && !is.na(f) && f > 1 && f == round(f)) return(as.integer(f))
  if (inherits(d$index, "Date") && length(d$index) > 1) {
    return(as.integer(.Call(rnnkit_season_period, as.double(d$index))))
  }
  0L
}

# One model row and one naive row per target; a target's columns (the
# steps of a direct model) are scored as one series. `m` is the core's
# table: columns model, naive per target (rnn_series_accuracy), or
# scored here by rnn_accuracy() for predictions and forecasts.
accuracy_table <- function(label, targets, actual, pred, naive, scales, m = NULL, smape = FALSE) {
  if (is.null(m)) {
    # the naive forecast is the last observed value: the origin of the
    # model's directional accuracy, and itself without a direction (DA NA)
    score <- function(p, origin) {
      .Call(rnnkit_accuracy, as.double(actual), as.double(p), unname(as.double(scales)), origin)
    }
    m <- matrix(rbind(score(pred, as.double(naive)), score(naive, NULL)), nrow = 7)
  }
  # the core's columns per target: model, naive, (snaive,) drift (issue
  # 15: rnn_series_accuracy_cols()); a prediction's: model, naive; a forecast's from rnn_forecast_accuracy()
  nb <- ncol(m) %/% length(targets)
  rows <- list(c(label, "naive"), c(label, "naive", "drift"), c(label, "naive", "snaive", "drift"))[[nb - 1]]
  m <- t(m)
  colnames(m) <- c("RMSE", "MAE", "MAPE", "sMAPE", "MASE", "n", "DA")
  df <- data.frame(model = rep(rows, length(targets)), stringsAsFactors = FALSE)
  if (length(targets) > 1) df$target <- rep(targets, each = nb)
  # issue 16: a panel's table adds sMAPE, scale-free like MASE
  keep <- c("RMSE", "MAE", "MAPE", if (smape) "sMAPE", "MASE", "DA", "n")
  df <- cbind(df, as.data.frame(m[, keep, drop = FALSE]))
  df$n <- as.integer(df$n)
  df$DA[is.nan(df$DA)] <- NA # no direction called (the naive row) or none to call
  df$MASE[is.nan(df$MASE)] <- NA # no usable scale (a constant history)
  structure(df, class = c("rnnkit_accuracy", "data.frame"))
}

accuracy.rnnkit_model <- function(object, x, ...) {
  check_dots(list(...), character(), "accuracy")
  prep <- need_prep(object, "accuracy()")
  if (is_panel(prep)) return(accuracy_panel(object, if (!missing(x)) x)) # issue 16
  if (missing(x)) {
    # the test part of the data the model was fit from, labelled by the
    # core as rnn_windows() labels it: a direct model is not scored on the
    # newest windows, whose later steps lie beyond the data
    if (prep$data$split_row > nrow(prep$data$values)) {
      rnnkit_abort("input", "the model was fit without a test part (`split` or `test`); ",
                   "pass test data: accuracy(model, x).")
    }
    ps <- predict_series(object, stored_series(prep), set = "stored")
  } else {
    if (inherits(x, "rnnkit_windows") && !any(x$index$set %in% "test")) {
      rnnkit_abort("input", "these windows have no test part; make them with `split` or `test`, ",
                   "or pass a new series.")
    }
    ps <- predict_series(object, x, score = TRUE)
  }
  accuracy_table(ps$model, prep$meta$target, m = ps$acc)
}

# The data a model was fit from, as a data.frame in original units.
stored_series <- function(prep) {
  df <- as.data.frame(prep$data$values)
  if (!is.null(prep$data$index)) {
    df <- cbind(stats::setNames(list(prep$data$index), prep$meta$date %||% "Date"), df)
    df <- as.data.frame(df)
  }
  df
}

`%||%` <- function(a, b) if (is.null(a)) b else a

accuracy.rnnkit_prediction <- function(object, ...) {
  check_dots(list(...), character(), "accuracy")
  outs <- attr(object, "outputs")
  col <- function(what) {
    if (length(outs) == 1) matrix(object[[what]]) else
      sapply(outs, function(o) object[[paste0(what, ".", o)]])
  }
  sc <- attr(object, "scored")
  if (!is.null(sc)) {
    key <- list(col("actual"), col("predicted"), col("naive"), object$set)
    for (k in 1:3) dimnames(key[[k]]) <- dimnames(sc$key[[k]])
    if (identical(key, sc$key)) { # unchanged: the core's table, baselines and all
      return(accuracy_table(attr(object, "model"), attr(object, "targets"), m = sc$table))
    }
  }
  keep <- if (!is.null(object$set) && any(object$set %in% "test")) object$set %in% "test" else TRUE
  a <- col("actual")[keep, , drop = FALSE]
  if (all(is.na(a))) rnnkit_abort("dim", "these predictions have no known actual values.")
  accuracy_table(attr(object, "model"), attr(object, "targets"), a,
                 col("predicted")[keep, , drop = FALSE], col("naive")[keep, , drop = FALSE],
                 attr(object, "mase_scale"))
}

accuracy.rnnkit_forecast <- function(object, x, ...) {
  check_dots(list(...), character(), "accuracy")
  h <- length(object$mean)
  if (missing(x)) rnnkit_abort("input", "accuracy(forecast, x) needs the actual values that followed.")
  if (is.numeric(x) && is.null(dim(x)) && !stats::is.ts(x) && !inherits(x, c("zoo", "xts"))) {
    v <- as.numeric(x)
    index <- NULL
  } else {
    s <- as_series_frame(x, "Date")
    col <- if (object$series %in% names(s$df)) object$series else if (ncol(s$df) == 1) names(s$df) else
      rnnkit_abort("input", "`x` has no column \"", object$series, "\".")
    if (!is.numeric(s$df[[col]])) {
      rnnkit_abort("input", "column `", col, "` of `x` must be numeric, not ", describe(s$df[[col]]), ".")
    }
    v <- as.numeric(s$df[[col]])
    index <- s$index
  }
  if (is.null(index)) {
    # no dates: the values that followed the data, the first one at step 1
    pos <- seq_len(h)
    pos[pos > length(v)] <- NA
    where <- "the first values of `x`"
  } else {
    pos <- match_forecast_dates(object, index)
    where <- "`x`"
  }
  actual <- v[pos]
  n_in <- sum(!is.na(pos))
  if (n_in == 0) {
    rnnkit_abort("dim", "the forecast and `x` do not overlap: the forecast covers ",
                 date_range(object$dates), ", `x` ",
                 if (is.null(index)) paste0("has ", length(v), " values") else date_range(index),
                 ". Pass the actual values of the forecast's dates.")
  }
  if (n_in < h) {
    inform_partial(paste0("`x` covers ", n_in, " of the ", h, " forecast steps (",
                          date_range(object$dates[!is.na(pos)]), "); accuracy is over those (column n)."))
  }
  # the core scores the forecast beside naive, snaive (a known season) and
  # drift from the same origin (rnn_forecast_accuracy())
  period <- if (is.null(object$period)) 0L else as.integer(object$period)
  m <- .Call(rnnkit_forecast_accuracy, as.double(object$x), as.double(actual),
             as.double(object$mean), period)
  accuracy_table(object$method, object$series, m = m)
}

# "2016-01-01 to 2016-12-01 (12 dates)"
date_range <- function(d) {
  if (length(d) == 0) return("nothing")
  paste0(format(d[1]), " to ", format(d[length(d)]), " (", length(d),
         if (inherits(d, c("Date", "POSIXt"))) " dates" else " steps", ")")
}

inform_partial <- function(msg) {
  message(structure(class = c("rnnkit_message_partial", "rnnkit_message", "message", "condition"),
                    list(message = paste0(msg, "\n"), call = NULL)))
}

# Positions in `index` of the forecast's dates (NA where none). Monthly,
# quarterly and yearly forecasts match by period, so a month dated on its
# first day matches the same month dated on its last; else dates, date-
# times or times (of a ts) must agree.
match_forecast_dates <- function(object, index) {
  fd <- object$dates
  if (inherits(fd, "Date") && inherits(index, "POSIXt")) index <- as.Date(format(index))
  if (inherits(fd, "POSIXt") && inherits(index, "Date")) fd <- as.Date(format(fd))
  dated <- c(inherits(fd, c("Date", "POSIXt")), inherits(index, c("Date", "POSIXt")))
  if (dated[1] != dated[2]) {
    what <- function(d) if (inherits(d, c("Date", "POSIXt"))) "dates" else "numbers (times or rows)"
    rnnkit_abort("input", "the forecast is indexed by ", what(fd), " (", date_range(fd), ") but `x` by ",
                 what(index), " (", date_range(index), "); give `x` with the same kind of index ",
                 "(a data.frame with a date column, a monthly or quarterly ts, a zoo or xts series), ",
                 "or the values that followed as a plain numeric vector.")
  }
  if (inherits(fd, "Date")) { # by period or by day, in the core (rnn_match_dates())
    return(as.integer(.Call(rnnkit_match_dates, as.double(fd), as.double(object$history_dates),
                            as.double(index))))
  }
  # times of a ts (fractions of a year) or of date-times: equal to a
  # thousandth of a step
  hd <- as.numeric(c(object$history_dates, fd))
  st <- if (length(hd) > 1) abs(stats::median(diff(hd))) else 1
  if (!is.finite(st) || st == 0) st <- 1
  match(round(as.numeric(fd) / st * 1000), round(as.numeric(index) / st * 1000))
}

print.rnnkit_accuracy <- function(x, digits = 4, ...) {
  df <- as.data.frame(unclass(x), stringsAsFactors = FALSE)
  num <- intersect(c("RMSE", "MAE", "MAPE", "sMAPE", "MASE", "DA"), names(df))
  df[num] <- lapply(df[num], signif, digits = digits)
  names(df)[names(df) == "DA"] <- "DA %"
  print(df, row.names = FALSE)
  base <- c("naive", "snaive", "drift")
  cat("naive = the last observed value carried forward; ",
      if ("snaive" %in% x$model) "snaive = the value one season back; ",
      if ("drift" %in% x$model) "drift = the last value plus the mean training change per step; ",
      "MAPE in %; MASE < 1 beats the in-sample ",
      if ("snaive" %in% x$model) "seasonal ", "naive forecast",
      if ("DA" %in% names(x)) "; DA % = the share of up/down moves from the last value called right",
      ".\n", sep = "")
  # the baseline to beat: the best baseline row by RMSE (issue 15); in a
  # panel's table (issue 16) the best pooled row by the scale-free MASE
  key <- attr(x, "key")
  crit <- if (is.null(key)) "RMSE" else "MASE"
  rows <- if (is.null(key)) seq_len(nrow(x)) else which(x[[key]] == "(pooled)")
  if (!is.null(key)) {
    cat("(pooled) = the mean over the ", length(unique(x[[key]])) - 1,
        " series of the scale-free sMAPE and MASE.\n", sep = "")
  }
  by <- if (is.null(x$target)) list(rows) else split(rows, x$target[rows])
  for (k in by) {
    m <- k[!x$model[k] %in% base]
    b <- k[x$model[k] %in% base]
    if (!length(m) || !length(b) || all(is.na(x[[crit]][b]))) next
    b <- b[which.min(x[[crit]][b])]
    cat("The baseline to beat", if (!is.null(key)) " over the panel",
        if (!is.null(x$target)) paste0(" on ", x$target[m]), " is ",
        x$model[b], " (", crit, " ", signif(x[[crit]][b], digits), "); the model ",
        if (isTRUE(x[[crit]][m] < x[[crit]][b])) "beats it" else "does NOT beat it",
        " (", crit, " ", signif(x[[crit]][m], digits), ").\n", sep = "")
  }
  invisible(x)
}
