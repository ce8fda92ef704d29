# Cross-host test of combined target transforms (issue 15), R side: the
# bundled airline passengers, c("log", "sdiff") (recursive, the target
# read transformed) and c("boxcox", "diff", "sdiff") (direct, horizon 2),
# and c("log", "diff") on the DJIA prices (directional accuracy);
# writes windows, weights, forecasts (paths too) and accuracy tables for
# combo.m to compare exactly, and a model file for Octave to forecast from.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
put <- function(name, v) writeBin(as.double(v), file.path(dir, paste0("cb_", name, ".bin")), endian = "little")
acc_cols <- function(a) as.matrix(a[setdiff(names(a), c("model", "target"))])
air <- rnn_example_data("air")
w1 <- rnn_windows(air, target = "Passengers", features = "Passengers", window = 12, test = 24,
                  transform = c("log", "sdiff"))
f1 <- rnn_fit(w1, cell = "lstm", units = 4, epochs = 3, seed = 1, verbose = FALSE)
fc1 <- forecast(f1, h = 15, npaths = 50, seed = 2)
put("ls_plan", c(w1$x, w1$y, w1$index$start, w1$scaler$center, w1$scaler$scale, w1$meta$period))
put("ls_params", f1$params)
put("ls_fc", c(fc1$mean, fc1$lower, fc1$upper, fc1$paths))
put("ls_acc", acc_cols(accuracy(f1)))
put("ls_fitted", fitted(f1))
rnn_save(f1, file.path(dir, "cb_r_model.rnnk"))
w2 <- rnn_windows(air, target = "Passengers", features = "Passengers", window = 12, horizon = 2,
                  test = 12, transform = c("boxcox", "diff", "sdiff"), lambda = 0.3)
f2 <- rnn_fit(w2, cell = "gru", units = 3, epochs = 2, seed = 3, verbose = FALSE)
fc2 <- forecast(f2, npaths = 40, seed = 4, level = 80)
put("bc_plan", c(w2$x, w2$y, w2$index$start, w2$scaler$center, w2$scaler$scale))
put("bc_fc", c(fc2$mean, fc2$lower, fc2$upper, fc2$paths))
put("bc_acc", acc_cols(accuracy(f2)))
# log returns as c("log", "diff") on the bundled DJIA prices: the
# directional accuracy of a price series, the same in both hosts
px <- rnn_example_data("djia")[1:400, c("Date", "Close")]
w3 <- rnn_windows(px, target = "Close", features = "Close", window = 20, test = 50,
                  transform = c("log", "diff"))
f3 <- rnn_fit(w3, cell = "lstm", units = 4, epochs = 2, seed = 1, verbose = FALSE)
put("ld_acc", acc_cols(accuracy(f3)))
put("ld_fc", forecast(f3, h = 5, npaths = 30, seed = 2)$mean)
cat("R: combined transforms written\n")
