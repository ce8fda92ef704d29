# rnn_save() / rnn_load(): the portable model file.

small_fit <- function(cell = "lstm", ...) {
  s <- sin(pi * 0.02 * (0:199))
  w <- rnn_windows(s, window = 8)
  rnn_fit(w, cell = cell, units = c(4, 3), epochs = 2, batch_size = 16,
          seed = 3, validation = 0.2, ...)
}

test_that("a saved model loads identical and predicts identically", {
  for (cell in c("simple", "lstm", "gru")) {
    fit <- small_fit(cell)
    f <- temp_model_file()
    rnn_save(fit, f)
    m <- rnn_load(f)
    expect_s3_class(m, "rnnkit_model")
    a <- unclass(fit)
    a$call <- NULL
    expect_identical(unclass(m), a)
    x <- array(rnorm(5 * 8), c(5, 8, 1))
    expect_identical(predict(m, x), predict(fit, x))
  }
})

test_that("factors, dates, NULL, NA, names, matrices and nested lists survive", {
  m <- rnn_model("gru", units = 3, n_in = 2, seed = 1)
  m$extra <- list(
    f = factor(c("b", "a", NA, "b"), levels = c("b", "a", "c")),
    d = as.Date(c("2016-01-04", NA, "1969-12-31")),
    nothing = NULL, empty = list(), unnamed = list(1L, "x", TRUE),
    named = c(alpha = 1.5, beta = NA), mat = matrix(c(1:5, NA), 2, 3),
    cm = matrix(as.double(1:4), 2, dimnames = list(NULL, c("Open", "Close"))),
    rcm = matrix(1:4, 2, dimnames = list(c("a", "b"), c("x", "y"))),
    arr = array(as.double(1:24), c(2, 3, 4)), s = c("\u00e9t\u00e9", NA, ""),
    nan = c(NaN, Inf, -Inf, NA, -0), lgl = c(TRUE, NA, FALSE),
    `dotted.name` = 1, df = data.frame(a = 1:2, b = c("x", "y")),
    df0 = data.frame(x = double()), deep = list(a = list(b = list(c = 7)))
  )
  f <- temp_model_file()
  rnn_save(m, f)
  expect_identical(rnn_load(f), m)
})

test_that("the file is little-endian with a signature and a checksum", {
  m <- rnn_model("simple", units = 2, seed = 1)
  f <- temp_model_file()
  rnn_save(m, f)
  b <- readBin(f, "raw", file.size(f))
  expect_identical(b[1:8], as.raw(c(0x89, 0x52, 0x4e, 0x4e, 0x4b, 0x49, 0x54, 0x0a)))
  expect_identical(b[13:16], as.raw(c(0x0d, 0x0c, 0x0b, 0x0a)))
  expect_equal(sum(as.integer(b[17:24]) * 256^(0:7)), length(b))
})

# FNV-1a/64 in R to reseal deliberately edited files: exact 64-bit
# arithmetic on 16-bit limbs.
fnv1a64 <- function(bytes) {
  h <- c(0x2325, 0x8422, 0x9ce4, 0xcbf2) # little-endian 16-bit limbs
  p <- c(0x01b3, 0x0000, 0x0100, 0x0000)
  for (b in as.integer(bytes)) {
    h[1] <- bitwXor(h[1], b)
    r <- numeric(4)
    for (i in 1:4) for (j in 1:(5 - i)) r[i + j - 1] <- r[i + j - 1] + h[i] * p[j]
    for (i in 1:3) {
      r[i + 1] <- r[i + 1] + r[i] %/% 65536
      r[i] <- r[i] %% 65536
    }
    h <- r %% 65536
  }
  as.raw(c(rbind(h %% 256, h %/% 256)))
}
reseal <- function(b) {
  n <- length(b)
  b[(n - 7):n] <- fnv1a64(b[1:(n - 8)])
  b
}

test_that("corrupt, truncated, foreign and newer files give a format error", {
  m <- rnn_model("lstm", units = 3, seed = 2)
  f <- temp_model_file()
  rnn_save(m, f)
  b <- readBin(f, "raw", file.size(f))
  expect_identical(reseal(b), b) # the R checksum agrees with the core's
  bad <- function(bytes, pattern) {
    g <- temp_model_file()
    writeBin(bytes, g)
    expect_error(rnn_load(g), pattern, class = "rnnkit_error_format")
  }
  bad(b[seq_len(length(b) - 1)], "truncated")
  bad(b[1:20], "truncated")
  bad(raw(0), "not an rnnkit model file")
  bad(charToRaw("Open,High,Low,Close\n1,2,3,4\n"), "not an rnnkit model file")
  set.seed(1)
  for (k in sample(length(b), 40)) {
    x <- b
    x[k] <- xor(x[k], as.raw(bitwShiftL(1L, sample(0:7, 1))))
    bad(x, "")
  }
  x <- b
  x[100] <- xor(x[100], as.raw(1))
  bad(x, "checksum")
  x <- b
  x[9] <- as.raw(2)
  bad(reseal(x), "version 2")
  x <- b
  x[13:16] <- rev(b[13:16])
  bad(reseal(x), "byte order")
  x <- b # params' length (after its name and type bytes) -> 2^31 - 1
  at <- grepRaw("params", b, fixed = TRUE) + 6 + 4
  x[at:(at + 3)] <- as.raw(c(0xff, 0xff, 0xff, 0x7f))
  bad(reseal(x), "params.*holds .* bytes for 2147483647 elements")
  x[at:(at + 3)] <- as.raw(c(0xff, 0xff, 0xff, 0xff))
  bad(reseal(x), "dimension of 4294967295")
  x <- b # units = 3 -> 9: params no longer match the configuration
  at <- grepRaw("config.units", b, fixed = TRUE)
  x[at + 12 + 4 + 4 + 8] <- as.raw(9)
  bad(reseal(x), "params")
})

test_that("rnn_save and rnn_load check their arguments", {
  m <- rnn_model("lstm", units = 2, seed = 2)
  expect_error(rnn_save(list(), "a"), class = "rnnkit_error_input")
  expect_error(rnn_save(m, NA_character_), class = "rnnkit_error_input")
  expect_error(rnn_save(m, c("a", "b")), class = "rnnkit_error_input")
  expect_error(rnn_load(file.path(tempdir(), "no-such-file")), "no file",
               class = "rnnkit_error_input")
  expect_error(rnn_load(3), class = "rnnkit_error_input")
  m$bad <- 1i
  expect_error(rnn_save(m, temp_model_file()), "complex", class = "rnnkit_error_input")
})
