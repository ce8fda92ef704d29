# The tidyverts (issue 17): LSTM(), GRU() and RNN() as models for
# fabletools::model(), and tsibble input for rnn_windows() and rnn_fit().
#
# fabletools, fable, tsibble and distributional are in Suggests: nothing
# here runs unless they are installed. A fable model is a thin shell
# around an rnnkit model: train() windows the series with rnn_windows()
# and fits it with rnn_fit(), forecast() and generate() take the paths
# rnnkit's core simulates (forecast.rnnkit_model()), so every number is
# the one rnn_fit() and forecast() give outside fable.

# A tsibble -> list(df = a data.frame, date = the column that dates the
# rows). yearmonth, yearquarter and yearweek indices become the Date of
# the period's first day, so the core still finds the monthly or
# quarterly period (seasonal differences, seasonal naive). Daily trading
# data are re-indexed by trading day in fpp3 (mutate(day = row_number())
# |> update_tsibble(index = day)); the real dates are then the one Date
# column left, and they date the rows for printing and plotting.
tsibble_frame <- function(data, date) {
  if (!requireNamespace("tsibble", quietly = TRUE)) {
    rnnkit_abort("input", "`data` is a tsibble; install the tsibble package to use it.")
  }
  keys <- tsibble::key_vars(data)
  nk <- tsibble::n_keys(data)
  if (nk > 1) {
    rnnkit_abort("input", "`data` is a tsibble of ", nk, " series (key ", paste(keys, collapse = ", "),
                 "); rnn_windows() and rnn_fit() take one. Filter one series, or fit one model ",
                 "per series with fabletools::model(data, LSTM(...)).")
  }
  idx <- tsibble::index_var(data)
  df <- as.data.frame(data)
  class(df) <- "data.frame"
  df[keys] <- NULL
  v <- df[[idx]]
  if (inherits(v, c("yearmonth", "yearquarter", "yearweek"))) df[[idx]] <- as.Date(v)
  if (identical(date, "Date")) {
    is_date <- vapply(df, inherits, TRUE, c("Date", "POSIXt"))
    others <- setdiff(names(df)[is_date], idx)
    date <- if (!is_date[[idx]] && length(others) == 1) others else idx
  }
  # the trading-day count is the index, not a measurement: the real dates
  # date the rows and the count is not offered as a column
  if (!identical(date, idx)) df[[idx]] <- NULL
  list(df = df, date = date)
}

# A keyed tsibble -> list(data = rnn_windows() of each key, named by its
# key values ("a/x"), args = `args` without the windowing options), for
# rnn_fit_many().
tsibble_split <- function(data, args) {
  wnames <- setdiff(names(formals(rnn_windows)), c("data", "..."))
  wargs <- args[intersect(names(args), wnames)]
  keys <- tsibble::key_vars(data)
  kd <- tsibble::key_data(data)
  labels <- if (length(keys)) do.call(paste, c(unname(as.list(kd[keys])), sep = "/")) else "1"
  out <- lapply(kd$.rows, function(r) do.call(rnn_windows, c(list(data[r, ]), wargs)))
  list(data = stats::setNames(out, labels), args = args[setdiff(names(args), wnames)])
}

need_tidyverts <- function(what) {
  miss <- c("fabletools", "tsibble", "distributional")
  miss <- miss[!vapply(miss, requireNamespace, TRUE, quietly = TRUE)]
  if (length(miss)) {
    rnnkit_abort("input", what, " needs the package(s) ", paste(miss, collapse = ", "),
                 "; install them with install.packages(c(",
                 paste0('"', miss, '"', collapse = ", "), ")).")
  }
}

LSTM <- function(formula, ...) fable_model("lstm", "LSTM", rlang::enquo(formula), list(...))
GRU <- function(formula, ...) fable_model("gru", "GRU", rlang::enquo(formula), list(...))
RNN <- function(formula, ...) fable_model("simple", "RNN", rlang::enquo(formula), list(...))

# Options of rnn_windows() a fable model takes besides those of rnn_fit().
.fable_window_options <- c("transform", "period", "lambda", "scale", "na")

