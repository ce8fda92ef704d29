# Shared helpers for the tests that prove the math.

# Loss, gradient and input gradient of the whole of x as one batch,
# straight from the core. seed != NULL fixes the dropout masks.
core_loss_grad <- function(model, loss, x, y, seed = NULL) {
  .Call(rnnkit:::rnnkit_loss_grad, model$config, rnnkit:::schema()$loss[[loss]],
        model$params, x, y, seed)
}

# Central finite differences of the loss w.r.t. the parameters.
numeric_grad <- function(model, loss, x, y, seed = NULL, h = 1e-5) {
  p0 <- model$params
  vapply(seq_along(p0), function(k) {
    model$params <- p0
    model$params[k] <- p0[k] + h
    up <- core_loss_grad(model, loss, x, y, seed)$loss
    model$params[k] <- p0[k] - h
    dn <- core_loss_grad(model, loss, x, y, seed)$loss
    (up - dn) / (2 * h)
  }, 0)
}

rel_err <- function(a, b) sqrt(sum((a - b)^2)) / sqrt(sum((a + b)^2))

# A small random problem for a given head/loss. Targets suit the loss.
toy_problem <- function(loss, n_out, seq_out, N = 3, T = 4, I = 2, seed = 1) {
  set.seed(seed)
  x <- array(rnorm(N * T * I), c(N, T, I))
  steps <- if (seq_out) T else 1
  if (loss == "sparse_ce") {
    y <- array(as.double(sample(0:(n_out - 1), N * steps, TRUE)), if (seq_out) c(N, T, 1) else c(N, 1))
  } else if (loss == "bce") {
    y <- array(runif(N * steps * n_out), if (seq_out) c(N, T, n_out) else c(N, n_out))
  } else {
    y <- array(rnorm(N * steps * n_out, sd = 0.5), if (seq_out) c(N, T, n_out) else c(N, n_out))
  }
  list(x = x, y = y)
}

# A fresh file name in the session's temporary directory (removed with it).
temp_model_file <- function() tempfile("model", fileext = ".rnnk")
# Under valgrind the package's arithmetic can differ in the last bit from
# the same code run natively (seen on an AVX-512 EPYC with the reference
# BLAS and with OpenBLAS, before and after the SIMD kernels), so comparisons
# between a valgrind-run parent and natively run worker processes (PSOCK,
# multisession) are skipped there; they run in every native stage.
skip_if_valgrind_parent <- function() {
  if (grepl("vgpreload", Sys.getenv("LD_PRELOAD"), fixed = TRUE)) {
    testthat::skip("parent under valgrind, workers native: last bits may differ")
  }
}

# TRUE if rnnkit's own memory check (src/core/memory.c: physical memory
# and a trial malloc) would let `bytes` be allocated here. A test of a size
# meant to be too large for memory skips on a computer where it is not,
# instead of really allocating and filling that much.
might_allocate <- function(bytes) {
  r <- tryCatch(rnnkit:::need_memory(bytes, "a test"), rnnkit_error_size = function(e) e)
  !inherits(r, "rnnkit_error_size")
}

skip_if_might_allocate <- function(bytes) {
  if (might_allocate(bytes)) {
    testthat::skip(paste(format(bytes / 1e9), "GB might be allocated on this computer"))
  }
}

# A PyTorch fixture (tests/testthat/fixtures/*.txt, written by
# tools/make_torch_fixtures.py and tools/make_layer_fixtures.py; Octave's
# tests/octave/parity.m reads the same files): after a comment line, two
# lines per field, "name type dims..." (type chr, lgl, int, dbl or null;
# dims the length, or a matrix's or array's dimensions) and the values
# separated by spaces (doubles as %.17g, which round-trips exactly).
read_fixture <- function(path) {
  l <- readLines(path, encoding = "UTF-8")[-1]
  z <- list()
  for (k in seq(1, length(l), by = 2)) {
    h <- strsplit(l[k], " ", fixed = TRUE)[[1]]
    d <- as.integer(h[-(1:2)])
    v <- strsplit(l[k + 1], " ", fixed = TRUE)[[1]]
    v <- switch(h[2],
      null = NULL, chr = l[k + 1], lgl = as.logical(as.integer(v)),
      int = as.integer(v), dbl = as.numeric(v)
    )
    if (length(d) > 1) dim(v) <- d
    z[h[1]] <- list(v)
  }
  z
}
