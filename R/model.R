# The model object: a plain list of numbers plus a small configuration, so
# it survives saveRDS(), a trip to a parallel worker and (later) Octave.

# Where each weight matrix lives in the flat parameter vector, mirroring
# the PARAMETER LAYOUT of src/core/rnnkit.h.
param_layout <- function(config) {
  gates <- .gates[[config$cell]]
  G <- length(gates)
  out <- list()
  off <- 0L
  I <- config$n_in
  add <- function(layer, name, nr, nc, rn, cn) {
    out[[length(out) + 1L]] <<- list(
      layer = layer, name = name, dim = c(nr, nc), offset = off,
      rownames = rn, colnames = cn
    )
    off <<- off + nr * nc
  }
  if (n_vocab(config) > 0) { # token k's vector is column k + 1
    I <- config$n_embed
    add("embedding", "E", I, config$n_vocab, paste0("e", seq_len(I)),
        paste0("token", seq_len(config$n_vocab) - 1L))
  }
  D <- n_series(config)[2]
  if (D > 0) { # issue 16: series k's vector is column k + 1
    add("series_embedding", "S", D, config$n_series, paste0("s", seq_len(D)),
        paste0("series", seq_len(config$n_series) - 1L))
    I <- config$n_in - 1L + D
  }
  for (l in seq_along(config$units)) {
    H <- config$units[l]
    rn <- paste0(rep(gates, each = H), rep(seq_len(H), G))
    lay <- paste0(config$cell, "_", l)
    inp <- if (l > 1) paste0("h", seq_len(I)) else if (n_vocab(config) > 0) paste0("e", seq_len(I)) else
      if (D > 0) c(paste0("x", seq_len(config$n_in - 1L)), paste0("s", seq_len(D))) else paste0("x", seq_len(I))
    add(lay, "W_x", G * H, I, rn, inp)
    add(lay, "W_h", G * H, H, rn, paste0("h", seq_len(H)))
    add(lay, "b", G * H, 1L, rn, NULL)
    if (config$cell == "gru") add(lay, "b_h", G * H, 1L, rn, NULL)
    I <- H
  }
  add("dense", "W", config$n_out, I, paste0("y", seq_len(config$n_out)), paste0("h", seq_len(I)))
  add("dense", "b", config$n_out, 1L, paste0("y", seq_len(config$n_out)), NULL)
  out
}

# A double: a model too large to build can have more than 2^31 weights.
n_params <- function(config) {
  .Call(rnnkit_n_params, config)
}

# Validates an architecture and returns the core's configuration list.
model_config <- function(cell, units, n_in, n_out, activation, output_activation,
                         return_sequences, dropout, embedding = NULL, series = c(0L, 0L)) {
  cell <- check_choice(cell, names(schema()$cell), "cell")
  activation <- check_choice(activation, c("tanh", "relu"), "activation")
  output_activation <- check_choice(
    output_activation, c("linear", "tanh", "sigmoid", "softmax"), "output_activation"
  )
  check_units(units)
  check_count(n_in, "n_in", max = 1e5)
  check_count(n_out, "n_out", max = 1e6)
  check_flag(return_sequences, "return_sequences")
  check_number(dropout, "dropout", min = 0, max = 0.99)
  emb <- check_embedding(embedding)
  if (emb[1] > 0 && n_in != 1) {
    rnnkit_abort("dim", "with an embedding the input holds one token per timestep (a samples x ",
                 "timesteps matrix of integers), not ", n_in, " features.")
  }
  cfg <- new_config(cell, activation, n_in, units, n_out, output_activation,
                    return_sequences, dropout, emb[1], emb[2])
  if (series[1] > 0) { # issue 16: only models with it carry the fields
    if (emb[1] > 0) rnnkit_abort("input", "a series embedding is for numeric windows, not token input.")
    cfg$n_series <- as.integer(series[1])
    cfg$series_embed <- as.integer(series[2])
  }
  cfg
}

# issue 16: series_embedding = c(n_series, dim) for arrays whose last
# feature is the series index 0..n_series-1 (panel windows give dim and
# add the index). Returns c(n_series, dim), or c(0, 0) for none.
check_series_embedding <- function(se) {
  if (is.null(se)) return(c(0L, 0L))
  if (!(is.numeric(se) && length(se) == 2 && all(is.finite(se)) && all(se >= 1) &&
        all(se == round(se)) && se[2] <= 1e5 && se[1] <= 1e6)) {
    rnnkit_abort("input", "`series_embedding` must be c(n_series, dim) with the series index ",
                 "0..n_series-1 as the last feature of `x` (for panel windows just dim, ",
                 "e.g. series_embedding = 4), not ", describe(se), ".")
  }
  as.integer(se)
}

# c(n_series, dim) of a model's series embedding (c(0, 0): none).
n_series <- function(config) {
  if (is.null(config$n_series)) c(0L, 0L) else c(config$n_series, config$series_embed)
}

