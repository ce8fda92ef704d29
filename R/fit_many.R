# rnn_fit_many(): one model per series through the future framework.

rnn_fit_many <- function(data, ..., seed = NULL, parallel = TRUE) {
  if (inherits(data, "tbl_ts")) { # issue 17: one series per key (R/fable.R)
    s <- tsibble_split(data, list(...))
    return(do.call(rnn_fit_many, c(list(s$data), s$args, list(seed = seed, parallel = parallel))))
  }
  if (!is.list(data) || inherits(data, "rnnkit_windows") || is.data.frame(data) ||
      length(data) == 0) {
    rnnkit_abort("input", "`data` must be a non-empty list with one data set per model ",
                 "(each an rnn_windows() result or a list(x = , y = )), not ", describe(data), ".")
  }
  for (i in seq_along(data)) {
    d <- data[[i]]
    if (!inherits(d, "rnnkit_windows") && !(is.list(d) && all(c("x", "y") %in% names(d)))) {
      rnnkit_abort("input", "element ", i, " of `data` must be an rnn_windows() result or a ",
                   "list(x = , y = ), not ", describe(d), ".")
    }
  }
  args <- list(...)
  if ("x" %in% names(args) || "y" %in% names(args)) {
    rnnkit_abort("input", "give the data of each model in `data`, not as x or y in `...`.")
  }
  if (!is.null(args$seed)) rnnkit_abort("input", "give seeds as `seed =` of rnn_fit_many().")
  check_dots(args, fit_option_names(), "rnn_fit_many")
  check_flag(parallel, "parallel")
  n <- length(data)
  # one seed per model, drawn here so set.seed() governs them all and the
  # fits do not depend on where they run
  if (is.null(seed)) {
    seed <- floor(stats::runif(n) * 2^31)
  } else {
    if (length(seed) != n) {
      rnnkit_abort("dim", "`seed` has ", length(seed), " element(s); give one per data set (",
                   n, ").")
    }
    for (s in seed) check_count(s, "each element of `seed`", min = 0, max = 2^53)
  }
  use_future <- parallel && requireNamespace("future.apply", quietly = TRUE)
  # a fit's result does not depend on its threads; with several future
  # workers on one machine, one thread each avoids oversubscription
  if (is.null(args$threads) && use_future && future::nbrOfWorkers() > 1) args$threads <- 1L
  if (is.null(args$verbose)) args$verbose <- FALSE
  one <- function(i) {
    d <- data[[i]]
    # windows go through their own method: the training windows only,
    # and the model keeps what forecast() and accuracy() need
    first <- if (inherits(d, "rnnkit_windows")) list(d) else list(x = d$x, y = d$y)
    do.call(rnnkit::rnn_fit, c(first, args, list(seed = seed[[i]])))
  }
  fits <- if (use_future) {
    future.apply::future_lapply(seq_len(n), one, future.seed = NULL,
                                future.packages = "rnnkit")
  } else {
    lapply(seq_len(n), one)
  }
  names(fits) <- names(data)
  fits
}
