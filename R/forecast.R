# forecast(): the next h values from the end of the data, with
# prediction intervals from sample paths simulated in C
# (src/core/forecast.c) with bootstrapped one-step residuals and centred
# on the point forecast, or split-conformal ones by horizon from the
# errors of rolling origins the model did not train on (issue 15).
#
# `forecast` and `accuracy` are the generics of the generics package, the
# same ones the forecast package uses, so forecast::forecast(fit) and
# forecast::accuracy(fc, test) reach rnnkit's methods, and the result is
# also of class "forecast" for autoplot() where that package is installed.

# Names other packages use for the number of steps ahead (`h` here).
.h_names <- c(n = "h", n.ahead = "h", n_ahead = "h", horizon = "h", steps = "h", periods = "h")

# The next h dates after `index`, from the core (rnn_next_dates()):
# trading days for daily data without weekends, months, quarters or years
# for such data, else the median step; of the index's class.
next_dates <- function(index, h) {
  d <- .Call(rnnkit_next_dates, as.double(index), inherits(index, "Date"), as.integer(h))
  attributes(d) <- attributes(index[length(index)])
  d
}

# The newest `window` rows of a series (original units) and their index.
# issue 15 covariates: rows of newdata after the last observed target
# (target NA) are the future: `future` holds their columns (NULL: none).
forecast_origin <- function(object, newdata) {
  prep <- object$prep
  if (is.null(newdata)) {
    return(list(values = prep$data$values, index = prep$data$index, freq = prep$data$freq,
                tsp = prep$data$tsp))
  }
  future <- NULL
  meta <- prep$meta
  tg <- meta$target
  exo <- setdiff(meta$features, c(tg, calendar_names(meta$calendar)))
  s <- if (length(exo) && meta$horizon == 1) as_series_frame(newdata, meta$date)
  if (!is.null(s) && all(tg %in% names(s$df))) {
    seen <- which(stats::complete.cases(s$df[tg]))
    last <- if (length(seen)) max(seen) else 0L
    if (last >= 1 && last < nrow(s$df)) {
      future <- s$df[seq(last + 1L, nrow(s$df)), , drop = FALSE]
      newdata <- if (stats::is.ts(newdata)) {
        stats::window(newdata, end = stats::time(newdata)[last])
      } else {
        utils::head(newdata, last)
      }
    }
  }
  mw <- model_windows(object, newdata)
  list(values = mw$values, index = mw$index, freq = mw$freq, tsp = mw$tsp, future = future)
}

# The column names of calendar features: month -> month_sin, month_cos.
calendar_names <- function(kinds) {
  if (!length(kinds)) return(character())
  paste0(rep(kinds, each = 2), c("_sin", "_cos"))
}

# issue 15 covariates: the h x n_in matrix of the inputs' known future
# values (original units; NA for the fed-back targets): the calendar
# features of the forecast dates (core), the exogenous columns from the
# rows of newdata after the last observed target. h - 1 rows are read.
forecast_future <- function(meta, o, dates, h) {
  f <- meta$features
  fut <- matrix(NA_real_, h, length(f), dimnames = list(NULL, f))
  cal <- calendar_columns(dates, meta$calendar, "the forecast")
  if (!is.null(cal)) fut[, colnames(cal)] <- cal
  exo <- setdiff(f, c(meta$target, colnames(cal)))
  if (length(exo) && h > 1) {
    how <- paste0("Give `newdata` = the series followed by at least ", h - 1, " row(s) whose ",
                  paste(meta$target, collapse = ", "), " is NA and whose ", paste(exo, collapse = ", "),
                  " hold(s) the known future values (row k after the last observed value is step k); ",
                  "or fit with horizon = h for direct h-step forecasts.")
    if (is.null(o$future)) {
      rnnkit_abort("input", "this model reads ", paste(exo, collapse = ", "), " but does not predict ",
                   if (length(exo) > 1) "them" else "it", ": a ", h, "-step recursive forecast needs ",
                   if (length(exo) > 1) "their" else "its", " values at the next ", h - 1, " step(s). ", how)
    }
    nf <- min(nrow(o$future), h - 1)
    if (nrow(o$future) < h - 1) {
      rnnkit_abort("dim", "`newdata` has ", nrow(o$future), " future row(s) (after the last observed ",
                   paste(meta$target, collapse = ", "), "); a ", h, "-step forecast needs ", h - 1, ". ",
                   how, " Or use h = ", nrow(o$future) + 1, ".")
    }
    v <- as.matrix(o$future[seq_len(nf), exo, drop = FALSE])
    if (!all(is.finite(v))) {
      k <- which(!is.finite(v))[1]
      rnnkit_abort("input", "the future value of ", exo[(k - 1) %/% nf + 1], " at step ",
                   (k - 1) %% nf + 1, " is missing; ", how)
    }
    fut[seq_len(nf), exo] <- v
  }
  fut
}