fable_model <- function(cell, label, formula, args) {
  need_tidyverts(paste0(label, "()"))
  if (length(args) && (is.null(names(args)) || any(names(args) == ""))) {
    rnnkit_abort("input", label, "() takes the formula, then named options of rnn_fit() ",
                 "(units = 16, epochs = 50, ...).")
  }
  bad <- intersect(names(args), c("cell", "x", "y", "window", "horizon", "features", "target"))
  if (length(bad)) {
    rnnkit_abort("input", label, "() sets `", bad[1], "` itself: ",
                 if (bad[1] == "window") "give it as a special, LSTM(log(Close) ~ window(30))" else
                   "the formula's left side is the target, and the model forecasts it recursively", ".")
  }
  check_dots(args, c(fit_option_names(), .fable_window_options), label,
             call = sys.call(-1), fn = sys.function(-1))
  # the seed is drawn here, once, in the session that calls model():
  # fabletools fits the keys one after another, or in parallel through
  # future (with its own random streams) when future is attached, and the
  # fits (and forecasts, seeded from it) are the same either way
  if (is.null(args$seed)) args$seed <- core_seed_number()
  cls <- fabletools::new_model_class(label, train = fable_train, specials = fable_specials(label))
  do.call(fabletools::new_model_definition, c(list(cls, formula, cell = cell, label = label), args))
}

fable_specials <- function(label) {
  fabletools::new_specials(
    window = function(n = 30) {
      check_count(n, "window(n)", max = 1e6)
      as.integer(n)
    },
    # exogenous columns: bare column names of the tsibble, whose future
    # values forecast() takes from fabletools' new_data
    xreg = function(...) {
      cols <- rlang::enexprs(...)
      ok <- vapply(cols, is.name, TRUE)
      if (!length(cols) || !all(ok)) {
        rnnkit_abort("input", label, "() takes columns of the data in xreg(), like xreg(Volume, ",
                     "Open), not ", if (length(cols)) deparse(cols[[which(!ok)[1]]]) else "nothing",
                     ". Compute a derived regressor as a column first (mutate()).")
      }
      # the columns' values where the data (model$data, the data mask of
      # the call) have them: refit() gets only the response from fabletools
      nm <- vapply(cols, as.character, "")
      env <- rlang::quo_get_env(rlang::enquos(...)[[1]])
      vals <- lapply(nm, function(n) {
        # .data[[n]]: the data mask's pronoun, built as a call (no global .data)
        tryCatch(rlang::eval_tidy(rlang::call2("[[", rlang::sym(".data"), n), env = env),
                 error = function(e) NULL)
      })
      list(names = nm, values = stats::setNames(vals, nm))
    },
    # calendar features (rnn_windows(calendar = )): "auto" picks them from
    # the dates; "wday", "month", "quarter" name them; fable's numeric
    # periods 7, 12 and 4 are the same cycles
    # The real dates of a trading-day index (fpp3's re-indexing) go with
    # the special, so refit() has them too (fabletools hands refit() only
    # the response and the index)
    season = function(period = "auto") {
      if (is.numeric(period) && length(period) && all(period %in% c(7, 12, 4))) {
        period <- c(`7` = "wday", `12` = "month", `4` = "quarter")[as.character(period)]
      }
      kinds <- c("wday", "month", "quarter")
      if (!is.character(period) || !length(period) || anyNA(period) ||
          !all(period %in% c("auto", kinds)) || ("auto" %in% period && length(period) > 1)) {
        rnnkit_abort("input", label, "()'s season() takes \"auto\" (calendar features from the ",
                     "dates), or some of ", paste0('"', kinds, '"', collapse = ", "),
                     " (or fable's periods 7, 12, 4), not ", deparse(period), ".")
      }
      self <- get0("self", envir = environment(), inherits = TRUE)
      d <- if (is.environment(self)) self$data
      dates <- NULL
      if (tsibble::is_tsibble(d) && !inherits(d[[tsibble::index_var(d)]], c("Date", "POSIXt"))) {
        is_date <- vapply(as.list(d), inherits, TRUE, c("Date", "POSIXt"))
        if (sum(is_date) == 1) dates <- as.list(d)[is_date]
      }
      list(period = unname(period), dates = dates)
    },
    .required_specials = "window"
  )
}

