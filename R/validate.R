# Input checks with messages that say what was expected, what was given and
# how to fix it. All raise classed conditions (R/errors.R).

.shape_help <- paste0(
  "rnnkit expects x as a numeric array samples x timesteps x features ",
  "(e.g. 500 windows of 30 days of 4 prices: dim 500 x 30 x 4); ",
  "a matrix is taken as samples x timesteps with one feature."
)

describe <- function(x) {
  d <- dim(x)
  if (is.null(d)) {
    sprintf("a %s vector of length %d", class(x)[1], length(x))
  } else {
    sprintf("a %s with dim %s", class(x)[1], paste(d, collapse = " x "))
  }
}

check_count <- function(x, name, min = 1, max = Inf) {
  ok <- is.numeric(x) && length(x) == 1 && !is.na(x) && is.finite(x) &&
    x == round(x) && x >= min && x <= max
  if (!ok) {
    rnnkit_abort(
      "input", "`", name, "` must be a whole number",
      if (is.finite(max)) sprintf(" in %g..%g", min, max) else sprintf(" >= %g", min),
      ", not ", if (is.numeric(x) && length(x) == 1) format(x) else describe(x), "."
    )
  }
  invisible(x)
}

check_number <- function(x, name, min = -Inf, max = Inf, min_open = FALSE) {
  ok <- is.numeric(x) && length(x) == 1 && !is.na(x) && is.finite(x) &&
    (if (min_open) x > min else x >= min) && x <= max
  if (!ok) {
    rnnkit_abort(
      "input", "`", name, "` must be a finite number ",
      if (min_open) "> " else ">= ", format(min),
      if (is.finite(max)) paste0(" and <= ", format(max)), ", not ",
      if (is.numeric(x) && length(x) == 1) format(x) else describe(x), "."
    )
  }
  invisible(x)
}

# Raises rnnkit_error_size unless `bytes` for `what` might be allocated:
# the check the C gateways make before their own allocations
# (src/r_util.h), for arrays that R code makes itself.
need_memory <- function(bytes, what) {
  invisible(.Call(rnnkit_need_memory, as.double(bytes), what))
}

check_flag <- function(x, name) {
  if (!(is.logical(x) && length(x) == 1 && !is.na(x))) {
    rnnkit_abort("input", "`", name, "` must be TRUE or FALSE, not ", describe(x), ".")
  }
  invisible(x)
}

check_choice <- function(x, choices, name) {
  if (!(is.character(x) && length(x) == 1 && !is.na(x))) {
    rnnkit_abort("input", "`", name, "` must be one of ",
                 paste0('"', choices, '"', collapse = ", "), ", not ", describe(x), ".")
  }
  if (!x %in% choices) {
    near <- .Call(rnnkit_suggest, x, as.character(choices)) # the core's rule, as Octave's
    rnnkit_abort(
      "input", "`", name, '` must be one of ', paste0('"', choices, '"', collapse = ", "),
      ', not "', x, '".',
      if (near > 0) paste0(' Did you mean "', choices[near], '"?')
    )
  }
  x
}

# Finds the first non-finite element of an array and names its position.
first_bad <- function(x) {
  k <- which(!is.finite(x))[1]
  pos <- arrayInd(k, if (is.null(dim(x))) length(x) else dim(x))
  list(value = x[k], pos = pos)
}

# x -> a double array N x T x I
as_input_array <- function(x, name = "x") {
  if (inherits(x, "rnnkit_compact")) return(x) # issue 16: checked by the core
  if (is.data.frame(x)) {
    rnnkit_abort("input", "`", name, "` is a data.frame; ", .shape_help,
                 " Use rnn_windows() to cut a data.frame into windows.")
  }
  if (!is.numeric(x) && !is.logical(x)) {
    rnnkit_abort("input", "`", name, "` must be numeric, not ", describe(x), ". ", .shape_help)
  }
  d <- dim(x)
  if (is.null(d) || length(d) == 1) {
    rnnkit_abort("dim", "`", name, "` is ", describe(x), ", which has no time axis. ",
                 .shape_help, " For one sequence use array(x, c(1, length(x), 1)).")
  }
  if (length(d) == 2) d <- c(d, 1L)
  if (length(d) != 3) {
    rnnkit_abort("dim", "`", name, "` has ", length(d), " dimensions; ", .shape_help)
  }
  if (d[1] < 1) rnnkit_abort("dim", "`", name, "` has zero samples (dim ", paste(d, collapse = " x "), ").")
  if (d[2] < 1) rnnkit_abort("dim", "`", name, "` has zero timesteps. ", .shape_help)
  if (d[3] < 1) rnnkit_abort("dim", "`", name, "` has zero features. ", .shape_help)
  if (anyNA(x) || any(!is.finite(x))) {
    b <- first_bad(x)
    p <- c(b$pos, 1)[1:3]
    rnnkit_abort("input", "`", name, "` contains ", format(b$value), " at sample ", p[1],
                 ", timestep ", p[2], ", feature ", p[3],
                 "; remove or fill missing and infinite values first.")
  }
  array(as.double(x), dim = d)
}

