# Cross-host, issue 16: a small panel. R writes three monthly series in
# long form (one too short, dropped) to a CSV, cuts panel windows
# (key Name, a log transform, a split date), fits a model on them and
# saves it; panel.m reads the CSV with rnn_read_csv, cuts the windows
# with 'Key', 'Name' and must give the same bits (windows, targets,
# naive values, per-series scalers, keys), and reads R's model file with
# its key and per-key scalers.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
set.seed(16)
n <- 48
dates <- format(seq(as.Date("2014-01-01"), by = "month", length.out = n))
a <- 100 * exp(cumsum(rnorm(n, 0, 0.05)))
d <- data.frame(Date = c(dates, dates, dates[1:5]), Name = c(rep("north", n), rep("south", n), rep("tiny", 5)),
                Sales = round(c(a, 1000 * a + 7, 1:5), 6))
utils::write.csv(d, file.path(dir, "panel.csv"), row.names = FALSE, quote = TRUE)
d <- rnn_read_csv(file.path(dir, "panel.csv"))
w <- suppressMessages(rnn_windows(d, key = "Name", target = "Sales", window = 6,
                                  split = as.Date("2017-01-01"), transform = "log"))
con <- file(file.path(dir, "panel.bin"), "wb")
writeBin(as.double(c(dim(w$x), w$x, w$y, w$naive, w$index$start, w$index$target_row,
                     w$scaler$center, w$scaler$scale, w$scaler$n_rows)), con, endian = "little")
close(con)
writeLines(c(w$meta$keys, "--", w$index$key, "--", w$index$set), file.path(dir, "panel.txt"))
fit <- rnn_fit(w, units = 3, epochs = 1, seed = 1, verbose = FALSE)
rnn_save(fit, file.path(dir, "panel.rnnk"))
cat("panel: R's windows and model file written\n")
# issue 16: a series embedding; Octave reads the model file (config
# n_series, series_embed, S first in params) and predicts R's numbers
# on the windows with the key index as the last feature
fe <- rnn_fit(w, units = 3, epochs = 1, seed = 2, verbose = FALSE, series_embedding = 2)
rnn_save(fe, file.path(dir, "panel_emb.rnnk"))
tr <- w$index$set == "train"
xe <- rnnkit:::with_series_index(w$x[tr, , , drop = FALSE], match(w$index$key[tr], w$meta$keys) - 1L)
pe <- predict(fe, xe)
con <- file(file.path(dir, "panel_emb.bin"), "wb")
writeBin(as.double(c(dim(xe), xe, pe)), con, endian = "little")
close(con)
cat("panel: R's model with a series embedding written\n")
