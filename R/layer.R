# One recurrent layer with given weights, run like a Keras layer:
# rnn_layer() takes Keras' weight layout (get_weights() of SimpleRNN, LSTM
# or GRU), rnn_weights_from_torch() converts PyTorch's, coef() gives them
# back, rnn_layer_call() runs a batch in one C call.
#
# The layer is a one-layer core model whose dense head is the identity
# (n_out = units, W_y = I, b_y = 0), so the head's output at every step is
# exactly h_t; rnn_step() runs it from a zero or given state and leaves
# h_T (and c_T) in the state vector. No arithmetic happens here, and the
# core moves Keras' and PyTorch's gate blocks to its places (layout.c).

.cell_names <- c(simple = "SimpleRNN", lstm = "LSTM", gru = "GRU")

rnn_layer <- function(cell = c("simple", "lstm", "gru"), units, weights,
                      activation = "tanh", ...) {
  check_dots(list(...), character(), "rnn_layer")
  if (identical(cell, c("simple", "lstm", "gru"))) cell <- "simple"
  cell <- check_choice(cell, names(schema()$cell), "cell")
  if (missing(units)) {
    rnnkit_abort("input", "`units` is missing: give the number of units of the layer ",
                 "(the width of its hidden state h).")
  }
  check_count(units, "units")
  check_units(units)
  activation <- check_choice(activation, if (cell == "simple") c("tanh", "relu") else "tanh",
                             "activation")
  if (missing(weights)) {
    rnnkit_abort("input", "`weights` is missing: give list(kernel, recurrent_kernel, bias) ",
                 "in Keras' layout (what get_weights() of a Keras layer returns), or ",
                 "convert PyTorch's weights with rnn_weights_from_torch().")
  }
  w <- check_keras_weights(weights, cell, units)
  config <- new_config(
    cell = cell, activation = activation, n_in = nrow(w$kernel), units = units,
    n_out = units, output_activation = "linear", seq_out = 0L, dropout = 0
  )
  structure(
    list(cell = cell, units = as.integer(units), activation = activation,
         input_dim = nrow(w$kernel), config = config,
         params = .Call(rnnkit_params_from_layer, config, "keras", w)),
    class = "rnnkit_layer"
  )
}

# list(kernel, recurrent_kernel, bias) in Keras' layout, checked against
# the cell and units: kernel I x G*H, recurrent_kernel H x G*H, bias G*H
# (GRU: 2 x 3H, Keras' reset_after = TRUE), NULL bias = zeros.
check_keras_weights <- function(weights, cell, H) {
  G <- length(.gates[[cell]])
  GH <- G * H
  what <- paste0("a", if (cell == "lstm") "n" else "", " ", .cell_names[[cell]],
                 " of ", H, " unit", if (H != 1) "s")
  if (!is.list(weights) || !length(weights) %in% 2:3) {
    rnnkit_abort("input", "`weights` must be a list(kernel, recurrent_kernel, bias) in ",
                 "Keras' layout (the bias may be left out for zeros), not ",
                 describe(weights), ".")
  }
  nm <- names(weights)
  if (!is.null(nm) && any(nzchar(nm))) {
    bad <- setdiff(nm, c("kernel", "recurrent_kernel", "bias"))
    if (length(bad) || !all(c("kernel", "recurrent_kernel") %in% nm)) {
      rnnkit_abort("input", "`weights` must have elements kernel, recurrent_kernel and ",
                   "(optionally) bias, not ", paste(nm, collapse = ", "), ".")
    }
    k <- weights$kernel
    rk <- weights$recurrent_kernel
    b <- weights$bias
  } else {
    k <- weights[[1]]
    rk <- weights[[2]]
    b <- if (length(weights) == 3) weights[[3]]
  }
  torch_hint <- function(m) {
    if (is.matrix(m) && nrow(m) == GH && ncol(m) != GH) {
      paste0(" It looks like PyTorch's layout (gates in rows): convert it with ",
             "rnn_weights_from_torch().")
    } else ""
  }
  if (!is.numeric(k) || !is.matrix(k) || ncol(k) != GH || nrow(k) < 1) {
    rnnkit_abort("dim", "`kernel` must be a matrix input_dim x ", GH, " (", G,
                 " gate block", if (G > 1) "s", " of ", H, " columns) for ", what,
                 ", not ", describe(k), ".", torch_hint(k))
  }
  if (!is.numeric(rk) || !is.matrix(rk) || nrow(rk) != H || ncol(rk) != GH) {
    rnnkit_abort("dim", "`recurrent_kernel` must be a matrix ", H, " x ", GH,
                 " (units x ", G, " gate block", if (G > 1) "s", " of ", H, " columns) for ",
                 what, ", not ", describe(rk), ".", torch_hint(rk))
  }
  if (is.null(b)) {
    b <- if (cell == "gru") matrix(0, 2, GH) else double(GH)
  } else if (cell == "gru") {
    if (!is.numeric(b) || !is.matrix(b) || nrow(b) != 2 || ncol(b) != GH) {
      rnnkit_abort(
        "dim", "`bias` must be a matrix 2 x ", GH, " for ", what, " (Keras' default ",
        "reset_after = TRUE: row 1 the input bias, row 2 the recurrent bias), not ",
        describe(b), ".",
        if (is.numeric(b) && length(b) == GH) paste0(
          " A bias of length ", GH, " comes from reset_after = FALSE, which applies the ",
          "reset gate before the recurrent weights: a different cell, which rnnkit ",
          "does not implement."
        )
      )
    }
  } else {
    d <- dim(b)
    if (!is.numeric(b) || length(b) != GH || (length(d) == 2 && min(d) != 1) || length(d) > 2) {
      rnnkit_abort("dim", "`bias` must be a vector of length ", GH, " for ", what,
                   ", not ", describe(b), ".")
    }
  }
  w <- list(kernel = k, recurrent_kernel = rk, bias = b)
  for (n in names(w)) {
    if (any(!is.finite(w[[n]]))) {
      fb <- first_bad(w[[n]])
      rnnkit_abort("input", "`", n, "` contains ", format(fb$value), " at ",
                   if (length(fb$pos) == 2) paste0("row ", fb$pos[1], ", column ", fb$pos[2])
                   else paste0("element ", fb$pos[1]),
                   "; all weights must be finite numbers.")
    }
    w[[n]] <- if (n == "bias" && cell != "gru") as.double(w[[n]]) else plain_matrix(w[[n]])
  }
  w
}