# The left side of the formula -> the column, rnnkit's transform, and the
# transform fabletools sees (log, box_cox), which it undoes itself on the
# distributions, fitted values and sample paths we hand back: those are
# given on its scale (`fwd`), the core's forecasts in original units being
# transformed once more.
fable_lhs <- function(lhs, label) {
  none <- list(transform = NULL, period = NULL, lambda = NULL, fwd = identity, inv = identity)
  if (is.name(lhs)) return(c(list(column = as.character(lhs)), none))
  bad <- function() {
    rnnkit_abort("input", label, "() takes a column, log(column) or box_cox(column, lambda) ",
                 "on the left of the formula, not ", deparse(lhs), ". For differences, give ",
                 "transform = \"diff\", \"logdiff\" or \"sdiff\" (with period = ) as an option.")
  }
  if (!is.call(lhs) || length(lhs) < 2 || !is.name(lhs[[2]])) bad()
  f <- lhs[[1]]
  # fabletools::box_cox(Close, 0.5) as well as box_cox(Close, 0.5)
  if (is.call(f) && identical(f[[1]], as.name("::"))) f <- f[[3]]
  f <- as.character(f)
  col <- as.character(lhs[[2]])
  if (f == "log" && length(lhs) == 2) {
    return(list(column = col, transform = "log", period = NULL, lambda = NULL, fwd = log, inv = exp))
  }
  if (f == "box_cox" && length(lhs) == 3) {
    lambda <- eval(lhs[[3]], baseenv())
    return(list(column = col, transform = "boxcox", period = NULL, lambda = lambda,
                fwd = function(x) fabletools::box_cox(x, lambda),
                inv = function(x) fabletools::inv_box_cox(x, lambda)))
  }
  bad()
}

fable_train <- function(.data, specials, cell, label, ..., transform = NULL, period = NULL,
                        lambda = NULL, scale = "minmax", na = "error") {
  # fabletools calls train() as a method of the model definition (an R6
  # object): `self` is in the enclosing environment, and self$data is the
  # series before fabletools' transform of the response
  self <- get("self", envir = parent.env(environment()))
  raw <- self$data
  tf <- fable_lhs(fabletools::model_lhs(self), label)
  # log(Close) with transform = "diff" is the log return ("logdiff");
  # with another difference it is a combination (c("log", "sdiff")), which
  # rnn_windows() takes where combined transforms are available (issue 15)
  if (!is.null(tf$transform) && !is.null(transform)) {
    transform <- if (tf$transform == "log" && identical(transform, "diff")) "logdiff" else
      c(tf$transform, transform)
  } else if (!is.null(tf$transform)) {
    transform <- tf$transform
  }
  wargs <- list(transform = transform,
                period = period, lambda = if (is.null(tf$lambda)) lambda else tf$lambda,
                scale = scale, na = na)
  wargs <- wargs[!vapply(wargs, is.null, TRUE)]
  window <- specials$window[[1]]
  xreg <- unique(unlist(lapply(specials$xreg, `[[`, "names")))
  calendar <- unique(unlist(lapply(specials$season, `[[`, "period")))
  if (length(calendar) > 1 && "auto" %in% calendar) calendar <- "auto"
  if (!is.null(calendar)) wargs$calendar <- calendar
  missing_xreg(xreg, raw, label, "the data")
  if (tf$column %in% xreg) {
    rnnkit_abort("input", label, "() reads ", tf$column, " already (the left side of the formula); ",
                 "leave it out of xreg().")
  }
  w <- do.call(rnn_windows, c(list(raw, target = tf$column, features = c(tf$column, xreg),
                                   window = window), wargs))
  fit <- rnn_fit(w, cell = cell, ...)
  structure(list(model = fit, lhs = tf, wargs = wargs, window = window, label = label, xreg = xreg,
                 fit_args = c(list(cell = cell), list(...)), n = nrow(raw),
                 index = raw[[tsibble::index_var(raw)]]),
            class = "rnnkit_fable")
}

# Paths (npaths x h, original units) -> a dist_sample vector of h, on
# fabletools' scale.
paths_dist <- function(paths, fwd) {
  paths <- fwd(paths)
  distributional::dist_sample(lapply(seq_len(ncol(paths)), function(j) paths[, j]))
}