forecast.rnnkit_model <- function(object, h = NULL, level = c(80, 95), ..., npaths = 1000,
                                  newdata = NULL, seed = NULL, series = NULL,
                                  intervals = c("paths", "conformal"), innov = NULL,
                                  key = NULL) {
  check_dots(list(...), character(), "forecast", hints = .h_names)
  prep <- need_prep(object, "forecast()")
  if (is_panel(prep)) { # issue 16: per key, or a new series
    if (!is.null(innov)) {
      rnnkit_abort("input", "`innov` is for a model fit on one series; this one was fit on a ",
                   "panel: forecast each key without it.")
    }
    return(forecast_panel(object, h, key, newdata,
                          list(level = level, npaths = npaths, seed = seed, series = series,
                               intervals = intervals)))
  }
  if (!is.null(key)) {
    rnnkit_abort("input", "`key` is for a model fit on a panel (rnn_windows(data, key = ...)); ",
                 "this one was fit on one series.")
  }
  meta <- prep$meta
  direct <- meta$horizon > 1
  if (!direct && !all(meta$target %in% meta$features)) {
    rnnkit_abort("input", "this model reads ", paste(meta$features, collapse = ", "), " but predicts ",
                 paste(meta$target, collapse = ", "), ", which it does not read, so it cannot feed its ",
                 "forecasts back in. Fit with horizon = h for direct h-step forecasts, or with the ",
                 "target among the features for recursive ones.")
  }
  # issue 15 covariates: inputs that are not targets are fed their known values
  covariates <- !direct && !identical(meta$target, meta$features)
  if (is.null(h)) h <- if (direct) meta$horizon else 10
  check_count(h, "h", max = if (direct) meta$horizon else 1e5)
  if (!is.null(level) && (!is.numeric(level) || anyNA(level) || any(level <= 0 | level >= 100))) {
    rnnkit_abort("input", "`level` must be percentages between 0 and 100, like c(80, 95).")
  }
  level <- sort(unique(level))
  intervals <- check_choice(intervals[1], c("paths", "conformal"), "intervals")
  conformal <- identical(intervals, "conformal")
  check_count(npaths, "npaths", min = 0, max = 1e6)
  # conformal bands come from held-out errors, not from paths
  if (conformal) npaths <- 0
  if (length(level) && npaths < 20 && !conformal) {
    rnnkit_abort("input", "prediction intervals need npaths >= 20 simulated paths (1000 is the default); ",
                 "use level = NULL for point forecasts only.")
  }
  if (!is.null(innov)) {
    # issue 17: the paths' errors given (fabletools' bootstrapped innovations)
    if (!is.numeric(innov) || !identical(dim(innov), as.integer(c(npaths, h))) || anyNA(innov)) {
      rnnkit_abort("input", "`innov` must be a numeric npaths x h matrix (", npaths, " x ", h,
                   ") without missing values; given ",
                   if (is.null(dim(innov))) paste("a vector of", length(innov)) else
                     paste(dim(innov), collapse = " x "), ".")
    }
    if (direct || conformal || length(meta$target) > 1) {
      rnnkit_abort("input", "`innov` drives the paths of a recursive model with one target and ",
                   "intervals = \"paths\"; this one is ",
                   if (direct) "direct" else if (conformal) "conformal" else "multi-target", ".")
    }
  }
  if (is.null(series)) series <- if ("Close" %in% meta$target) "Close" else meta$target[1]
  series <- check_choice(series, meta$target, "series")
  o <- forecast_origin(object, newdata)
  n <- nrow(o$values)
  f <- meta$features
  # the core takes the newest window, slices, unscales and takes the
  # quantiles (rnn_forecast_series())
  spec <- list(values = matrix(as.double(o$values[, f]), n), window = as.integer(meta$window),
               locf = identical(meta$na, "locf"), center = unname(as.double(prep$scaler$center[f])),
               scale = unname(as.double(prep$scaler$scale[f])), direct = direct,
               horizon = as.integer(meta$horizon), h = as.integer(h), target = match(series, meta$target),
               target_center = prep$scaler$center[[series]], target_scale = prep$scaler$scale[[series]],
               history = as.double(o$values[, series]), resid = object$residuals,
               npaths = as.integer(npaths), levels = as.double(level),
               transform = transform_code(meta), transformed = as.integer(f %in% meta$target),
               conformal = conformal, heldout = TRUE,
               n_trained = as.integer(prep$data$split_row - 1L),
               innov = if (!is.null(innov)) matrix(as.double(innov), npaths))
  dates <- if (is.null(o$index)) n + seq_len(h) else next_dates(o$index, h)
  if (covariates) {
    spec$from <- match(f, meta$target) - 1L
    spec$from[is.na(spec$from)] <- -1L
    spec$future <- unname(forecast_future(meta, o, dates, h))
  }
  if (n_series(object$config)[1] > 0) spec <- series_spec(spec, object, h, direct, meta)
  res <- .Call(rnnkit_forecast, object$config, object$params, spec, core_seed(seed))
  nl <- length(level)
  if (nl) colnames(res$lower) <- colnames(res$upper) <- paste0(level, "%")
  # ts versions for the forecast package's methods
  tsp0 <- if (!is.null(o$tsp)) o$tsp else c(1, n, 1)
  fr <- tsp0[3]
  hist <- stats::ts(o$values[, series], start = tsp0[1], frequency = fr)
  start_f <- tsp0[2] + 1 / fr
  structure(
    list(
      method = paste0(model_label(object), if (direct) " (direct)" else " (recursive)"),
      series = series, mean = stats::ts(res$point, start = start_f, frequency = fr),
      lower = if (nl) stats::ts(res$lower, start = start_f, frequency = fr),
      upper = if (nl) stats::ts(res$upper, start = start_f, frequency = fr),
      level = if (nl) level, x = hist, dates = dates,
      history_dates = if (is.null(o$index)) seq_len(n) else o$index,
      paths = res$paths, npaths = npaths, direct = direct, intervals = if (nl) intervals,
      n_calib = if (conformal && nl) res$n_calib, n_heldout = res$n_heldout,
      naive_mae = unname(naive_scale(as.numeric(hist))), period = season_of(prep)
    ),
    class = c("rnnkit_forecast", "forecast")
  )
}

