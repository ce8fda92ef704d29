# Saves never lose data (issue 13, item 13): rnn_save() and the checkpoints
# of rnn_fit() write a temporary file beside the target, flush it and
# rename it over the target, so whatever goes wrong the target holds the
# old model or the new one, whole.  Fault injection: a file size limit
# (ulimit -f, in a child process; any Unix), a full disk (a 200 kB tmpfs;
# root on Linux only) and a process killed with SIGKILL in mid-save.

tmp_litter <- function(dir) {
  list.files(dir, pattern = "\\.tmp[0-9a-z]{6}$", all.files = TRUE, no.. = TRUE)
}

same_model <- function(a, b) identical(a$params, b$params) && identical(a$config, b$config)

# A model whose file is about 137 kB (a 64-unit LSTM) or, with more units,
# as big as wanted.
model_of_size <- function(units, seed = 1) rnn_model("lstm", units = units, seed = seed)

is_root <- function() {
  .Platform$OS.type == "unix" &&
    identical(suppressWarnings(system2("id", "-u", stdout = TRUE, stderr = FALSE)), "0")
}

# Runs R code in a child Rscript under `ulimit -f blocks` (512-byte
# blocks) with SIGXFSZ ignored, so that a write beyond the limit fails
# with EFBIG instead of killing the child (a killed child is the other
# test).  Returns the child's output lines.
run_limited <- function(code, blocks) {
  script <- tempfile(fileext = ".R")
  writeLines(c("suppressMessages(library(rnnkit))", code), script)
  on.exit(unlink(script))
  rscript <- file.path(R.home("bin"), "Rscript")
  cmd <- sprintf("trap '' XFSZ; ulimit -f %d; exec '%s' --vanilla '%s' 2>&1", blocks, rscript, script)
  libs <- paste(.libPaths(), collapse = .Platform$path.sep)
  suppressWarnings(system2("sh", c("-c", shQuote(cmd)), stdout = TRUE,
                           env = paste0("R_LIBS=", shQuote(libs))))
}

skip_unless_unix_children <- function() {
  skip_on_cran()
  skip_if_not(.Platform$OS.type == "unix", "needs sh and ulimit")
  skip_if(nzchar(Sys.which("sh")) == FALSE, "needs sh")
}

# Mounts a `size` tmpfs on a new folder; returns the folder (unmounted on
# the caller's exit) or skips when that is impossible (not root, no mount).
local_tmpfs <- function(size = "200k", env = parent.frame()) {
  skip_on_cran()
  skip_if_not(Sys.info()[["sysname"]] == "Linux", "tmpfs is Linux")
  skip_if_not(is_root(), "mounting a tmpfs needs root")
  dir <- tempfile("tmpfs")
  dir.create(dir)
  ok <- system2("mount", c("-t", "tmpfs", "-o", paste0("size=", size), "tmpfs", dir),
                stdout = FALSE, stderr = FALSE) == 0
  if (!ok) {
    unlink(dir, recursive = TRUE)
    skip("mount -t tmpfs failed")
  }
  do.call(on.exit, list(substitute({
    system2("umount", dir, stdout = FALSE, stderr = FALSE)
    unlink(dir, recursive = TRUE)
  }, list(dir = dir)), add = TRUE), envir = env)
  dir
}