forecast.rnnkit_fable <- function(object, new_data = NULL, specials = NULL, times = 1000,
                                  seed = NULL, ...) {
  h <- NROW(new_data)
  # without a seed, the model's: the same forecast whatever the future plan
  if (is.null(seed)) seed <- object$fit_args$seed
  fc <- forecast.rnnkit_model(object$model, h = h, level = NULL, npaths = times, seed = seed,
                              newdata = fable_newdata(object, new_data))
  paths_dist(fc$paths, object$lhs$fwd)
}

# Refuses xreg() columns that `data` lacks.
missing_xreg <- function(xreg, data, label, what) {
  miss <- setdiff(xreg, names(data))
  if (length(miss)) {
    rnnkit_abort("input", label, "() reads the exogenous column(s) ", paste(miss, collapse = ", "),
                 " (xreg()), which ", what, " lack(s). ",
                 if (what == "new_data") paste0(
                   "Give their future values: forecast(fit, new_data = future), where future is ",
                   "new_data(data, h) with the column(s) ", paste(miss, collapse = ", "), " added.") else
                   "Give columns of the tsibble.")
  }
}

# fabletools' future tsibble -> the `newdata` forecast.rnnkit_model()
# takes: the history the model was trained on, followed by one row per
# future step whose target is NA and whose xreg() columns hold new_data's
# values (NULL without xreg(): calendar features need only the dates).
fable_newdata <- function(object, new_data) {
  xreg <- object$xreg
  if (!length(xreg)) return(NULL)
  missing_xreg(xreg, new_data, object$label, "new_data")
  d <- object$model$prep$data
  tg <- object$model$prep$meta$target
  h <- NROW(new_data)
  hist <- as.data.frame(d$values[, c(tg, xreg), drop = FALSE])
  fut <- as.data.frame(stats::setNames(c(rep(list(rep(NA_real_, h)), length(tg)),
                                         lapply(xreg, function(v) as.double(new_data[[v]]))),
                                       c(tg, xreg)))
  out <- rbind(hist, fut)
  if (!is.null(d$index)) {
    out <- cbind(stats::setNames(list(c(d$index, next_dates(d$index, h))),
                                 object$model$prep$meta$date), out)
  }
  out
}

# Future sample paths, one per .rep: rnnkit's simulation (bootstrapped
# one-step residuals fed back through the network), or, where fabletools
# gives innovations (.innov: generate(bootstrap = TRUE) draws them from
# residuals()), the paths those errors drive, computed in the core.
generate.rnnkit_fable <- function(x, new_data, specials = NULL, seed = NULL, ...) {
  reps <- if (".rep" %in% names(new_data)) new_data[[".rep"]] else rep("1", NROW(new_data))
  rep_id <- match(reps, unique(reps))
  h <- max(tabulate(rep_id))
  step <- stats::ave(rep_id, rep_id, FUN = seq_along)
  innov <- NULL
  if (".innov" %in% names(new_data)) {
    if (any(tabulate(rep_id) != h)) {
      rnnkit_abort("input", "generate() with `.innov` needs the same number of future steps in every ",
                   ".rep; given ", paste(unique(tabulate(rep_id)), collapse = ", "), ".")
    }
    # residuals() are on the scale of the model's transform: so are they
    innov <- matrix(NA_real_, max(rep_id), h)
    innov[cbind(rep_id, step)] <- as.double(new_data[[".innov"]])
  }
  # the paths share one future of the xreg() columns: the first .rep's
  fc <- forecast.rnnkit_model(x$model, h = h, level = NULL, npaths = max(rep_id), seed = seed,
                              newdata = fable_newdata(x, new_data[rep_id == 1, ]), innov = innov)
  new_data[[".sim"]] <- x$lhs$fwd(fc$paths[cbind(rep_id, step)])
  new_data
}

# One value per row of the data, NA where no window ends (the first
# `window` rows), on fabletools' scale (it undoes log / box_cox itself).
fable_padded <- function(object, v) {
  out <- rep(NA_real_, object$n)
  out[object$model$fitted_rows] <- v
  out
}

fitted.rnnkit_fable <- function(object, ...) {
  fable_padded(object, object$lhs$fwd(as.numeric(fitted.rnnkit_model(object$model))))
}

