# Helpers shared by the plot methods, the backtest plot, and autoplot()
# for forecasts.
#
# Legends go in a band added above the data, so they never cover it; date
# axes always show the year; lines break where rows are missing.

# y limits with a band of `frac` of the data's range on top for a
# one-line legend.
ylim_with_legend <- function(y, frac = 0.2) {
  r <- suppressWarnings(range(y, na.rm = TRUE, finite = TRUE))
  if (!all(is.finite(r))) r <- c(0, 1)
  d <- diff(r)
  if (d == 0) d <- max(abs(r[1]), 1) * 0.1
  c(r[1], r[2] + frac * d)
}

# A one-line legend in that band.
legend_band <- function(legend, ...) {
  graphics::legend("top", legend = legend, horiz = TRUE, bty = "n", cex = 0.85,
                   inset = 0.01, seg.len = 1.6, x.intersp = 0.6, ...)
}

# Tick labels for a date (or date-time) axis that always carry the year:
# "2016" over several years, "Feb 2016" over months, "03 Feb 2016" over
# days; date-times within two days show the time.
date_axis <- function(side, x) {
  if (!inherits(x, c("Date", "POSIXt"))) {
    graphics::axis(side)
    return(invisible())
  }
  usr <- graphics::par("usr")[if (side %in% c(1, 3)) 1:2 else 3:4]
  if (inherits(x, "Date")) {
    lim <- as.Date(usr, origin = "1970-01-01")
    span <- as.numeric(diff(lim))
  } else {
    lim <- as.POSIXct(usr, origin = "1970-01-01", tz = attr(x, "tzone") %||% "")
    span <- as.numeric(diff(lim), units = "days")
  }
  at <- pretty(lim, n = 6)
  at <- at[as.numeric(at) >= usr[1] & as.numeric(at) <= usr[2]]
  graphics::axis(side, at = as.numeric(at), labels = format(at, date_format(at, span)))
  invisible()
}

# The format of date ticks `at` over `span` days, by the ticks' spacing.
date_format <- function(at, span) {
  step <- if (length(at) > 1) {
    stats::median(as.numeric(diff(at), units = "days"))
  } else {
    span / 5
  }
  if (step >= 360) "%Y" else if (step >= 28) "%b %Y" else if (step >= 1) "%d %b %Y" else "%d %b %H:%M"
}

# x, y as numbers with NA rows where the dates jump by more than a hole's
# worth of steps (windows dropped by na = "omit"), so lines() breaks there.
# Calendar dates allow weekends and holidays (5 median steps); row numbers
# and times must follow each other (1.5 steps).
break_gaps <- function(x, ...) {
  ys <- list(...)
  xn <- as.numeric(x)
  if (length(xn) < 3) return(c(list(x = xn), ys))
  d <- diff(xn)
  step <- stats::median(d[d > 0])
  lim <- if (inherits(x, "Date")) 5 * step else 1.5 * step
  gap <- which(d > lim)
  if (!length(gap)) return(c(list(x = xn), ys))
  ins <- function(v) c(v, rep(NA, length(gap)))[order(c(seq_along(v), gap + 0.5))]
  c(list(x = ins(xn)), lapply(ys, ins))
}

