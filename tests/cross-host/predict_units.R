# Cross-host, issue 18: predictions on windows in original units. R fits
# an LSTM(4) on the first 300 DJIA closes (read with rnn_read_csv), a
# direct GRU(3) of 2 steps with a log transform, saves both models and
# writes predict()'s date, actual, predicted and naive columns and set
# labels for predict_units.m, whose rnn_predict (..., "Units", "original") must
# give the same bits.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
px <- rnn_read_csv(system.file("extdata", "djia.csv", package = "rnnkit"))[1:300, c("Date", "Close")]
cases <- list(
  list(name = "one", w = rnn_windows(px, target = "Close", window = 10, test = 30),
       fit = function(w) rnn_fit(w, units = 4, epochs = 2, seed = 1, verbose = FALSE)),
  list(name = "direct", w = rnn_windows(px, target = "Close", window = 10, horizon = 2,
                                        test = 30, transform = "log"),
       fit = function(w) rnn_fit(w, cell = "gru", units = 3, epochs = 2, seed = 2, verbose = FALSE))
)
for (cs in cases) {
  fit <- cs$fit(cs$w)
  rnn_save(fit, file.path(dir, paste0("pred_", cs$name, ".rnnk")))
  p <- predict(fit, cs$w)
  num <- as.matrix(p[setdiff(names(p), c("date", "set"))])
  con <- file(file.path(dir, paste0("pred_", cs$name, ".bin")), "wb")
  writeBin(as.double(c(nrow(p), ncol(num), as.numeric(p$date) + 719529, num)), con, endian = "little")
  close(con)
  writeLines(c(paste(colnames(num), collapse = " "), p$set), file.path(dir, paste0("pred_", cs$name, ".txt")))
}
cat("predict: R's predictions on windows written\n")
