# Text helpers: a tokenizer (characters or words -> integer indices 1..V,
# 0 reserved for padding), encoding, decoding and Keras' pad_sequences.
# The models see only the integer matrices these produce.
#
# Characters are Unicode code points: every text is converted to UTF-8
# and split by the core, so the result does not depend on the locale
# (strsplit(x, "") would split bytes of UTF-8 text read in a C locale).

# texts -> UTF-8 character vector, or a classed error saying what to fix.
check_texts <- function(texts, name = "texts") {
  if (inherits(texts, "rnnkit_tokenizer")) {
    rnnkit_abort("input", "`", name, "` is a tokenizer; the arguments are ",
                 "(tokenizer, texts), e.g. rnn_encode(tok, texts).")
  }
  if (is.factor(texts)) {
    rnnkit_abort("input", "`", name, "` is a factor; pass as.character(", name, ").")
  }
  if (!is.character(texts)) {
    rnnkit_abort(
      "input", "`", name, "` must be a character vector (one string per text), not ",
      describe(texts), ".",
      if (is.list(texts)) paste0(" For a list of strings use unlist(", name, ").")
    )
  }
  if (anyNA(texts)) {
    k <- which(is.na(texts))
    rnnkit_abort("input", "`", name, "` has ", length(k), " missing value(s), the first at ",
                 name, "[", k[1], "]; drop them (", name, "[!is.na(", name, ")]) ",
                 "or replace them by \"\".")
  }
  t8 <- enc2utf8(texts)
  bad <- which(!.Call(rnnkit_utf8_valid, t8)) # the core's rule, as in Octave
  if (length(bad)) {
    rnnkit_abort("input", "`", name, "[", bad[1], "]` is not valid UTF-8 (", length(bad),
                 " such text(s)); convert the texts first, e.g. ",
                 "iconv(", name, ", from = \"latin1\", to = \"UTF-8\").")
  }
  t8
}

check_string <- function(x, name, allow_empty = FALSE) {
  ok <- is.character(x) && length(x) == 1 && !is.na(x) && (allow_empty || nzchar(x))
  if (!ok) {
    rnnkit_abort("input", "`", name, "` must be a single ",
                 if (!allow_empty) "non-empty ", "string, not ",
                 if (is.character(x) && length(x) == 1) "\"\"" else describe(x), ".")
  }
  x <- enc2utf8(x)
  if (!.Call(rnnkit_utf8_valid, x)) rnnkit_abort("input", "`", name, "` is not valid UTF-8.")
  x
}

check_tokenizer <- function(tokenizer) {
  if (!inherits(tokenizer, "rnnkit_tokenizer")) {
    rnnkit_abort("input", "`tokenizer` must be a tokenizer made by rnn_tokenizer(), not ",
                 describe(tokenizer), ".",
                 if (is.character(tokenizer)) " The arguments are (tokenizer, texts).")
  }
  invisible(tokenizer)
}