# plot() of an rnn_backtest(): a metric at each origin for the model and
# the naive forecast, with their means over the origins dashed.
plot.rnnkit_backtest <- function(x, metric = "RMSE", target = NULL, main = NULL, xlab = "",
                                 ylab = NULL, ...) {
  metric <- check_choice(metric, c("RMSE", "MAE", "MAPE", "MASE"), "metric")
  df <- as.data.frame(unclass(x), stringsAsFactors = FALSE)
  if (!is.null(df$target)) {
    if (is.null(target)) target <- df$target[1]
    target <- check_choice(target, unique(df$target), "target")
    df <- df[df$target == target, , drop = FALSE]
  }
  models <- unique(df$model)
  cols <- c("firebrick", "grey30", "steelblue4", "darkgreen")[seq_along(models)]
  at <- df$date[df$model == models[1]]
  y <- df[[metric]]
  graphics::plot(as.numeric(df$date), y, type = "n", ylim = ylim_with_legend(y, 0.25), xaxt = "n",
                 xlab = xlab, ylab = if (is.null(ylab)) paste0(metric, if (metric == "MAPE") " (%)") else ylab,
                 main = if (is.null(main)) {
                   paste0("Backtest: ", metric, " at ", length(at), " origins",
                          if (!is.null(target)) paste0(" (", target, ")"))
                 } else main, ...)
  date_axis(1, at)
  for (k in seq_along(models)) {
    r <- df$model == models[k]
    graphics::lines(as.numeric(df$date[r]), df[[metric]][r], type = "b", pch = 19, col = cols[k], lwd = 1.5)
    graphics::abline(h = mean(df[[metric]][r], na.rm = TRUE), col = cols[k], lty = 2)
  }
  legend_band(c(models, "mean over origins"), col = c(cols, "grey50"), lty = c(rep(1, length(models)), 2),
              pch = c(rep(19, length(models)), NA), lwd = 1.5)
  invisible(x)
}

# ggplot2's autoplot() for rnnkit forecasts (registered when ggplot2 is
# loaded): the forecast package's autoplot.forecast() would put the rows
# of a daily series on the x-axis, since a ts cannot hold trading days.
autoplot.rnnkit_forecast <- function(object, n_history = 120, ...) {
  check_dots(list(...), character(), "autoplot")
  if (!requireNamespace("ggplot2", quietly = TRUE)) {
    rnnkit_abort("input", "autoplot() needs the ggplot2 package; plot(fc) draws the same forecast.")
  }
  check_count(n_history, "n_history", min = 0)
  d <- forecast_plot_data(object, n_history)
  g <- ggplot2::ggplot()
  if (length(object$level)) {
    bands <- do.call(rbind, lapply(rev(seq_along(object$level)), function(k) {
      data.frame(date = d$fd, lower = as.numeric(object$lower[, k]), upper = as.numeric(object$upper[, k]),
                 level = paste0(object$level[k], "%"))
    }))
    bands$level <- factor(bands$level, levels = paste0(rev(object$level), "%"))
    g <- g + ggplot2::geom_ribbon(ggplot2::aes(x = date, ymin = lower, ymax = upper, fill = level),
                                  data = bands) +
      ggplot2::scale_fill_manual(values = vapply(0.2 + 0.15 * (seq_along(object$level) - 1),
                                                 grDevices::adjustcolor, "", col = "steelblue"),
                                 name = "interval")
  }
  if (length(d$hd)) {
    g <- g + ggplot2::geom_line(ggplot2::aes(x = date, y = value),
                                data = data.frame(date = d$hd, value = d$hv), colour = "grey20",
                                na.rm = TRUE)
  }
  g <- g + ggplot2::geom_line(ggplot2::aes(x = date, y = value),
                              data = data.frame(date = d$fd, value = as.numeric(object$mean)),
                              colour = "steelblue4", linewidth = 1) +
    ggplot2::labs(title = paste("Forecast of", object$series, "by", object$method), x = NULL,
                  y = object$series)
  # dates labelled with their year, as plot() does
  all_d <- c(d$hd, d$fd)
  lab <- function(b) {
    span <- as.numeric(diff(range(all_d)), units = "days")
    out <- format(b, date_format(b[!is.na(b)], span))
    out[is.na(b)] <- ""
    out
  }
  if (inherits(all_d, "Date")) g <- g + ggplot2::scale_x_date(labels = lab)
  if (inherits(all_d, "POSIXt")) g <- g + ggplot2::scale_x_datetime(labels = lab)
  g
}

# The history shown (the last n_history values and their dates) and the
# forecast's dates.
forecast_plot_data <- function(x, n_history) {
  nh <- length(x$x)
  keep <- seq.int(max(1, nh - n_history + 1), nh)[n_history > 0]
  list(hd = x$history_dates[keep], hv = as.numeric(x$x)[keep], fd = x$dates)
}

utils::globalVariables(c("date", "lower", "upper", "level", "value", "key"))