rnn_weights_from_torch <- function(weight_ih, weight_hh, bias_ih = NULL, bias_hh = NULL,
                                   cell = NULL) {
  if (!is.numeric(weight_hh) || !is.matrix(weight_hh) || ncol(weight_hh) < 1 ||
      !(nrow(weight_hh) / ncol(weight_hh)) %in% c(1, 3, 4)) {
    rnnkit_abort("dim", "`weight_hh` must be PyTorch's weight_hh_l0, a matrix G*units x ",
                 "units with G = 1 (RNN), 4 (LSTM) or 3 (GRU) gate blocks, not ",
                 describe(weight_hh), ".")
  }
  H <- ncol(weight_hh)
  G <- nrow(weight_hh) / H
  found <- c("simple", "gru", "lstm")[match(G, c(1, 3, 4))]
  if (is.null(cell)) {
    cell <- found
  } else {
    cell <- check_choice(cell, names(schema()$cell), "cell")
    if (cell != found) {
      rnnkit_abort("dim", "`weight_hh` is ", nrow(weight_hh), " x ", H, ", the ", G,
                   " gate block", if (G > 1) "s", " of a", if (found == "lstm") "n", " ",
                   .cell_names[[found]], ", but cell = \"", cell, "\" needs ",
                   length(.gates[[cell]]) * H, " x ", H, ".")
    }
  }
  GH <- G * H
  if (!is.numeric(weight_ih) || !is.matrix(weight_ih) || nrow(weight_ih) != GH ||
      ncol(weight_ih) < 1) {
    rnnkit_abort("dim", "`weight_ih` must be PyTorch's weight_ih_l0, a matrix ", GH,
                 " x input_size for this ", .cell_names[[cell]], " of ", H, " units, not ",
                 describe(weight_ih), ".")
  }
  bias <- list(bias_ih = bias_ih, bias_hh = bias_hh)
  for (n in names(bias)) {
    v <- bias[[n]]
    if (is.null(v)) {
      bias[[n]] <- double(GH)
    } else if (!is.numeric(v) || length(v) != GH || length(dim(v)) > 1 && min(dim(v)) != 1) {
      rnnkit_abort("dim", "`", n, "` must be a vector of length ", GH, " (or NULL for ",
                   "bias = False), not ", describe(v), ".")
    } else {
      bias[[n]] <- as.double(v)
    }
  }
  all_w <- c(list(weight_ih = weight_ih, weight_hh = weight_hh), bias)
  for (n in names(all_w)) {
    v <- all_w[[n]]
    if (any(!is.finite(v))) {
      rnnkit_abort("input", "`", n, "` contains ", format(first_bad(v)$value),
                   "; all weights must be finite numbers.")
    }
  }
  # through the core's layout: PyTorch's weights in, Keras' out
  config <- new_config(
    cell = cell, activation = "tanh", n_in = ncol(weight_ih), units = H, n_out = H,
    output_activation = "linear", seq_out = 0L, dropout = 0
  )
  p <- .Call(rnnkit_params_from_layer, config, "torch",
             c(list(plain_matrix(weight_ih), plain_matrix(weight_hh)), unname(bias)))
  .Call(rnnkit_params_to_layer, config, p, "keras")
}

