# Target transforms (issue 15): "diff", "log", "logdiff" (log returns),
# "sdiff" (seasonal differences) and "boxcox" of the target columns, applied before
# the scaler and undone after it. The names come from the core's schema
# and the arithmetic is the core's (src/core/transform.c), so R and
# Octave transform and invert alike; R only checks the arguments.

# list(name, period, lambda): the transform checked, the seasonal period
# of "sdiff" from `period`, the ts frequency, or monthly (12) / quarterly
# (4) dates (the core's rnn_season_period()), and the power of "boxcox".
# A combination (issue 15) is a character vector of steps in the order
# they are applied, e.g. c("log", "sdiff"); the core checks the order.
check_transform <- function(transform, period, lambda, s) {
  if (!(is.character(transform) && length(transform) %in% 1:4 && !anyNA(transform))) {
    rnnkit_abort("input", "`transform` must be a name or a combination of up to 4 names ",
                 "(e.g. \"logdiff\" or c(\"log\", \"sdiff\")), not ", describe(transform), ".")
  }
  transform <- vapply(transform, check_choice, "", names(schema()$transform), "transform",
                      USE.NAMES = FALSE)
  label <- paste0('"', paste(transform, collapse = '", "'), '"')
  if ("boxcox" %in% transform) {
    if (!(is.numeric(lambda) && length(lambda) == 1 && is.finite(lambda)) && !identical(lambda, "auto")) {
      rnnkit_abort("input", "transform = \"boxcox\" needs `lambda`, one finite number ",
                   "(0 is the log, 0.5 a square root, 1 a shift) or \"auto\" (estimated per series ",
                   "on its training rows, Guerrero's method), not ", describe(lambda), ".")
    }
  } else if (!is.null(lambda)) {
    rnnkit_abort("input", "`lambda` is the power of a Box-Cox transform; it needs ",
                 "transform = \"boxcox\", not ", label, ".")
  }
  if (!"sdiff" %in% transform) {
    if (!is.null(period)) {
      rnnkit_abort("input", "`period` is the lag of a seasonal difference; it needs ",
                   "transform = \"sdiff\", not ", label, ".")
    }
    return(list(name = transform, period = 0L, lambda = lambda,
                season = if (identical(lambda, "auto")) lambda_season(s) else 0L))
  }
  if (is.null(period)) {
    period <- lambda_season(s)
    if (period < 1) {
      rnnkit_abort("input", "transform = \"sdiff\" needs a seasonal period: the data are neither ",
                   "a ts with a frequency nor monthly or quarterly dates; give `period` ",
                   "(e.g. period = 12 for monthly data, 5 for trading days in a week).")
    }
  }
  check_count(period, "period", max = 1e6)
  list(name = transform, period = as.integer(period), lambda = lambda, season = 0L)
}

# The seasonal period of a series: a ts frequency, else 12 or 4 for
# monthly or quarterly dates (the core's rnn_season_period()), else 0;
# the group length of lambda = "auto" without "sdiff".
lambda_season <- function(s) {
  if (!is.na(s$freq) && s$freq > 1 && s$freq == round(s$freq)) return(as.integer(s$freq))
  if (inherits(s$index, "Date") && length(s$index) > 1) {
    return(as.integer(.Call(rnnkit_season_period, as.double(s$index))))
  }
  0L
}

# How print() and summary() name a transform: "sdiff, period 12", or for
# a combination "log, then sdiff, period 12".
transform_label <- function(meta) {
  tf <- meta$transform
  paste0(paste(tf, collapse = ", then "),
         if ("sdiff" %in% tf) paste0(", period ", meta$period),
         if ("boxcox" %in% tf) lambda_label(meta$lambda, meta$lambda_method))
}

# ", lambda 0.5", or for estimated ones ", lambda 0.2788 (Guerrero)" and
# for a panel's ", lambda -0.12 .. 1.3 (Guerrero, per series, median 0.4)":
# the smallest, median and largest lambda are the core's
# (rnn_lambda_summary(), NA ones left out), the numbers Octave prints.
lambda_label <- function(lambda, method) {
  est <- identical(method, "guerrero")
  if (length(lambda) == 1) {
    return(paste0(", lambda ", format(lambda, digits = 4), if (est) " (Guerrero)"))
  }
  r <- vapply(.Call(rnnkit_lambda_summary, as.double(lambda)), format, "", digits = 3)
  paste0(", lambda ", r[1], " .. ", r[3], " (", if (est) "Guerrero, ", "per series, median ",
         r[2], ")")
}

# The transform of a model or windows (meta) for the core: double
# c(code, period, lambda, codes of further steps), or NULL for none (models
# from before transforms too).
transform_code <- function(meta) {
  tf <- meta$transform %||% "none"
  if (identical(tf, "none")) return(NULL)
  codes <- unlist(schema()$transform[tf], use.names = FALSE)
  if (length(codes) != length(tf)) {
    rnnkit_abort("input", "the target transform ", describe(tf), " is not one this rnnkit knows.")
  }
  as.double(c(codes[1], meta$period %||% 0, meta$lambda %||% 0, codes[-1]))
}

# Logs need positive values: say which column, row and date do not have
# them (the core refuses them too, naming the row).
check_log_positive <- function(m, target, tf, index) {
  if (!any(tf %in% c("log", "logdiff", "boxcox"))) return(invisible())
  tf <- paste(tf, collapse = "\", \"")
  for (t in target) {
    k <- which(m[, t] <= 0)[1]
    if (!is.na(k)) {
      rnnkit_abort("input", "transform = \"", tf, "\" takes logs or powers, but column ", t, " holds ",
                   format(m[k, t]), " in ", row_label(index, k), ". They need positive values; ",
                   "use transform = \"diff\" for a series that reaches zero or below.")
    }
  }
  invisible()
}

# Fitted values (pred) and actual values in original units of a model on
# transformed windows: the core inverts the training windows' scaled
# outputs y - residuals from the series observed before each window.
fitted_transformed <- function(object) {
  prep <- object$prep
  meta <- prep$meta
  used <- names(prep$scaler$center)
  v <- prep$data$values[, used, drop = FALSE]
  ctr <- unname(as.double(prep$scaler$center[used]))
  scl <- unname(as.double(prep$scaler$scale[used]))
  tf <- transform_code(meta)
  plan <- .Call(rnnkit_series_plan, v, match(meta$features, used), match(meta$target, used),
                list(window = meta$window, horizon = meta$horizon, stride = 1L,
                     omit = identical(meta$na, "omit"), split_row = nrow(v) + 1L, n_test = 0L,
                     method = -1L, transform = tf), ctr, scl)
  k <- match(object$fitted_rows, plan$starts + meta$window)
  yhat <- plan$y[k, , drop = FALSE] - object$residuals
  ev <- .Call(rnnkit_series_eval, v, match(meta$target, used), meta$horizon,
              as.integer(object$fitted_rows), yhat, ctr, scl, NULL, v, 0L, 1L, tf)
  outs <- target_names(meta$target, meta$horizon)
  colnames(ev$pred) <- colnames(ev$actual) <- outs
  ev
}
