# Every .Call gateway of rnnkit (src/r_rnnkit.c) under gctorture(TRUE): a
# garbage collection at every allocation frees any object a gateway
# forgot to PROTECT at once, so a PROTECT bug shows as a crash or as a
# result that differs from the same call without torture.  This stands
# in for CRAN's rchk, which cannot be installed here (tests/RELIABILITY.md).
#
# Torture is switched on around each .Call only (the package's R code
# runs normally in between): tools/gctorture.sh installs a copy of the
# package with one more file, R/zzz_gctorture.R, whose .Call wrapper the
# package's code finds before base's .Call, and which turns gctorture on
# for the duration of the call while .gct$on is TRUE and counts the
# calls per gateway in .gct$calls.
#   sh tools/gctorture.sh
suppressPackageStartupMessages(library(rnnkit))
ns <- asNamespace("rnnkit")
gct <- ns$.gct
if (is.null(gct)) stop("this rnnkit has no .Call wrapper: run sh tools/gctorture.sh")
torture <- function(on) gct$on <- on

# The workflow: each public function that reaches a gateway, on tiny data.
# Returns everything it computed, to compare with and without torture.
workflow <- function() {
  out <- list()
  set.seed(1)
  x <- array(rnorm(12 * 4 * 2), c(12, 4, 2))
  y <- rnorm(12)
  out$model <- rnn_model("gru", 3, n_in = 2, seed = 1) # n_params, init
  fit <- rnn_fit(x, y, cell = "lstm", units = c(3, 2), epochs = 2, batch_size = 4,
                 validation = 0.25, seed = 1, verbose = FALSE) # init, train
  out$fit <- fit[c("params", "history", "status")]
  out$pred <- predict(fit, x) # predict
  cls <- factor(ifelse(y > 0, "up", "down"))
  fc <- rnn_fit(x, cls, loss = "sparse_ce", units = 2, epochs = 2, seed = 2,
                verbose = FALSE)
  out$cls <- list(fc$params, predict(fc, x, type = "class"))
  out$grad <- ns$.Call(ns$rnnkit_loss_grad, fit$config, ns$schema()$loss[["mse"]], fit$params,
                    x, y, NULL) # loss_grad
  s <- rnn_reset_state(fit)
  r1 <- rnn_predict_and_update_state(s, x[, 1:2, , drop = FALSE]) # state_size, step
  out$step <- rnn_predict_and_update_state(r1$model, x[, 3:4, , drop = FALSE])$prediction
  layer <- rnn_layer("lstm", 2, list(matrix(rnorm(16), 2, 8), matrix(rnorm(16), 2, 8),
                                     rnorm(8)))
  out$layer <- rnn_layer_call(layer, x, return_sequences = TRUE) # step
  out$coef <- coef(layer) # params_to_layer
  px <- data.frame(Date = as.Date("2020-01-01") + 0:59,
                   Close = c(50, NA, cumsum(rnorm(58)) + 50))
  w <- rnn_windows(px, window = 5, test = 8, na = "locf") # locf, windows, scaler_fit, scale
  out$windows <- w[c("x", "y", "scaler")]
  fw <- rnn_fit(w, units = 2, epochs = 2, seed = 3, verbose = FALSE) # train, predict
  out$fw <- fw[c("params", "residuals")]
  fe <- rnn_fit(w, units = 2, epochs = 2, seed = 3, ensemble = 2, verbose = FALSE) # train (k 2)
  out$ens <- list(fe$params, predict(fe, w), forecast(fe, h = 3, npaths = 20, seed = 4)$mean)
  out$forecast <- forecast(fw, h = 3, npaths = 40, seed = 4) # forecast (quantiles, next_dates)
  out$conformal <- forecast(fw, h = 3, intervals = "conformal") # forecast (conformal, issue 15)
  out$accuracy <- accuracy(fw) # windows, scale, predict
  mo <- data.frame(Date = seq(as.Date("2015-01-01"), by = "month", length.out = 48),
                   y = 100 + 10 * sin(seq_len(48) * pi / 6) + seq_len(48) + sin(1.7 * seq_len(48)))
  ws <- rnn_windows(mo, window = 6, test = 6, transform = "sdiff") # season_period
  fs <- rnn_fit(ws, units = 2, epochs = 2, seed = 7, verbose = FALSE)
  out$sdiff <- list(ws$x, forecast(fs, h = 14, npaths = 20, seed = 8)$mean, accuracy(fs))
  # issue 15: a forecast's accuracy beside naive, snaive and drift (forecast_accuracy)
  out$fc_acc <- accuracy(forecast(fs, h = 4, level = NULL, newdata = mo[1:44, ]), mo)
  # issue 15 covariates: calendar features (calendar), a forecast with
  # covariates (forecast's from/future), an exogenous column from newdata
  wc <- rnn_windows(mo, window = 6, test = 6, calendar = c("month", "quarter"))
  fcal <- rnn_fit(wc, units = 2, epochs = 2, seed = 9, verbose = FALSE)
  mx <- cbind(mo, x = cos(seq_len(48)))
  fx <- rnn_fit(rnn_windows(mx, target = "y", features = c("y", "x"), window = 6), units = 2,
                epochs = 1, seed = 10, verbose = FALSE)
  nx <- rbind(mx, data.frame(Date = seq(as.Date("2019-01-01"), by = "month", length.out = 4),
                             y = NA, x = 1:4))
  out$calendar <- list(wc$x, forecast(fcal, h = 5, npaths = 20, seed = 11)$mean,
                       forecast(fx, h = 5, newdata = nx, npaths = 20, seed = 12)$mean)
  wt <- rnn_windows(mo, window = 6, test = 6, transform = c("log", "sdiff")) # issue 15
  ft <- rnn_fit(wt, units = 2, epochs = 1, seed = 7, verbose = FALSE)
  out$combo <- list(wt$x, forecast(ft, h = 14, npaths = 20, seed = 8)$mean, fitted(ft))
  # issue 16: a panel of two series (series_plan through the panel path,
  # panel_pool for the pooled accuracy rows, a key's forecast)
  wp <- rnn_windows(list(a = mo$y, b = 2 * mo$y + 5), window = 6, test = 6)
  fp <- rnn_fit(wp, units = 2, epochs = 1, seed = 13, verbose = FALSE)
  out$panel <- list(wp$x, accuracy(fp), forecast(fp, h = 3, key = "b", npaths = 20, seed = 14)$mean)
  # issue 16: compact windows (series_plan's compact path, train and
  # predict from a window source) with lambda "auto" (Guerrero per key)
  wq <- rnn_windows(list(a = mo$y, b = 2 * mo$y + 5), window = 6, test = 6,
                    transform = c("boxcox", "sdiff"), period = 12, lambda = "auto",
                    store = "series")
  fq <- rnn_fit(wq, units = 2, epochs = 1, seed = 15, verbose = FALSE)
  out$compact <- list(as.array(wq$x), wq$meta$lambda, accuracy(fq),
                      forecast(fq, h = 3, key = "a", npaths = 20, seed = 16)$mean,
                      utils::capture.output(print(fq))) # lambda_summary (the per-key label)
  out$rescaled <- predict(fw, rnn_windows(px, window = 5, test = 8, na = "locf",
                                          scale = "zscore")) # rescale
  f <- tempfile(fileext = ".rnnk")
  rnn_save(fw, f) # model_encode
  back <- rnn_load(f) # model_decode
  unlink(f)
  out$back <- back[c("params", "config", "prep")]
  d <- rnn_text_data("hello world, hello moon, hello sun", seq_len = 4, batch_size = 2,
                     validation = 0)
  lm <- rnn_fit(d, units = 4, embed_dim = 3, epochs = 1, seed = 5, verbose = FALSE)
  out$generate <- rnn_generate(lm, "hel", n = 12, seed = 6) # generate
  out$pad <- rnn_pad_sequences(list(1:3, 4:5), maxlen = 4) # need_memory
  tok <- rnn_tokenizer(c("H\u00e9llo w\u00f6rld", "\u03a3 ab"), level = "word", lower = TRUE,
                       oov = "<?>") # vocab_fit, utf8_valid
  out$text <- rnn_decode(tok, rnn_encode(tok, c("ab \u03c3 x", ""))) # text_encode, _decode
  out$torch <- coef(layer, "torch") # params_to_layer
  out$acc <- ns$.Call(ns$rnnkit_accuracy, c(1, 2, 3), c(1.5, 2, 2.5), 1, c(1, 1, 3))
  out$suggest <- ns$.Call(ns$rnnkit_suggest, "lsmt", c("simple", "lstm", "gru"))
  cf <- tempfile(fileext = ".csv") # issue 18: numbers, dates and text columns
  writeLines(c("Date;x;name", "2020-01-31;1.5;\"a;b\"", "2020-02-29;;c"), cf)
  out$csv <- rnn_read_csv(cf) # read_csv
  unlink(cf)
  # the gateways' error paths: status codes raised after allocations
  out$errors <- vapply(list(
    function() ns$.Call(ns$rnnkit_predict, fit$config, fit$params, array(0, c(0, 4, 2))),
    function() ns$.Call(ns$rnnkit_model_decode, as.raw(1:40)),
    function() ns$.Call(ns$rnnkit_series_plan, matrix(1, 3, 1), 1L, 1L,
                        list(window = 5L, horizon = 1L, stride = 1L, omit = FALSE,
                             split_row = 4L, n_test = 0L, method = 0L), 0, 1),
    function() ns$.Call(ns$rnnkit_next_dates, c(1, NA), TRUE, 3L),
    function() ns$.Call(ns$rnnkit_calendar, c(1, Inf), "wday"),
    function() ns$.Call(ns$rnnkit_calendar, c(1, 2), c("month", "weekly")),
    function() ns$.Call(ns$rnnkit_match_dates, c(1, 2), numeric(0), c(NaN, Inf)),
    # a combined transform the core refuses (issue 15): raised by the gateway
    function() ns$.Call(ns$rnnkit_series_plan, matrix(1, 30, 1), 1L, 1L,
                        list(window = 5L, horizon = 1L, stride = 1L, omit = FALSE,
                             split_row = 31L, n_test = 0L, method = 0L,
                             transform = c(4, 12, 0, 2)), 0, 1),
    # sizes too large for memory: rnnkit_error_size from the gateways
    function() rnn_model(units = 1e5), # init
    function() ns$.Call(ns$rnnkit_need_memory, 2^62, "a test"),
    function() ns$.Call(ns$rnnkit_read_csv, charToRaw("a,b\n1,2\n3\n"), "", NA)
  ), function(f) conditionMessage(tryCatch({ f(); stop("no error") },
                                           error = function(e) e)), "")
  out
}