rnn_layer_call <- function(layer, x, return_sequences = FALSE, return_state = FALSE,
                           initial_state = NULL, ...) {
  check_dots(list(...), character(), "rnn_layer_call")
  check_layer_object(layer, "rnn_layer_call")
  if (missing(x)) {
    rnnkit_abort("input", "`x` is missing: give an array samples x timesteps x features.")
  }
  x <- as_input_array(x, "x")
  if (dim(x)[3] != layer$input_dim) {
    rnnkit_abort("dim", "`x` has ", dim(x)[3], " feature(s) but the layer reads ",
                 layer$input_dim, " (its kernel is ", layer$input_dim, " x ",
                 length(.gates[[layer$cell]]) * layer$units, "). x is samples x timesteps ",
                 "x features, Keras' [batch, timesteps, features].")
  }
  check_flag(return_sequences, "return_sequences")
  check_flag(return_state, "return_state")
  N <- dim(x)[1]
  H <- layer$units
  state <- if (!is.null(initial_state)) layer_state(layer, initial_state, N)
  cfg <- layer$config
  cfg$seq_out <- as.integer(return_sequences)
  r <- .Call(rnnkit_step, cfg, layer$params, x, state)
  if (!return_state) return(r$output)
  # the core's state: h (H x N), then c (H x N) for an LSTM
  hN <- H * N
  out <- list(output = r$output, h = t(matrix(r$state[seq_len(hN)], H, N)))
  if (layer$cell == "lstm") out$c <- t(matrix(r$state[hN + seq_len(hN)], H, N))
  out
}

# The core's state vector from Keras-style initial states: h (samples x
# units) for SimpleRNN and GRU, list(h, c) for LSTM.
layer_state <- function(layer, s, N) {
  H <- layer$units
  need <- if (layer$cell == "lstm") c("h", "c") else "h"
  if (is.matrix(s) && layer$cell != "lstm") s <- list(h = s)
  if (!is.list(s) || length(s) != length(need) ||
      (!is.null(names(s)) && !identical(names(s), need))) {
    rnnkit_abort(
      "input", "`initial_state` must be ",
      if (layer$cell == "lstm") "list(h, c), two matrices" else "a matrix (or list(h))",
      " samples x units (", N, " x ", H, "), not ", describe(s), "."
    )
  }
  names(s) <- need
  for (n in need) {
    m <- s[[n]]
    if (!is.numeric(m) || !is.matrix(m) || nrow(m) != N || ncol(m) != H) {
      rnnkit_abort("dim", "`initial_state` ", n, " must be a matrix samples x units = ",
                   N, " x ", H, " (one row per sample of x), not ", describe(m), ".")
    }
    if (any(!is.finite(m))) {
      rnnkit_abort("input", "`initial_state` ", n, " contains ", format(first_bad(m)$value),
                   "; a state must be finite.")
    }
  }
  as.double(unlist(lapply(s, function(m) as.vector(t(m))), use.names = FALSE))
}

# A double matrix without dimnames.
plain_matrix <- function(m) matrix(as.double(m), nrow(m), ncol(m))

check_layer_object <- function(layer, fun) {
  if (!inherits(layer, "rnnkit_layer")) {
    rnnkit_abort("input", fun, "() needs a layer from rnn_layer(), not ",
                 describe(layer), ".")
  }
  invisible(layer)
}

predict.rnnkit_layer <- function(object, newdata, ...) {
  check_dots(list(...), setdiff(names(formals(rnn_layer_call)), c("layer", "x")), "predict")
  rnn_layer_call(object, newdata, ...)
}

# The layer's weights: Keras' layout (as rnn_layer() takes them) or
# PyTorch's (weight_ih, weight_hh, bias_ih, bias_hh; the SimpleRNN/LSTM
# bias all in bias_ih, since only the sum of PyTorch's two counts).
coef.rnnkit_layer <- function(object, format = c("keras", "torch"), ...) {
  check_dots(list(...), character(), "coef")
  format <- match.arg(format)
  # the core moves the blocks (rnn_params_to_keras() or _torch())
  .Call(rnnkit_params_to_layer, object$config, object$params, format)
}

print.rnnkit_layer <- function(x, ...) {
  G <- length(.gates[[x$cell]])
  n_w <- length(x$params) - x$units * (x$units + 1) # without the identity head
  cat("<rnnkit_layer> ", .cell_names[[x$cell]], "(", x$units, ")",
      if (x$cell == "simple") paste0(", ", x$activation), "\n", sep = "")
  cat("  input: samples x timesteps x ", x$input_dim, "; ", format(n_w, big.mark = ","),
      " weights (Keras kernel ", x$input_dim, " x ", G * x$units, ", recurrent_kernel ",
      x$units, " x ", G * x$units, ")\n", sep = "")
  invisible(x)
}