rnn_tokenizer <- function(texts, level = c("char", "word"), lower = FALSE,
                          num_words = NULL, oov = NULL, filters = NULL, ...) {
  check_dots(list(...), character(), "rnn_tokenizer")
  level <- if (identical(level, c("char", "word"))) "char" else check_choice(level, names(schema()$level), "level")
  check_flag(lower, "lower")
  if (!is.null(num_words)) check_count(num_words, "num_words", min = 1)
  if (!is.null(oov)) oov <- check_string(oov, "oov")
  filters <- if (is.null(filters)) {
    schema()$filters[[level]] # Keras' for words (rnn_default_filters())
  } else {
    check_string(filters, "filters", allow_empty = TRUE)
  }
  t8 <- check_texts(texts)
  # split (words with Keras' filters, the core's one lower-casing rule),
  # counted and ordered by the core (rnn_vocab_fit(), as in Octave)
  v <- .Call(rnnkit_vocab_fit, t8, level, isTRUE(lower), enc2utf8(filters),
             if (is.null(num_words)) 0 else as.double(num_words), oov)
  unit <- if (level == "char") "characters" else "words"
  if (!v$n_tokens) {
    rnnkit_abort(
      "input", "`texts` (", length(texts), " text(s)) contain no ", unit,
      if (nzchar(filters)) " once the filters are removed", "; the vocabulary would be empty. ",
      "Pass non-empty texts", if (nzchar(filters)) " or fewer `filters`", "."
    )
  }
  if (!v$n_distinct) {
    rnnkit_abort("input", "`texts` contain only the `oov` token (\"", oov, "\"); ",
                 "the vocabulary would be empty. Pass other texts or another `oov`.")
  }
  vocab <- v$vocab
  counts <- v$counts
  names(counts) <- vocab
  structure(list(
    level = level, vocab = vocab, counts = counts, lower = lower, oov = oov,
    filters = filters, num_words = if (is.null(num_words)) NULL else as.integer(num_words),
    n_texts = length(texts), n_tokens = v$n_tokens, n_distinct = v$n_distinct
  ), class = "rnnkit_tokenizer")
}

rnn_vocab_size <- function(tokenizer) {
  check_tokenizer(tokenizer)
  length(tokenizer$vocab) + 1L
}

rnn_encode <- function(tokenizer, texts) {
  check_tokenizer(tokenizer)
  t8 <- check_texts(texts)
  # split and looked up by the core (rnn_text_encode(), as in Octave)
  out <- .Call(rnnkit_text_encode, t8, tokenizer$level, isTRUE(tokenizer$lower),
               enc2utf8(tokenizer$filters), enc2utf8(tokenizer$vocab), !is.null(tokenizer$oov))
  names(out) <- names(texts)
  out
}

# sequences -> list of integer vectors, or a classed error naming the
# first bad element.  what: "list" (pad) or "any" (decode: list, vector, matrix).
as_sequence_list <- function(sequences, name = "sequences", what = "list") {
  if (what == "any" && is.matrix(sequences) && is.numeric(sequences)) {
    rn <- rownames(sequences)
    sequences <- unname(split(sequences, factor(row(sequences), seq_len(nrow(sequences)))))
    names(sequences) <- rn
  } else if (what == "any" && is.numeric(sequences) && is.null(dim(sequences))) {
    sequences <- list(sequences)
  }
  if (!is.list(sequences) || is.data.frame(sequences)) {
    rnnkit_abort(
      "input", "`", name, "` must be a list of integer vectors (one per sequence), as rnn_encode() returns",
      if (what == "any") ", a single integer vector, or a matrix with one sequence per row",
      "; not ", describe(sequences), ".",
      if (what == "list" && is.numeric(sequences) && is.null(dim(sequences))) {
        paste0(" For one sequence use list(", name, ").")
      }
    )
  }
  ok <- vapply(sequences, function(s) is.null(s) || (is.numeric(s) && is.null(dim(s))), NA)
  if (!all(ok)) {
    k <- which(!ok)[1]
    rnnkit_abort("input", "`", name, "[[", k, "]]` must be a vector of whole numbers, not ",
                 describe(sequences[[k]]), ".")
  }
  lens <- lengths(sequences)
  v <- unlist(sequences, use.names = FALSE)
  if (is.null(v)) v <- integer(0)
  bad <- is.na(v) | !is.finite(v) | v != round(v) | abs(v) > .Machine$integer.max
  if (any(bad)) {
    j <- which(bad)[1]
    p <- seq_position(j, lens)
    rnnkit_abort("input", "`", name, "[[", p[1], "]][", p[2], "]` is ", format(v[j]),
                 "; sequences hold whole numbers (token indices), without NA.")
  }
  list(values = as.integer(v), lengths = lens, names = names(sequences))
}