# The forecast package's layout ("Point Forecast", "Lo 80", "Hi 80", ...,
# which its autoplot() reads), with the dates as row names and a last
# column `date`.
as.data.frame.rnnkit_forecast <- function(x, row.names = NULL, optional = FALSE, ...) {
  df <- data.frame(`Point Forecast` = as.numeric(x$mean), check.names = FALSE)
  for (k in seq_along(x$level)) {
    df[[paste("Lo", x$level[k])]] <- as.numeric(x$lower[, k])
    df[[paste("Hi", x$level[k])]] <- as.numeric(x$upper[, k])
  }
  df$date <- x$dates
  row.names(df) <- if (is.null(row.names)) format(x$dates) else row.names
  df
}

print.rnnkit_forecast <- function(x, digits = 4, ...) {
  cat("Forecast of ", x$series, " by ", x$method, ", ", length(x$mean), " step",
      if (length(x$mean) != 1) "s", "\n", sep = "")
  df <- as.data.frame(x)
  num <- names(df) != "date"
  dec <- forecast_decimals(unlist(df[num]), digits)
  df[num] <- lapply(df[num], function(v) formatC(v, format = "f", digits = dec))
  print(cbind(Date = df$date, df[num]), row.names = FALSE, right = TRUE)
  if (length(x$level)) cat(interval_note(x), "\n", sep = "")
  invisible(x)
}

