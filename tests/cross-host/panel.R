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

# ---- a panel of bundled data, fitted in R (h16-oct): three series of
# air.csv (AirPassengers; one scaled and shifted, one starting in 1953),
# log transform, split 1960-01; predictions, the accuracy table,
# forecasts (all keys and one) and the forecast of a series unseen in
# training (air.csv times 5, from 1952) go to panel_air_*.bin; panel.m
# must give them to the bit, and fits its own model, whose file
# panel_back.R reads.
air <- rnn_read_csv(system.file("extdata", "air.csv", package = "rnnkit"))
late <- air$Date >= as.Date("1953-01-01")
pa <- data.frame(Date = c(air$Date, air$Date, air$Date[late]),
                 Name = rep(c("air", "air_x10", "air_late"), c(nrow(air), nrow(air), sum(late))),
                 Passengers = c(air$Passengers, 10 * air$Passengers + 500, air$Passengers[late]))
utils::write.csv(transform(pa, Date = format(Date)), file.path(dir, "panel_air.csv"),
                 row.names = FALSE, quote = TRUE)
un <- air[air$Date >= as.Date("1952-01-01"), ]
un$Passengers <- 5 * un$Passengers
utils::write.csv(transform(un, Date = format(Date)), file.path(dir, "panel_new.csv"),
                 row.names = FALSE, quote = TRUE)
pa <- rnn_read_csv(file.path(dir, "panel_air.csv"))
un <- rnn_read_csv(file.path(dir, "panel_new.csv"))
wa <- rnn_windows(pa, key = "Name", target = "Passengers", window = 12,
                  split = as.Date("1960-01-01"), transform = "log")
fa <- rnn_fit(wa, units = 4, epochs = 3, seed = 2, verbose = FALSE)
rnn_save(fa, file.path(dir, "panel_air.rnnk"))
panel_answers <- function(fit, w, tag) {
  put <- function(name, v) {
    con <- file(file.path(dir, paste0(tag, "_", name, ".bin")), "wb")
    writeBin(as.double(v), con, endian = "little")
    close(con)
  }
  p <- predict(fit, w)
  put("pred", c(as.numeric(p$date), p$actual, p$predicted, p$naive))
  writeLines(c(p$Name, p$set), file.path(dir, paste0(tag, "_pred.txt")))
  a <- accuracy(fit)
  put("acc", as.matrix(a[c("RMSE", "MAE", "MAPE", "sMAPE", "MASE", "DA", "n")]))
  writeLines(c(a$Name, a$model), file.path(dir, paste0(tag, "_acc.txt")))
  fc <- forecast(fit, h = 4, npaths = 100, seed = 1)
  put("fc", unlist(lapply(unclass(fc), function(f) c(f$mean, f$lower, f$upper, f$paths,
                                                      as.numeric(f$dates)))))
  f1 <- forecast(fit, h = 4, key = "air_late", npaths = 100, seed = 3)
  put("fc1", c(f1$mean, f1$lower, f1$upper, f1$paths))
  fn <- forecast(fit, h = 4, newdata = un, npaths = 100, seed = 4)
  put("fcnew", c(fn$mean, fn$lower, fn$upper, fn$paths, as.numeric(fn$dates)))
}
panel_answers(fa, wa, "panel_air")
cat("panel: R's panel of air.csv fitted, its answers written\n")
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
# issue 16 (h16-octemb): the air.csv panel with a series embedding,
# fitted in R: Octave's per-key answers (predictions, accuracy, forecasts
# of all keys, one key, an unseen series, and key air's vector with
# newdata) must be R's to the bit, and Octave's own fit with
# 'SeriesEmbedding' must give R's parameters
fe2 <- rnn_fit(wa, units = 4, epochs = 3, seed = 6, verbose = FALSE, series_embedding = 2)
rnn_save(fe2, file.path(dir, "panel_airemb.rnnk"))
suppressMessages(panel_answers(fe2, wa, "panel_airemb"))
fk <- forecast(fe2, h = 4, key = "air", newdata = un, npaths = 100, seed = 5)
con <- file(file.path(dir, "panel_airemb_fckn.bin"), "wb")
writeBin(as.double(c(fk$mean, fk$lower, fk$upper, fk$paths)), con, endian = "little")
close(con)
cat("panel: R's air.csv panel with a series embedding: model and answers written\n")
# issue 16, item 5: compact windows (store = "series"); panel.m fits the
# same on its own compact windows and must give these parameters
wc <- rnn_windows(pa, key = "Name", target = "Passengers", window = 12,
                  split = as.Date("1960-01-01"), transform = "log", store = "series")
