# The README's example in R: the same numbers as djia_example.m in Octave.
library(rnnkit)
d <- read.csv(system.file("extdata", "djia.csv", package = "rnnkit"))
close <- d$Close
lo <- min(close[1:2000]); hi <- max(close[1:2000])
s <- (close - lo) / (hi - lo)
W <- 30; N <- 2000 - W
X <- matrix(0, N, W)
for (t in 1:W) X[, t] <- s[t:(t + N - 1)]
Y <- s[W + 1:N]
model <- rnn_fit(X, Y, cell = "lstm", units = 16, epochs = 5, batch_size = 32,
                 validation = 0.1, seed = 1, verbose = FALSE)
cat(sprintf("final loss %.15g, val_loss %.15g\n", tail(model$history$loss, 1),
            tail(model$history$val_loss, 1)))
win <- s[(2000 - W + 1):2000]
for (k in 1:5) {
  p <- predict(model, matrix(win, 1))
  cat(sprintf("%s  forecast %.10f  actual %.2f\n", d$Date[2000 + k], lo + p * (hi - lo),
              close[2000 + k]))
  win <- c(win[-1], p)
}