# Which errors drove the intervals (issue 15): the paths bootstrap the
# in-sample one-step residuals of the training windows, which tend to be
# too small; conformal bands rank the errors of held-out rolling origins.
interval_note <- function(x) {
  if (identical(x$intervals, "conformal")) {
    n <- x$n_calib
    paste0("Conformal intervals from the errors of ", n[1], " held-out rolling origin",
           if (n[1] != 1) "s", if (length(n) > 1) paste0(" (", n[length(n)], " at step ", length(n), ")"),
           " the model did not train on")
  } else if (isTRUE(x$n_heldout > 0)) {
    paste0("Intervals from ", x$npaths, " simulated paths centred on the point forecast, with\n",
           "bootstrapped out-of-sample one-step errors (", x$n_heldout, " held-out rows)")
  } else {
    paste0("Intervals from ", x$npaths, " simulated paths centred on the point forecast, with\n",
           "bootstrapped in-sample residuals: intervals may be too narrow;\n",
           "intervals = \"conformal\" calibrates them on held-out rows")
  }
}

# Decimals that show the values to `digits` significant digits at their
# scale and their spread to 3, so returns (0.0213) and index points
# (17832) both read well.
forecast_decimals <- function(v, digits = 4) {
  v <- v[is.finite(v)]
  if (!length(v)) return(2L)
  big <- max(abs(v))
  spread <- diff(range(v))
  d <- c(if (big > 0) digits - 1 - floor(log10(big)), if (spread > 0) 2 - floor(log10(spread)))
  as.integer(min(10, max(0, d)))
}

plot.rnnkit_forecast <- function(x, n_history = 120, main = NULL, xlab = "", ylab = NULL, ...) {
  check_count(n_history, "n_history", min = 0)
  d <- forecast_plot_data(x, n_history)
  hd <- d$hd
  hv <- d$hv
  fd <- d$fd
  fn <- as.numeric(fd)
  yl <- ylim_with_legend(c(hv, x$mean, x$lower, x$upper))
  xl <- range(c(if (length(hd)) as.numeric(hd), fn))
  graphics::plot(if (length(hd)) as.numeric(hd) else fn, if (length(hd)) hv else as.numeric(x$mean),
                 type = "l", xlim = xl, ylim = yl, col = "grey20", xlab = xlab, xaxt = "n",
                 ylab = if (is.null(ylab)) x$series else ylab,
                 main = if (is.null(main)) paste("Forecast of", x$series, "by", x$method) else main, ...)
  date_axis(1, if (length(hd)) c(hd, fd) else fd)
  for (k in rev(seq_along(x$level))) {
    graphics::polygon(c(fn, rev(fn)), c(x$lower[, k], rev(x$upper[, k])),
                      col = grDevices::adjustcolor("steelblue", alpha.f = 0.2 + 0.15 * (length(x$level) - k)),
                      border = NA)
  }
  graphics::lines(fn, as.numeric(x$mean), col = "steelblue4", lwd = 2)
  if (length(hd)) {
    graphics::lines(c(as.numeric(hd[length(hd)]), fn[1]), c(hv[length(hv)], x$mean[1]),
                    col = "steelblue4", lty = 3)
  }
  nl <- length(x$level)
  legend_band(c("history", "forecast", if (nl) paste0(paste(x$level, collapse = "/"), "% intervals")),
              lwd = c(1, 2, if (nl) 8), col = c("grey20", "steelblue4",
                                                 if (nl) grDevices::adjustcolor("steelblue", 0.35)))
  invisible(x)
}

# issue 16: the forecast spec of a model with a series embedding reads
# the view's series index (model_x()) as a last input, a covariate whose
# future is known: unscaled, untransformed, never fed back.
series_spec <- function(spec, object, h, direct, meta) {
  idx <- as.double(object$series_index %||% -1L)
  n <- nrow(spec$values)
  spec$values <- cbind(spec$values, rep(idx, n))
  spec$center <- c(spec$center, 0)
  spec$scale <- c(spec$scale, 1)
  spec$transformed <- c(spec$transformed, 0L)
  if (!direct) {
    if (is.null(spec$from)) {
      spec$from <- match(meta$features, meta$target) - 1L
      spec$future <- matrix(NA_real_, h, length(meta$features))
    }
    spec$from <- c(spec$from, -1L)
    spec$future <- cbind(spec$future, rep(idx, h))
  }
  spec
}