test_that("a save replaces the file whole and leaves no temporary file", {
  dir <- tempfile("saves")
  dir.create(dir)
  on.exit(unlink(dir, recursive = TRUE))
  f <- file.path(dir, "m.rnnk")
  a <- model_of_size(4, seed = 1)
  b <- model_of_size(6, seed = 2)
  expect_identical(rnn_save(a, f), f)
  expect_true(same_model(rnn_load(f), a))
  rnn_save(b, f)
  expect_true(same_model(rnn_load(f), b))
  expect_identical(tmp_litter(dir), character())
  expect_identical(list.files(dir, all.files = TRUE, no.. = TRUE), "m.rnnk")
  # a relative path saves in the working directory
  old <- setwd(dir)
  on.exit(setwd(old), add = TRUE, after = FALSE)
  rnn_save(a, "rel.rnnk")
  expect_true(same_model(rnn_load(file.path(dir, "rel.rnnk")), a))
  skip_on_os("windows")
  # the new file keeps the permissions of the one it replaces
  Sys.chmod(f, "0640", use_umask = FALSE)
  rnn_save(a, f)
  expect_identical(format(file.mode(f)), "640")
  # a symbolic link stays one: the file it points to is replaced
  link <- file.path(dir, "link.rnnk")
  file.symlink(f, link)
  rnn_save(b, link)
  expect_identical(Sys.readlink(link), f)
  expect_true(same_model(rnn_load(f), b))
  expect_identical(tmp_litter(dir), character())
})

test_that("a failed save is an rnnkit_error_io that names the path and keeps the file", {
  dir <- tempfile("saves")
  dir.create(dir)
  on.exit(unlink(dir, recursive = TRUE))
  m <- model_of_size(4)
  missing <- file.path(dir, "no", "such", "folder", "m.rnnk")
  expect_error(rnn_save(m, missing), class = "rnnkit_error_io")
  expect_error(rnn_save(m, missing), "the folder does not exist", fixed = TRUE)
  expect_error(rnn_save(m, missing), missing, fixed = TRUE)
  # a folder is not overwritten
  sub <- file.path(dir, "sub")
  dir.create(sub)
  expect_error(rnn_save(m, sub), "it is a folder", class = "rnnkit_error_io")
  expect_true(dir.exists(sub))
  expect_identical(tmp_litter(dir), character())
  # no permission (root may write anywhere)
  skip_on_os("windows")
  skip_if(is_root(), "root writes into read-only folders")
  f <- file.path(sub, "m.rnnk")
  rnn_save(m, f)
  Sys.chmod(sub, "0555", use_umask = FALSE)
  on.exit(Sys.chmod(sub, "0755", use_umask = FALSE), add = TRUE, after = FALSE)
  expect_error(rnn_save(model_of_size(5), f), "permission denied", class = "rnnkit_error_io")
  expect_true(same_model(rnn_load(f), m))
})

test_that("a save beyond the file size limit keeps the previous model (ulimit -f)", {
  skip_unless_unix_children()
  dir <- tempfile("saves")
  dir.create(dir)
  on.exit(unlink(dir, recursive = TRUE))
  f <- file.path(dir, "m.rnnk")
  old <- model_of_size(64, seed = 1) # 137 kB, written without a limit
  rnn_save(old, f)
  # the child may write 50 kB per file: the new model does not fit
  out <- run_limited(c(
    sprintf("m <- rnn_model('lstm', units = 64, seed = 2); f <- '%s'", f),
    "e <- tryCatch({rnn_save(m, f); NULL}, error = identity, warning = identity)",
    "cat('class:', class(e)[1], '\\n'); cat('message:', conditionMessage(e), '\\n')"
  ), blocks = 100)
  expect_true(any(grepl("^class: rnnkit_error_io", out)), info = paste(out, collapse = "\n"))
  msg <- grep("^message:", out, value = TRUE)
  expect_match(msg, "file size limit", fixed = TRUE)
  expect_match(msg, f, fixed = TRUE)
  expect_true(same_model(rnn_load(f), old))
  expect_identical(tmp_litter(dir), character())
})