t0 <- proc.time()[["elapsed"]]
torture(FALSE)
ref <- workflow()
t1 <- proc.time()[["elapsed"]]
torture(TRUE)
got <- workflow()
torture(FALSE)
t2 <- proc.time()[["elapsed"]]
calls <- gct$calls
gateways <- sort(ls(calls))
cat(sprintf("gctorture: %d gateway calls (%s) in %.0f s (%.1f s without torture)\n",
            sum(unlist(mget(gateways, calls))),
            paste(sprintf("%s %d", sub("^rnnkit_", "", gateways), unlist(mget(gateways, calls))),
                  collapse = ", "),
            t2 - t1, t1 - t0))
all_gateways <- sub("^rnnkit_", "", names(getDLLRegisteredRoutines("rnnkit")$.Call))
missing <- setdiff(all_gateways, sub("^rnnkit_", "", gateways))
if (length(missing)) stop("gateways not exercised: ", paste(missing, collapse = ", "))
diff <- names(ref)[!mapply(identical, ref, got)]
if (length(diff)) {
  for (d in diff) {
    cat("--", d, "without torture:\n"); str(ref[[d]])
    cat("--", d, "under gctorture:\n"); str(got[[d]])
  }
  stop("results differ under gctorture: ", paste(diff, collapse = ", "))
}
cat("gctorture: every result identical to the run without torture\n")