fc2 <- rnn_fit(wc, units = 4, epochs = 3, seed = 6, verbose = FALSE, series_embedding = 2,
               validation = 0.2)
rnn_save(fc2, file.path(dir, "panel_aircomp.rnnk"))
cat("panel: R's fit on compact panel windows written\n")
# issue 16 (h16-octave): panels of 1 and of 3 series (a 1 x 1 and a 1 x 3
# scaler), fitted in R and saved; panel.m loads each and saves it again
# with rnn_save, and panel_back.R must read Octave's file as R's model:
# the scaler a matrix with its row and column names, n_rows and the
# residuals named, every field identical
for (ns in c(1, 3)) {
  keys <- c("air", "air_x10", "air_late")[seq_len(ns)]
  wn <- rnn_windows(pa[pa$Name %in% keys, ], key = "Name", target = "Passengers", window = 12,
                    split = as.Date("1960-01-01"))
  fn1 <- rnn_fit(wn, units = 3, epochs = 1, seed = 7, verbose = FALSE)
  rnn_save(fn1, file.path(dir, paste0("panel_n", ns, ".rnnk")))
}
cat("panel: R's models of panels of 1 and 3 series written\n")
# issue 16 (h16-h12): lambda = "auto" -- the air.csv panel through a Box-Cox
# transform whose lambda the core estimates per key (Guerrero) on its
# training rows; panel.m must cut the same windows with the same lambdas
# (bits), and R's model file must keep them in Octave and forecast R's
# numbers there
wl <- rnn_windows(pa, key = "Name", target = "Passengers", window = 12, split = as.Date("1960-01-01"),
                  transform = c("boxcox", "sdiff"), lambda = "auto")
fl <- rnn_fit(wl, units = 3, epochs = 2, seed = 8, verbose = FALSE)
rnn_save(fl, file.path(dir, "panel_lambda.rnnk"))
fcl <- forecast(fl, h = 4, npaths = 50, seed = 2)
con <- file(file.path(dir, "panel_lambda.bin"), "wb")
writeBin(as.double(c(length(wl$meta$lambda), wl$meta$lambda, dim(wl$x), wl$x, wl$y,
                     unlist(lapply(unclass(fcl), function(f) c(f$mean, f$lower, f$upper))))),
         con, endian = "little")
close(con)
cat("panel: R's panel with lambda \"auto\" written (lambdas", format(wl$meta$lambda, digits = 4), ")\n")
# the printed label of per-series lambdas ("lambda -1 .. 1 (Guerrero, per
# series, median -0.213)"): its numbers are the core's (rnn_lambda_summary);
# panel.m must print the same for wl (3 series), R's model fl and a panel
# of 4 series (an even count: the median is the mean of the middle two)
tf_label <- function(x) {
  l <- grep("target transform: ", capture.output(print(x)), value = TRUE)
  sub(" \\(undone in predictions and forecasts\\)$", "", sub("^ *target transform: ", "", l))
}
n4 <- nrow(air)
t4 <- seq_len(n4)
p4 <- as.double(air$Passengers)
d4 <- data.frame(Date = rep(air$Date, 4), Name = rep(c("air", "lin", "sq", "ex"), each = n4),
                 y = c(p4, 50 + t4 + 5 * sin(t4 * pi / 6), p4^2 / 100, 100 * exp(p4 / 200)))
w4 <- rnn_windows(d4, key = "Name", target = "y", window = 12, split = as.Date("1958-01-01"),
                  transform = c("boxcox", "sdiff"), lambda = "auto")
labels <- c(tf_label(wl), tf_label(fl), tf_label(w4))
stopifnot(length(labels) == 3, grepl("per series, median", labels))
writeLines(labels, file.path(dir, "panel_lambda_labels.txt"))
cat("panel: R's lambda labels written:", labels[3], "\n")
