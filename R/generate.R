# Language models over tokens: long texts arranged for truncated BPTT
# (rnn_text_data), their fit (stateful, one loss per step), and sampling
# new text with a temperature (rnn_generate, one C call).

# A text (or a vector of tokens) -> samples for stateful training.
#
# The tokens are cut into `batch_size` streams of L = floor((n - 1) / B)
# tokens each; stream b reads tokens b*L .. b*L + L - 1 and predicts the
# ones after them.  Chunk c of stream b (seq_len steps) is sample
# c*B + b + 1, so batch c continues batch c - 1 stream by stream, which
# is what stateful training (the state carried over) needs.
rnn_text_data <- function(text, tokenizer = NULL, seq_len = 100, batch_size = 32,
                          validation = 0.1, level = "char", ...) {
  check_dots(list(...), character(), "rnn_text_data")
  check_count(seq_len, "seq_len", max = 1e6)
  check_count(batch_size, "batch_size", max = 1e6)
  check_number(validation, "validation", min = 0, max = 0.9)
  if (is.character(text)) {
    if (length(text) < 1 || anyNA(text)) {
      rnnkit_abort("input", "`text` must be a non-missing character string (or a vector of tokens).")
    }
    text <- paste(text, collapse = "\n")
    if (is.null(tokenizer)) tokenizer <- rnn_tokenizer(text, level = level)
    if (!inherits(tokenizer, "rnnkit_tokenizer")) {
      rnnkit_abort("input", "`tokenizer` must come from rnn_tokenizer(), not ", describe(tokenizer), ".")
    }
    tokens <- rnn_encode(tokenizer, text)[[1]]
  } else if (is.numeric(text)) {
    tokens <- as.integer(text)
    if (anyNA(tokens) || any(tokens != text) || any(tokens < 1)) {
      rnnkit_abort("input", "token vectors must hold whole numbers >= 1 (0 is padding).")
    }
  } else {
    rnnkit_abort("input", "`text` must be a character string or a vector of tokens, not ",
                 describe(text), ".")
  }
  n <- length(tokens)
  n_val <- floor(validation * n)
  split <- n - n_val
  # the streams and chunks of stateful training, cut by the core
  # (rnn_text_streams(), as in Octave): sample c*B + b + 1 is chunk c of
  # stream b
  arrange <- function(tok, what) {
    xy <- .Call(rnnkit_text_streams, as.double(tok), as.integer(seq_len), as.integer(batch_size))
    if (!nrow(xy$x)) {
      rnnkit_abort("dim", "the ", what, " text has ", length(tok), " tokens: too few for ",
                   batch_size, " streams of at least seq_len = ", seq_len,
                   " steps. Use a longer text, or a smaller batch_size or seq_len.")
    }
    xy
  }
  tr <- arrange(tokens[seq_len(split)], "training")
  va <- if (n_val > 0) arrange(tokens[seq.int(split + 1, n)], "validation")
  V <- if (is.null(tokenizer)) max(tokens) + 1L else rnn_vocab_size(tokenizer)
  structure(list(x = tr$x, y = tr$y, x_val = va$x, y_val = va$y, tokenizer = tokenizer,
                 n_vocab = as.integer(V), seq_len = as.integer(seq_len),
                 batch_size = as.integer(batch_size), n_tokens = c(train = split, validation = n_val)),
            class = "rnnkit_text_data")
}

print.rnnkit_text_data <- function(x, ...) {
  cat("<rnnkit text data> ", format(x$n_tokens[["train"]], big.mark = ","), " training and ",
      format(x$n_tokens[["validation"]], big.mark = ","), " validation tokens; vocabulary ",
      x$n_vocab - 1L, " (+ padding 0)\n", sep = "")
  cat("  ", nrow(x$x), " training chunks of ", x$seq_len, " steps in ", x$batch_size,
      " streams", if (!is.null(x$x_val)) paste0(", ", nrow(x$x_val), " validation chunks"), "\n",
      sep = "")
  invisible(x)
}