# Element j of the concatenated sequences -> c(sequence, position).
seq_position <- function(j, lens) {
  k <- which(cumsum(lens) >= j)[1]
  c(k, j - c(0, cumsum(lens))[k])
}

rnn_decode <- function(tokenizer, sequences) {
  check_tokenizer(tokenizer)
  s <- as_sequence_list(sequences, what = "any")
  # joined by the core (rnn_text_decode(), as in Octave), which also
  # names an id outside the vocabulary
  out <- .Call(rnnkit_text_decode, as.double(s$lengths), as.double(s$values),
               enc2utf8(tokenizer$vocab), tokenizer$level)
  names(out) <- s$names
  out
}

rnn_pad_sequences <- function(sequences, maxlen = NULL, padding = c("pre", "post"),
                              truncating = c("pre", "post"), value = 0L, ...) {
  check_dots(list(...), character(), "rnn_pad_sequences")
  padding <- if (identical(padding, c("pre", "post"))) "pre" else check_choice(padding, c("pre", "post"), "padding")
  truncating <- if (identical(truncating, c("pre", "post"))) "pre" else check_choice(truncating, c("pre", "post"), "truncating")
  if (!is.null(maxlen)) {
    check_count(maxlen, "maxlen", min = 1)
    if (maxlen > .Machine$integer.max) {
      rnnkit_abort("input", "`maxlen` = ", format(maxlen), " is larger than R's integer matrices allow.")
    }
  }
  if (!(is.numeric(value) && length(value) == 1 && !is.na(value) && value == round(value) &&
        abs(value) <= .Machine$integer.max)) {
    rnnkit_abort("input", "`value` (the padding index, usually 0) must be a whole number, not ",
                 if (is.numeric(value) && length(value) == 1) format(value) else describe(value), ".")
  }
  s <- as_sequence_list(sequences)
  lens <- s$lengths
  n <- length(lens)
  if (is.null(maxlen)) maxlen <- if (n) max(lens) else 0L
  maxlen <- as.integer(maxlen)
  need_memory(4 * n * maxlen, "the padded sequences") # an integer matrix
  # Keras' pre/post padding and truncation, by the core (as in Octave)
  out <- .Call(rnnkit_pad_sequences, as.double(lens), as.double(s$values), maxlen,
               padding == "post", truncating == "post", as.double(value))
  rownames(out) <- s$names
  out
}

print.rnnkit_tokenizer <- function(x, ...) {
  V <- length(x$vocab)
  unit <- if (x$level == "char") "character" else "word"
  cat("<rnnkit_tokenizer> ", unit, " level: ", V, " tokens, indices 1..", V,
      " (0 is padding); rnn_vocab_size() = ", V + 1L, "\n", sep = "")
  cat("  fitted on ", x$n_texts, " text(s), ", format(x$n_tokens, big.mark = ","), " ", unit,
      "s, ", x$n_distinct, " distinct", "\n", sep = "")
  show <- utils::head(seq_len(V), 12)
  tok <- encodeString(x$vocab[show], quote = "\"")
  cat("  vocabulary (", if (x$level == "char") "by code point" else "most frequent first",
      if (!is.null(x$oov)) ", after the oov token", "): ",
      paste(tok, collapse = " "), if (V > length(show)) " ...", "\n", sep = "")
  if (!is.null(x$num_words) && x$n_distinct > x$num_words) {
    cat("  num_words = ", x$num_words, ": the ", x$n_distinct - x$num_words,
        " rarer ", unit, "s ", if (is.null(x$oov)) "are dropped" else "map to the oov token",
        "\n", sep = "")
  }
  cat("  unknown ", unit, "s: ",
      if (is.null(x$oov)) "dropped" else paste0("index 1 (", encodeString(x$oov, quote = "\""), ")"),
      "; lower-case: ", if (x$lower) "yes" else "no",
      "; filters: ", if (nzchar(x$filters)) encodeString(x$filters, quote = "\"") else "none",
      "\n", sep = "")
  invisible(x)
}
