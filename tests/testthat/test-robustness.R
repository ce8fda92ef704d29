# Behaviour a host session depends on: no global state across parallel
# workers, clean interrupts, helpful errors for misspelled options.

px <- local({
  set.seed(12)
  list(x = array(rnorm(40 * 6 * 2), c(40, 6, 2)), y = rnorm(40))
})
fit_k <- function(k) {
  rnnkit::rnn_fit(px$x, px$y, cell = c("simple", "lstm", "gru")[k %% 3 + 1], units = 5,
                  epochs = 4, batch_size = 8, dropout = 0.1, seed = k, verbose = FALSE)$params
}

# The sequential fits run OpenMP in this process first: the forked workers
# then must not enter a parallel region (libgomp is not fork-safe).
test_that("forked parallel fits equal sequential fits", {
  skip_on_os("windows")
  seq_fits <- lapply(1:4, fit_k)
  par_fits <- parallel::mclapply(1:4, fit_k, mc.cores = 2)
  expect_identical(par_fits, seq_fits)
})

test_that("fits in a PSOCK cluster equal sequential fits", {
  skip_on_cran()
  skip_if_valgrind_parent()
  cl <- parallel::makePSOCKcluster(2)
  on.exit(parallel::stopCluster(cl))
  parallel::clusterExport(cl, c("px", "fit_k"), envir = environment())
  expect_identical(parallel::parLapply(cl, 1:4, fit_k), lapply(1:4, fit_k))
})

test_that("SIGINT in the middle of a fit returns the model and R fits again", {
  skip_on_cran()
  skip_on_os("windows")
  dir <- tempfile()
  dir.create(dir)
  script <- file.path(dir, "fit.R")
  writeLines(c(
    "library(rnnkit)",
    "x <- array(runif(3000 * 30), c(3000, 30, 1)); y <- runif(3000)",
    sprintf("file.create('%s')", file.path(dir, "started")),
    "fit <- rnn_fit(x, y, units = 32, epochs = 5000, verbose = FALSE, seed = 1)",
    "cat('epochs', nrow(fit$history), 'interrupted', fit$status$interrupted, '\\n')",
    "fit2 <- rnn_fit(x[1:50, , , drop = FALSE], y[1:50], units = 3, epochs = 2, verbose = FALSE)",
    "cat('second fit', nrow(fit2$history), '\\n')"
  ), script)
  out <- file.path(dir, "out.txt")
  rscript <- file.path(R.home("bin"), "Rscript")
  pid <- as.integer(system(sprintf("'%s' '%s' > '%s' 2>&1 & echo $!", rscript, script, out),
                           intern = TRUE))
  waited <- 0
  while (!file.exists(file.path(dir, "started")) && waited < 60) {
    Sys.sleep(0.2)
    waited <- waited + 0.2
  }
  Sys.sleep(1.5) # inside rnn_fit by now
  tools::pskill(pid, tools::SIGINT)
  waited <- 0
  while (!any(grepl("second fit", readLines(out, warn = FALSE))) && waited < 60) {
    Sys.sleep(0.2)
    waited <- waited + 0.2
  }
  txt <- readLines(out, warn = FALSE)
  expect_true(any(grepl("interrupted TRUE", txt)), info = paste(txt, collapse = "\n"))
  expect_true(any(grepl("second fit 2", txt)), info = paste(txt, collapse = "\n"))
  n <- as.integer(sub(".*epochs ([0-9]+).*", "\\1", grep("^epochs", txt, value = TRUE)))
  expect_lt(n, 5000)
  tools::pskill(pid, tools::SIGKILL) # in case it is still running
})

test_that("misspelled options name the option meant", {
  expect_error(rnn_fit(px$x, px$y, epohcs = 5), "Did you mean `epochs`", class = "rnnkit_error_input")
  expect_error(rnn_fit(px$x, px$y, batchsize = 5), "Did you mean `batch_size`")
  expect_error(rnn_fit(px$x, px$y, learning_rate = 0.1), class = "rnnkit_error_input")
})