# x (an array, or a windows object's x) as input to `model`, with its
# shape checked by the core (rnn_input_check(), shared with Octave): the
# model's number of features and, for a model trained on windows cut from
# a series (rnn_windows(), a formula), the window's number of timesteps.
# Models fit on arrays read sequences of any length (padding, step-wise
# use). name is the argument's name; any_length skips the timesteps rule
# (step-wise use feeds any number of steps).
model_input_array <- function(x, model, name, any_length = FALSE) {
  if (inherits(x, "rnnkit_windows")) x <- x$x
  x <- as_input_array(x, name)
  window <- model$prep$meta$window
  n_time <- if (any_length || length(window) != 1) NA_real_ else as.double(window)
  .Call(rnnkit_input_check, model$config, n_time, isTRUE(model$training$stateful),
        as.double(dim(x)), paste0("`", name, "`"))
  x
}

# Options a user-facing function did not expect. `dots` is list(...) of the
# caller; the caller's own call and formals (found here) are checked too, so
# an abbreviated name that R matched partially (`epoch = 5` taken as
# `epochs`) is refused as well: rnnkit never completes option names. The
# error names the nearest real option(s) and lists them all; `valid` adds
# options the caller passes on (rnn_fit()'s own, for a method), `hints` maps
# names used elsewhere for an option (forecast's `n`) to it, `after` is the
# last argument that may be given by position.
check_dots <- function(dots, valid = character(), fun, hints = character(), after = NULL,
                       call = sys.call(-1), fn = sys.function(-1)) {
  own <- names(formals(fn))
  valid <- setdiff(unique(c(own, valid)), "...")
  typed <- names(as.list(call)[-1])
  typed <- typed[!is.na(typed) & nzchar(typed)]
  bad <- setdiff(typed, valid)
  if (length(bad) == 0) {
    nm <- names(dots)
    n_unnamed <- if (is.null(nm)) length(dots) else sum(!nzchar(nm))
    if (n_unnamed == 0) return(invisible())
    k <- match("...", own, 0L)
    if (k == length(own) && is.null(after)) {
      rnnkit_abort("input", fun, "() got ", n_unnamed, " argument(s) more than its ", k - 1L,
                   " (", paste(own[-k], collapse = ", "), ").")
    }
    if (is.null(after)) after <- own[max(1L, k - 1L)]
    rnnkit_abort("input", fun, "() got ", n_unnamed, " unnamed extra argument(s); ",
                 "name every option after `", after, "` (its options: ",
                 paste(setdiff(own, c("...", own[seq_len(match(after, own, 0L))])), collapse = ", "),
                 ").")
  }
  b <- bad[1]
  pre <- valid[startsWith(valid, b)]
  same <- valid[tolower(valid) == tolower(b)]
  d <- utils::adist(b, valid, ignore.case = TRUE)[1, ]
  near <- valid[d == min(d) & d <= max(2, nchar(b) %/% 3)]
  guess <- unique(c(unname(hints[b][!is.na(hints[b])]), same, if (length(pre) > 1) pre else c(pre, near)))
  rnnkit_abort(
    "input", fun, "() has no option `", b, "`",
    if (length(pre) && !b %in% valid) "; rnnkit does not complete abbreviated option names",
    ".",
    if (length(guess)) paste0(" Did you mean ", paste0("`", guess, "`", collapse = " or "), "?"),
    " Its options are: ", paste(valid, collapse = ", "), "."
  )
}