# embedding = c(n_vocab, dim): tokens 0..n_vocab-1 (0 = padding) mapped to
# dim-wide vectors. Returns c(n_vocab, dim), or c(0, 0) for none.
check_embedding <- function(embedding) {
  if (is.null(embedding)) return(c(0L, 0L))
  ok <- is.numeric(embedding) && length(embedding) == 2 && all(is.finite(embedding)) &&
    all(embedding == round(embedding))
  if (!ok || embedding[1] < 2 || embedding[2] < 1) {
    rnnkit_abort("input", "`embedding` must be c(n_vocab, dim): the number of token indices ",
                 "including padding 0 (at least 2; rnn_vocab_size() of a tokenizer) and the ",
                 "width of each token's vector, e.g. c(5000, 32); not ",
                 paste(format(embedding), collapse = ", "), ".")
  }
  if (embedding[1] > 1e6 || embedding[2] > 1e5 || prod(embedding) > 2^31 - 1) {
    rnnkit_abort("size", "an embedding of ", format(embedding[1], big.mark = ","), " tokens x ",
                 format(embedding[2], big.mark = ","), " would need more memory than rnnkit ",
                 "allows (at most 1,000,000 tokens, width 100,000 and 2^31 weights).")
  }
  as.integer(embedding)
}

# Tokens of a token model: whole numbers 0..n_vocab-1.
check_tokens <- function(x, config, name = "x") {
  V <- config$n_vocab
  bad <- x != round(x) | x < 0 | x >= V
  if (any(bad)) {
    k <- which(bad)[1]
    rnnkit_abort("input", "`", name, "` holds ", format(x[k]), "; the model's tokens are whole ",
                 "numbers 0..", V - 1, " (0 is padding). Encode text with the tokenizer the ",
                 "model was trained with.")
  }
  invisible(x)
}

# Initial weights from the core: Glorot-uniform input and output weights,
# orthogonal (or identity) recurrent weights, zero biases, forget bias 1.
init_params <- function(config, recurrent_init, seeds) {
  inits <- schema()$init
  recurrent_init <- check_choice(recurrent_init, names(inits), "recurrent_init")
  if (recurrent_init == "identity" && config$cell != "simple") {
    rnnkit_abort("input", '`recurrent_init = "identity"` is for cell = "simple" only.')
  }
  .Call(rnnkit_init, config, inits[[recurrent_init]], seeds)
}

# The package's version, read once a session: utils::packageVersion()
# reads the installed DESCRIPTION each time (0.4 ms, 5-7% of a small
# model's one-epoch fit).
.session <- new.env(parent = emptyenv())
package_version_string <- function() {
  if (is.null(.session$version)) .session$version <- as.character(utils::packageVersion("rnnkit"))
  .session$version
}

new_model <- function(config, params) {
  structure(
    list(
      config = config, params = params, loss = NA_character_,
      history = data.frame(epoch = integer(), loss = double(), val_loss = double()),
      classes = NULL, n_time = NA_integer_, training = list(), status = list(),
      version = package_version_string()
    ),
    class = "rnnkit_model"
  )
}

# Builds a model with fresh (or given) weights; documented in man/rnn_model.Rd.
rnn_model <- function(cell = "lstm", units = 16, n_in = 1, n_out = 1,
                      activation = "tanh", output_activation = "linear",
                      return_sequences = FALSE, dropout = 0,
                      recurrent_init = "orthogonal", params = NULL, seed = NULL,
                      embedding = NULL, ...) {
  check_dots(list(...), character(), "rnn_model")
  config <- model_config(cell, units, n_in, n_out, activation, output_activation,
                         return_sequences, dropout, embedding)
  P <- n_params(config)
  if (is.null(params)) {
    params <- init_params(config, recurrent_init, core_seed(seed))
  } else if (!is.numeric(params) || length(params) != P || any(!is.finite(params))) {
    rnnkit_abort("dim", "`params` must be ", P, " finite numbers for this architecture, not ",
                 describe(params), ".")
  }
  new_model(config, as.double(params))
}

check_units <- function(units) {
  ok <- is.numeric(units) && length(units) >= 1 && !anyNA(units) &&
    all(is.finite(units)) && all(units == round(units))
  if (!ok || any(units < 1)) {
    rnnkit_abort("input", "`units` must be positive whole numbers, one per layer ",
                 "(e.g. 16 or c(32, 16)), not ", paste(format(units), collapse = ", "), ".")
  }
  if (length(units) > 16) rnnkit_abort("input", "at most 16 stacked layers are supported, not ", length(units), ".")
  if (any(units > 1e5)) {
    rnnkit_abort("size", "`units` of ", format(max(units), big.mark = ","),
                 " would need more memory than a recurrent layer can use; the limit is 100,000 per layer.")
  }
  invisible(units)
}

coef.rnnkit_model <- function(object, ...) {
  check_dots(list(...), character(), "coef")
  # an ensemble has k sets of coefficients (issue 15): ask for a member
  if (n_members(object) > 1) {
    rnnkit_abort("input", "coef() of an ensemble of ", n_members(object), " is ambiguous: each ",
                 "member has its own weights. Use coef(rnn_member(object, j)) for member j.")
  }
  lay <- param_layout(object$config)
  out <- list()
  for (e in lay) {
    v <- object$params[e$offset + seq_len(prod(e$dim))]
    m <- if (is.null(e$colnames)) stats::setNames(v, e$rownames) else # biases
      matrix(v, e$dim[1], e$dim[2], dimnames = list(e$rownames, e$colnames))
    out[[e$layer]][[e$name]] <- m
  }
  out
}