test_that("a save on a full disk keeps the previous model (200 kB tmpfs)", {
  dir <- local_tmpfs("200k")
  f <- file.path(dir, "m.rnnk")
  old <- model_of_size(32, seed = 1) # 36 kB
  rnn_save(old, f)
  big <- model_of_size(96, seed = 2) # 305 kB: more than the whole disk
  err <- expect_error(rnn_save(big, f), class = "rnnkit_error_io")
  expect_match(conditionMessage(err), "the disk is full", fixed = TRUE)
  expect_match(conditionMessage(err), f, fixed = TRUE)
  expect_true(same_model(rnn_load(f), old))
  expect_identical(tmp_litter(dir), character())
  # the space of the failed save is free again: a model that fits saves
  mid <- model_of_size(40, seed = 3)
  rnn_save(mid, f)
  expect_true(same_model(rnn_load(f), mid))
  # a read-only file system (root may write anywhere else)
  skip_if(system2("mount", c("-o", "remount,ro", dir), stdout = FALSE, stderr = FALSE) != 0,
          "remount,ro failed")
  expect_error(rnn_save(old, f), "read-only", class = "rnnkit_error_io")
  expect_true(same_model(rnn_load(f), mid))
})

test_that("a checkpoint that cannot be written stops the fit and keeps the previous one", {
  # both hosts: the fit stops after that epoch with a warning
  # rnnkit_warning_checkpoint giving the rnnkit_error_io's message, and the
  # model trained so far is returned (losing it too would be worse); the
  # file keeps the last good checkpoint
  skip_unless_unix_children()
  dir <- tempfile("saves")
  dir.create(dir)
  on.exit(unlink(dir, recursive = TRUE))
  f <- file.path(dir, "ck.rnnk")
  set.seed(1)
  x <- array(rnorm(60), c(20, 3, 1))
  y <- rowSums(x[, , 1])
  fit <- rnn_fit(x, y, units = 64, epochs = 2, checkpoint = f, verbose = FALSE)
  expect_identical(rnn_load(f)$status$epochs_run, 2L)
  saveRDS(list(x = x, y = y), data <- file.path(dir, "data.rds"))
  out <- run_limited(c(
    sprintf("d <- readRDS('%s'); f <- '%s'", data, f),
    "w <- NULL",
    "m <- withCallingHandlers(rnn_fit(d$x, d$y, model = rnn_load(f), epochs = 5, checkpoint = f, verbose = FALSE),",
    "  warning = function(c) { w <<- c; invokeRestart('muffleWarning') })",
    "cat('class:', class(w)[1], '\\n'); cat('message:', conditionMessage(w), '\\n')",
    "cat('epochs:', m$status$epochs_run, '\\n')"
  ), blocks = 100)
  expect_true(any(grepl("^class: rnnkit_warning_checkpoint", out)), info = paste(out, collapse = "\n"))
  msg <- grep("^message:", out, value = TRUE)
  expect_match(msg, "stopped after epoch 1 because saving the checkpoint failed", fixed = TRUE)
  expect_match(msg, "file size limit", fixed = TRUE)
  expect_true(any(grepl("^epochs: 1", out)))
  ck <- rnn_load(f)
  expect_identical(ck$status$epochs_run, 2L)
  expect_equal(ck$history$loss, fit$history$loss)
  expect_identical(tmp_litter(dir), character())
})

test_that("a checkpoint on a disk that fills keeps the previous checkpoint (tmpfs)", {
  dir <- local_tmpfs("200k")
  f <- file.path(dir, "ck.rnnk")
  set.seed(1)
  x <- array(rnorm(60), c(20, 3, 1))
  y <- rowSums(x[, , 1])
  fit <- rnn_fit(x, y, units = 32, epochs = 2, checkpoint = f, verbose = FALSE)
  # the disk fills up
  filler <- file.path(dir, "filler")
  system2("sh", c("-c", shQuote(sprintf("head -c 1000000 /dev/zero > '%s'", filler))),
          stdout = FALSE, stderr = FALSE)
  expect_warning(more <- rnn_fit(x, y, model = rnn_load(f), epochs = 5, checkpoint = f, verbose = FALSE),
                 "the disk is full", class = "rnnkit_warning_checkpoint")
  expect_identical(more$status$epochs_run, 1L)
  ck <- rnn_load(f)
  expect_identical(ck$status$epochs_run, 2L)
  expect_equal(ck$params, fit$params)
  expect_identical(tmp_litter(dir), character())
})