# A character (or word) language model: embedding -> recurrent layer(s) ->
# softmax over the vocabulary at every step, trained statefully.
rnn_fit.rnnkit_text_data <- function(x, ..., embed_dim = 32, units = 128, cell = "lstm",
                                     epochs = 10, lr = 0.002, clipnorm = 5) {
  d <- x
  args <- list(...)
  bad <- intersect(names(args), c("y", "batch_size", "stateful", "shuffle", "loss",
                                  "embedding", "validation", "classes"))
  if (length(bad)) {
    rnnkit_abort("input", "text data fix ", paste(bad, collapse = ", "),
                 "; set batch size and validation in rnn_text_data().")
  }
  check_dots(args, fit_option_names(), "rnn_fit")
  check_count(embed_dim, "embed_dim", max = 1e5)
  fit <- rnn_fit.default(
    d$x, d$y, cell = cell, units = units, loss = "sparse_ce", epochs = epochs, lr = lr,
    clipnorm = clipnorm, batch_size = d$batch_size, shuffle = FALSE, stateful = TRUE,
    embedding = c(d$n_vocab, embed_dim), classes = as.character(seq_len(d$n_vocab) - 1L),
    validation = if (!is.null(d$x_val)) list(x = d$x_val, y = d$y_val) else 0, ...
  )
  fit$tokenizer <- d$tokenizer
  fit$call <- match.call()
  fit
}

# Samples n tokens after `start` from a language model.
rnn_generate <- function(model, start, n = 200, temperature = 1, seed = NULL,
                         tokenizer = model$tokenizer, ...) {
  check_dots(list(...), character(), "rnn_generate")
  if (!inherits(model, "rnnkit_model")) {
    rnnkit_abort("input", "`model` must be an rnnkit model, not ", describe(model), ".")
  }
  check_single(model, "rnn_generate()") # ensemble (issue 15)
  cfg <- model$config
  if (cfg$output_activation != "softmax") {
    rnnkit_abort("input", "rnn_generate() needs a model with a softmax output over its tokens ",
                 "(a language model from rnn_fit(rnn_text_data(...))).")
  }
  V <- n_vocab(cfg)
  if (V == 0 && cfg$n_in != cfg$n_out) {
    rnnkit_abort("dim", "rnn_generate() feeds each drawn class back as the next input, so ",
                 "the model must read tokens (an embedding) or one-hot vectors of its ",
                 cfg$n_out, " classes; it reads ", cfg$n_in, " features.")
  }
  check_count(n, "n", min = 0, max = 1e8)
  check_number(temperature, "temperature", min = 0)
  if (is.character(start)) {
    if (is.null(tokenizer)) {
      rnnkit_abort("input", "`start` is text but the model has no tokenizer; give `tokenizer` ",
                   "or start with integer tokens.")
    }
    if (length(start) != 1 || is.na(start)) rnnkit_abort("input", "`start` must be one string.")
    prime <- rnn_encode(tokenizer, start)[[1]]
    if (length(prime) == 0) {
      rnnkit_abort("input", "`start` (\"", start, "\") holds no token the tokenizer knows.")
    }
  } else {
    if (!is.numeric(start) || length(start) < 1 || anyNA(start)) {
      rnnkit_abort("input", "`start` must be text or a non-empty vector of tokens, not ",
                   describe(start), ".")
    }
    prime <- start
  }
  lo <- if (V > 0) 1 else 0
  if (any(prime != round(prime) | prime < lo | prime >= cfg$n_out)) {
    rnnkit_abort("input", "`start` tokens must be whole numbers in ", lo, "..", cfg$n_out - 1, ".")
  }
  # one-hot models number their classes from 0, like the core
  res <- .Call(rnnkit_generate, cfg, model$params, as.double(prime), as.double(n),
               as.double(temperature), core_seed(seed), NULL)
  tokens <- as.integer(res$tokens)
  if (!is.character(start)) return(tokens)
  # words are joined by spaces, characters by nothing
  paste0(start, if (tokenizer$level == "word" && length(tokens)) " ",
         rnn_decode(tokenizer, list(tokens)))
}