# The innovations: the one-step errors the core bootstraps (the model's
# residuals, on its scale) times the target's scaler, i.e. on the scale of
# the model's transform (log errors under log and logdiff, Box-Cox under
# boxcox, else in units): the scale generate() takes them back on
# (.innov). With a transform on the formula's left side that is
# fabletools' scale too.
residuals.rnnkit_fable <- function(object, ...) {
  m <- object$model
  tg <- m$prep$meta$target[1]
  fable_padded(object, as.numeric(m$residuals[, 1]) * m$prep$scaler$scale[[tg]])
}

model_sum.rnnkit_fable <- function(x) {
  paste0(x$label, "(", x$model$config$units, "), w", x$window,
         if (n_members(x$model) > 1) paste0(", x", n_members(x$model)))
}

report.rnnkit_fable <- function(object, ...) {
  print(summary(object$model))
  invisible(object)
}

glance.rnnkit_fable <- function(x, ...) {
  h <- x$model$history
  last <- h[nrow(h), ]
  tibble::tibble(loss = last$loss, val_loss = last$val_loss, epochs = nrow(h),
                 parameters = length(x$model$params), window = x$window,
                 units = x$model$config$units)
}

# The weight matrices in long form: one row per weight.
tidy.rnnkit_fable <- function(x, ...) {
  rows <- list()
  cf <- coef(x$model)
  for (layer in names(cf)) {
    for (term in names(cf[[layer]])) {
      w <- cf[[layer]][[term]]
      m <- if (is.null(dim(w))) matrix(w, ncol = 1, dimnames = list(names(w), "1")) else w
      rows[[length(rows) + 1]] <- data.frame(
        layer = layer, term = term, row = rep(rownames(m), ncol(m)),
        col = rep(colnames(m), each = nrow(m)), estimate = as.numeric(m),
        stringsAsFactors = FALSE)
    }
  }
  tibble::as_tibble(do.call(rbind, rows))
}

# The model on new data (stretch_tsibble() cross-validation): with
# reestimate = FALSE the weights and the scaler are kept and only the
# data the forecasts start from, and the residuals intervals bootstrap,
# are those of `new_data`; with reestimate = TRUE it is trained again
# with the same options (seed included).
refit.rnnkit_fable <- function(object, new_data, specials = NULL, reestimate = FALSE, ...) {
  raw <- as.data.frame(new_data)
  class(raw) <- "data.frame"
  # fabletools hands the response on its scale (log(Close), in column
  # Close): back to units
  resp <- tsibble::measured_vars(new_data)[1]
  y <- object$lhs$inv(new_data[[resp]])
  raw[[resp]] <- NULL
  raw[[object$lhs$column]] <- y
  # ... and the xreg() columns through the specials, evaluated on new_data,
  # and the real dates of a trading-day index through season()'s
  for (sx in specials$xreg) {
    for (v in sx$names) raw[[v]] <- sx$values[[v]]
  }
  for (ss in specials$season) {
    for (v in names(ss$dates)) raw[[v]] <- ss$dates[[v]]
  }
  missing_xreg(object$xreg, raw, object$label, "the new data")
  raw <- tsibble::as_tsibble(raw, index = tsibble::index_var(new_data))
  wargs <- object$wargs
  if (!isTRUE(reestimate)) wargs$scale <- object$model$prep$scaler
  w <- do.call(rnn_windows, c(list(raw, target = object$lhs$column,
                                   features = c(object$lhs$column, object$xreg),
                                   window = object$window), wargs))
  if (isTRUE(reestimate)) {
    fit <- do.call(rnn_fit, c(list(w), object$fit_args))
  } else {
    fit <- object$model
    tw <- subset_windows(w, w$index$set == "train")
    fit$prep <- list(meta = w$meta, scaler = w$scaler, data = w$data)
    fit$residuals <- as.matrix(tw$y) - .Call(rnnkit_predict, fit$config, fit$params, tw$x)
    dimnames(fit$residuals) <- list(NULL, w$meta$target)
    fit$fitted_rows <- tw$index$target_row
  }
  object$model <- fit
  object$n <- nrow(raw)
  object$index <- raw[[tsibble::index_var(raw)]]
  object
}