test_that("a process killed in the middle of saves leaves the old or the new model", {
  skip_unless_unix_children()
  dir <- tempfile("saves")
  dir.create(dir)
  on.exit(unlink(dir, recursive = TRUE))
  f <- file.path(dir, "m.rnnk")
  # two 8 MB models; the child saves them in turn until it is killed
  a <- model_of_size(500, seed = 1)
  b <- a
  b$params <- -a$params
  saveRDS(list(a = a, b = b), models <- file.path(dir, "models.rds"))
  rnn_save(a, f)
  script <- file.path(dir, "saver.R")
  pidfile <- file.path(dir, "pid")
  writeLines(c(
    "suppressMessages(library(rnnkit))",
    sprintf("m <- readRDS('%s')", models),
    sprintf("writeLines(as.character(Sys.getpid()), '%s')", pidfile),
    sprintf("repeat { rnn_save(m$b, '%s'); rnn_save(m$a, '%s') }", f, f)
  ), script)
  rscript <- file.path(R.home("bin"), "Rscript")
  set.seed(42)
  kills <- 8
  left <- 0
  for (k in seq_len(kills)) {
    unlink(pidfile)
    system2(rscript, c("--vanilla", script), wait = FALSE, stdout = FALSE, stderr = FALSE,
            env = paste0("R_LIBS=", shQuote(paste(.libPaths(), collapse = .Platform$path.sep))))
    t0 <- Sys.time()
    pid <- NA_integer_
    while (is.na(pid) && Sys.time() - t0 < 60) {
      Sys.sleep(0.02)
      if (file.exists(pidfile)) pid <- suppressWarnings(as.integer(readLines(pidfile, warn = FALSE)[1]))
    }
    expect_false(is.na(pid), label = "the saver started")
    if (is.na(pid)) break
    Sys.sleep(runif(1, 0.3, 1.5))
    tools::pskill(pid, tools::SIGKILL)
    Sys.sleep(0.3) # gone (a zombie at most: nothing left to write)
    got <- tryCatch(rnn_load(f), error = function(e) e)
    expect_false(inherits(got, "error"), label = paste("kill", k, "left a file that loads"))
    if (!inherits(got, "error")) {
      expect_true(same_model(got, a) || same_model(got, b), label = paste("kill", k))
    }
    # a kill may leave the temporary file of the save it cut short, at
    # most one (documented in ?rnn_save); it is safe to delete
    litter <- tmp_litter(dir)
    expect_lte(length(litter), 1)
    left <- left + length(litter)
    unlink(file.path(dir, litter))
  }
})

test_that("a checkpoint replaces its file whole, as Octave's does (issue 14's drift)", {
  # R once wrote checkpoints in place and Octave to a .part file renamed
  # over it; both now save through the core's rnn_write_file(): a new file
  # renamed over the old one.  A hard link to the old file keeps the old
  # bytes (an in-place write would change them too), and no temporary
  # file is left behind
  dir <- tempfile("ck")
  dir.create(dir)
  on.exit(unlink(dir, recursive = TRUE))
  f <- file.path(dir, "ck.rnnk")
  old <- file.path(dir, "old.rnnk")
  writeLines("the previous checkpoint", f)
  skip_if_not(file.link(f, old), "no hard links here")
  x <- array(sin(1:60), c(6, 5, 2))
  fit <- rnn_fit(x, x[, 5, 1], units = 2, epochs = 2, checkpoint = f, seed = 1, verbose = FALSE)
  expect_identical(readLines(old), "the previous checkpoint")
  expect_identical(rnn_load(f)$status$epochs_run, 2L)
  expect_setequal(list.files(dir, all.files = TRUE, no.. = TRUE), c("ck.rnnk", "old.rnnk"))
})
