# Text helpers: tokenizer, encode/decode, Keras' pad_sequences.

naive <- "na\u00efve caf\u00e9" # "naïve café", written with escapes so the file's encoding does not matter

test_that("a character tokenizer sorts its vocabulary by code point", {
  tok <- rnn_tokenizer("hello world")
  expect_s3_class(tok, "rnnkit_tokenizer")
  expect_equal(tok$level, "char")
  expect_equal(tok$vocab, c(" ", "d", "e", "h", "l", "o", "r", "w"))
  expect_equal(unname(tok$counts), c(1L, 1L, 1L, 1L, 3L, 2L, 1L, 1L))
  expect_equal(names(tok$counts), tok$vocab)
  expect_equal(rnn_vocab_size(tok), 9L)
  expect_equal(length(tok$vocab), 8L)
  expect_equal(rnn_encode(tok, "hello world"), list(c(4L, 3L, 5L, 5L, 6L, 1L, 8L, 6L, 7L, 5L, 2L)))
  # C-locale order (upper case before lower case, accents after ASCII),
  # whatever the order of the texts and the session's collation
  tc <- rnn_tokenizer(c("b\u00e9", "B", "aA"))
  expect_equal(tc$vocab, c("A", "B", "a", "b", "\u00e9"))
  expect_equal(rnn_tokenizer(c("aA", "B", "b\u00e9"))$vocab, tc$vocab)
})

test_that("characters round-trip, UTF-8 characters are one token each", {
  x <- c("hello world", naive, "line one\nline two\ttab", "", "\U0001F600 \u4e2d\u6587")
  tok <- rnn_tokenizer(x)
  e <- rnn_encode(tok, x)
  expect_true(all(vapply(e, is.integer, NA)))
  expect_equal(lengths(e), nchar(x, type = "chars"))
  expect_equal(length(e[[2]]), 10L)
  expect_true(all(c("\u00ef", "\u00e9", "\U0001F600", "\n", "\t") %in% tok$vocab))
  expect_identical(rnn_decode(tok, e), enc2utf8(x))
  expect_equal(Encoding(rnn_decode(tok, e)[2]), "UTF-8")
  # through a padded matrix too (0 is dropped)
  expect_identical(rnn_decode(tok, rnn_pad_sequences(e)), enc2utf8(x))
  expect_identical(rnn_decode(tok, rnn_pad_sequences(e, padding = "post")), enc2utf8(x))
  # the same text in latin1 gives the same indices
  lat <- iconv(naive, "UTF-8", "latin1")
  expect_equal(Encoding(lat), "latin1")
  expect_identical(rnn_encode(tok, lat), rnn_encode(tok, naive))
})

test_that("word tokenizer: Keras' filters, lower-casing, frequency order", {
  x <- c("The cat sat on the mat.", "The dog, the cat!")
  tok <- rnn_tokenizer(x, level = "word", lower = TRUE)
  # the 4, cat 2, then sat on mat dog (once each, in order of appearance)
  expect_equal(tok$vocab, c("the", "cat", "sat", "on", "mat", "dog"))
  expect_equal(unname(tok$counts), c(4L, 2L, 1L, 1L, 1L, 1L))
  expect_equal(rnn_vocab_size(tok), 7L)
  e <- rnn_encode(tok, x)
  expect_equal(e, list(c(1L, 2L, 3L, 4L, 1L, 5L), c(1L, 6L, 1L, 2L)))
  # decoding gives the lower-cased, filtered text with single spaces
  expect_equal(rnn_decode(tok, e), c("the cat sat on the mat", "the dog the cat"))
  # ties by first appearance, not alphabetically
  expect_equal(rnn_tokenizer(c("b a a", "c b"), "word")$vocab, c("b", "a", "c"))
  # without lower-casing The and the are different words
  expect_equal(rnn_tokenizer(x, "word")$vocab[1:3], c("The", "cat", "the"))
  # as Keras: a filtered character separates words; the apostrophe is kept
  t2 <- rnn_tokenizer("well-known don't  stop\tnow", "word")
  expect_equal(t2$vocab, c("well", "known", "don't", "stop", "now"))
  # Keras' default filters, from the core (rnn_default_filters())
  expect_identical(t2$filters, "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n")
  # filters = "" keeps punctuation attached to the words
  expect_equal(rnn_tokenizer("end. end", "word", filters = "")$vocab, c("end.", "end"))
  expect_equal(rnn_tokenizer("a;b,c", "word", filters = ";")$vocab, c("a", "b,c"))
  # unknown words are dropped without an oov token
  expect_equal(rnn_encode(tok, "the bird sat"), list(c(1L, 3L)))
  expect_equal(rnn_encode(tok, c(a = "cat", b = "")), list(a = 2L, b = integer(0)))
})

test_that("filters and lower-casing at the character level", {
  tok <- rnn_tokenizer("Ab, c!", lower = TRUE)
  expect_equal(tok$filters, "")
  expect_equal(tok$vocab, c(" ", "!", ",", "a", "b", "c"))
  expect_equal(rnn_decode(tok, rnn_encode(tok, "AB, C!")), "ab, c!")
  tf <- rnn_tokenizer("Ab, c!", filters = ",! ")
  expect_equal(tf$vocab, c("A", "b", "c"))
  expect_equal(rnn_encode(tf, "c, b"), list(c(3L, 2L)))
  # the core's rule, so no longer only in a UTF-8 locale
  expect_equal(rnn_tokenizer("CAF\u00c9", lower = TRUE)$vocab, c("a", "c", "f", "\u00e9"))
})

test_that("lower-casing is one rule in every locale: the Unicode simple mapping", {
  x <- "\u00c9T\u00c9 \u00e9t\u00e9 \u03a3\u0391\u03a3 \u0416\u0443\u043a \u0130\U0001F600"
  # capital sigma is always U+03C3 (no final form), U+0130 is "i"
  want <- c("\u00e9t\u00e9", "\u03c3\u03b1\u03c3", "\u0436\u0443\u043a", "i\U0001F600")
  expect_equal(rnn_tokenizer(x, "word", lower = TRUE)$vocab, want)
  expect_equal(
    rnn_tokenizer(x, lower = TRUE)$vocab,
    c(" ", "i", "t", "\u00e9", "\u03b1", "\u03c3", "\u0436", "\u043a", "\u0443", "\U0001F600")
  )
  # R's tolower() follows the locale: in the C locale it left these alone
  old <- Sys.getlocale("LC_CTYPE")
  on.exit(Sys.setlocale("LC_CTYPE", old), add = TRUE)
  suppressWarnings(Sys.setlocale("LC_CTYPE", "C"))
  expect_equal(rnn_tokenizer(x, "word", lower = TRUE)$vocab, want)
  tok <- rnn_tokenizer(x, "word", lower = TRUE)
  expect_equal(rnn_encode(tok, "\u00c9t\u00c9 \u0416\u0423\u041a"), list(c(1L, 3L)))
})

test_that("num_words keeps the most frequent tokens; oov takes index 1", {
  x <- c("a a a b b c d", "a b e")
  t2 <- rnn_tokenizer(x, "word", num_words = 2)
  expect_equal(t2$vocab, c("a", "b"))
  expect_equal(unname(t2$counts), c(4L, 3L))
  expect_equal(t2$n_distinct, 5L)
  expect_equal(rnn_encode(t2, "a c b z"), list(c(1L, 2L)))
  to <- rnn_tokenizer(x, "word", num_words = 2, oov = "<OOV>")
  expect_equal(to$vocab, c("<OOV>", "a", "b"))
  expect_equal(rnn_vocab_size(to), 4L)
  # the oov count is the number of occurrences of the dropped words
  expect_equal(unname(to$counts), c(3L, 4L, 3L))
  expect_equal(rnn_encode(to, "a c b z"), list(c(2L, 1L, 3L, 1L)))
  expect_equal(rnn_decode(to, list(c(2L, 1L, 3L, 0L))), "a <OOV> b")
  # the oov token is additional to num_words, and never counted twice
  # (filters apply to the texts, so an oov token made of them never occurs in them)
  expect_equal(rnn_tokenizer(c(x, "UNK UNK UNK UNK UNK"), "word", num_words = 2,
                             oov = "UNK")$vocab, c("UNK", "a", "b"))
  # num_words larger than the vocabulary changes nothing
  expect_equal(rnn_tokenizer(x, "word", num_words = 100)$vocab, c("a", "b", "c", "d", "e"))
  # characters: the most frequent, then in code-point order
  tc <- rnn_tokenizer("zzzzyyyxxw", num_words = 3)
  expect_equal(tc$vocab, c("x", "y", "z"))
  expect_equal(rnn_encode(tc, "wxyz"), list(1:3))
  tco <- rnn_tokenizer("zzzzyyyxxw", num_words = 3, oov = "?")
  expect_equal(tco$vocab, c("?", "x", "y", "z"))
  expect_equal(rnn_encode(tco, "wxyz!"), list(c(1L, 2L, 3L, 4L, 1L)))
  expect_equal(rnn_decode(tco, rnn_encode(tco, "wxyz")), "?xyz")
})

test_that("padding and truncation follow Keras' pad_sequences", {
  s <- list(1L, 2:3, 4:6)
  expect_identical(rnn_pad_sequences(s), matrix(c(0L, 0L, 1L, 0L, 2L, 3L, 4L, 5L, 6L), 3, byrow = TRUE))
  expect_identical(rnn_pad_sequences(s, value = -1),
                   matrix(c(-1L, -1L, 1L, -1L, 2L, 3L, 4L, 5L, 6L), 3, byrow = TRUE))
  expect_identical(rnn_pad_sequences(s, padding = "post"),
                   matrix(c(1L, 0L, 0L, 2L, 3L, 0L, 4L, 5L, 6L), 3, byrow = TRUE))
  # truncating = "pre" removes from the start
  expect_identical(rnn_pad_sequences(s, maxlen = 2),
                   matrix(c(0L, 1L, 2L, 3L, 5L, 6L), 3, byrow = TRUE))
  expect_identical(rnn_pad_sequences(s, maxlen = 2, truncating = "post"),
                   matrix(c(0L, 1L, 2L, 3L, 4L, 5L), 3, byrow = TRUE))
  expect_identical(rnn_pad_sequences(s, maxlen = 2, padding = "post", truncating = "post"),
                   matrix(c(1L, 0L, 2L, 3L, 4L, 5L), 3, byrow = TRUE))
  expect_identical(rnn_pad_sequences(s, maxlen = 2, padding = "post", truncating = "pre"),
                   matrix(c(1L, 0L, 2L, 3L, 5L, 6L), 3, byrow = TRUE))
  expect_identical(rnn_pad_sequences(s, maxlen = 5),
                   matrix(c(0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 2L, 3L, 0L, 0L, 4L, 5L, 6L), 3, byrow = TRUE))
  expect_identical(rnn_pad_sequences(s, maxlen = 1), matrix(c(1L, 3L, 6L), 3))
  expect_identical(rnn_pad_sequences(s, maxlen = 1, truncating = "post"), matrix(c(1L, 2L, 4L), 3))
  # empty sequences are all padding; doubles holding whole numbers are fine
  expect_identical(rnn_pad_sequences(list(integer(0), c(7, 8), NULL), maxlen = 3),
                   matrix(c(0L, 0L, 0L, 0L, 7L, 8L, 0L, 0L, 0L), 3, byrow = TRUE))
  expect_identical(rnn_pad_sequences(list(integer(0), integer(0))), matrix(0L, 2, 0))
  expect_identical(rnn_pad_sequences(list()), matrix(0L, 0, 0))
  # names become row names
  p <- rnn_pad_sequences(list(a = 1:2, b = 3L))
  expect_equal(rownames(p), c("a", "b"))
  expect_true(is.integer(p))
  # a long random case against a plain loop
  set.seed(3)
  r <- lapply(sample(0:12, 40, TRUE), function(k) sample(1:50, k, TRUE))
  for (pad in c("pre", "post")) for (tr in c("pre", "post")) {
    m <- rnn_pad_sequences(r, maxlen = 7, padding = pad, truncating = tr)
    for (i in seq_along(r)) {
      v <- r[[i]]
      if (length(v) > 7) v <- if (tr == "pre") utils::tail(v, 7) else v[1:7]
      z <- integer(7 - length(v))
      expect_identical(m[i, ], if (pad == "pre") c(z, v) else c(v, z))
    }
  }
})

test_that("decode takes a list, a vector or a matrix of rows", {
  tok <- rnn_tokenizer("abc")
  expect_equal(rnn_decode(tok, c(1, 2, 3)), "abc")
  expect_equal(rnn_decode(tok, 3:1), "cba")
  expect_equal(rnn_decode(tok, c(0L, 0L, 1L, 0L)), "a")
  expect_equal(rnn_decode(tok, list(integer(0), 2L)), c("", "b"))
  m <- matrix(c(0L, 1L, 2L, 3L, 3L, 0L), 2, byrow = TRUE, dimnames = list(c("x", "y"), NULL))
  expect_equal(rnn_decode(tok, m), c(x = "ab", y = "cc"))
  expect_equal(rnn_decode(tok, list()), character(0))
})

test_that("tokenizers are deterministic, also across locales", {
  x <- c("b\u00e9 A", naive, "\U0001F600 zZ")
  expect_identical(rnn_tokenizer(x), rnn_tokenizer(x))
  expect_identical(rnn_tokenizer(x, "word"), rnn_tokenizer(x, "word"))
  skip_on_cran()
  lib <- dirname(find.package("rnnkit"))
  script <- tempfile(fileext = ".R")
  on.exit(unlink(script))
  writeLines(c(
    sprintf("library(rnnkit, lib.loc = %s)", deparse(lib)),
    'x <- c("b\\u00e9 A", "na\\u00efve caf\\u00e9", "\\U0001F600 zZ")',
    "tok <- rnn_tokenizer(x)",
    "cat(Sys.getlocale('LC_COLLATE'), '|', utf8ToInt(paste(tok$vocab, collapse = '')), '|',",
    "    unlist(rnn_encode(tok, x)), '\\n')"
  ), script)
  rscript <- file.path(R.home("bin"), "Rscript")
  tok <- rnn_tokenizer(x)
  want <- paste(utf8ToInt(paste(tok$vocab, collapse = "")), collapse = " ")
  for (loc in c("C", "C.UTF-8")) {
    out <- system2(rscript, c("--vanilla", script), stdout = TRUE, stderr = TRUE,
                   env = c(paste0("LC_ALL=", loc), paste0("LANG=", loc)))
    parts <- trimws(strsplit(out[length(out)], "|", fixed = TRUE)[[1]])
    expect_equal(parts[2], want, info = loc)
    expect_equal(parts[3], paste(unlist(rnn_encode(tok, x)), collapse = " "), info = loc)
  }
})

test_that("print shows the level, size and the first tokens", {
  tok <- rnn_tokenizer("hello\nworld")
  expect_output(print(tok), "character level: 8 tokens, indices 1..8 \\(0 is padding\\); rnn_vocab_size\\(\\) = 9")
  expect_output(print(tok), '"\\\\n" "d" "e"', fixed = FALSE)
  expect_output(print(tok), "unknown characters: dropped")
  tw <- rnn_tokenizer(c("a a b c"), "word", num_words = 1, oov = "<unk>")
  expect_output(print(tw), "word level: 2 tokens")
  expect_output(print(tw), "the 2 rarer words map to the oov token")
  expect_output(print(tw), 'unknown words: index 1 \\("<unk>"\\)')
  capture.output(v <- withVisible(print(tw)))
  expect_false(v$visible)
})

test_that("bad input gets classed errors that say what to fix", {
  tok <- rnn_tokenizer("abc")
  e <- function(expr, msg) expect_error(expr, msg, class = "rnnkit_error_input")
  e(rnn_tokenizer(1:3), "must be a character vector")
  e(rnn_tokenizer(list("a", "b")), "unlist")
  e(rnn_tokenizer(factor("a")), "as.character")
  e(rnn_tokenizer(c("a", NA, NA)), "2 missing value\\(s\\), the first at texts\\[2\\]")
  e(rnn_tokenizer(c("", "")), "no characters; the vocabulary would be empty")
  e(rnn_tokenizer(character(0)), "vocabulary would be empty")
  e(rnn_tokenizer("... !!", "word"), "no words once the filters are removed")
  e(rnn_tokenizer("unk unk", "word", oov = "unk"), "only the `oov` token")
  e(rnn_tokenizer("abc", level = "chars"), 'Did you mean "char"')
  e(rnn_tokenizer("abc", level = "wrod"), 'Did you mean "word"')
  e(rnn_tokenizer("abc", num_words = 0), "num_words")
  e(rnn_tokenizer("abc", num_words = 2.5), "num_words")
  e(rnn_tokenizer("abc", oov = NA_character_), "`oov` must be a single non-empty string")
  e(rnn_tokenizer("abc", oov = ""), "`oov` must be a single non-empty string")
  e(rnn_tokenizer("abc", filters = 1), "`filters` must be a single string")
  e(rnn_tokenizer("abc", lower = "yes"), "`lower` must be TRUE or FALSE")
  bad <- "caf\xe9"
  Encoding(bad) <- "bytes"
  e(rnn_tokenizer(c("ok", bad)), "texts\\[2\\]` is not valid UTF-8.*iconv")
  e(rnn_encode("abc", tok), "The arguments are \\(tokenizer, texts\\)")
  e(rnn_encode(tok, tok), "arguments are \\(tokenizer, texts\\)")
  e(rnn_encode(tok, NA_character_), "missing value")
  e(rnn_decode(tok, list(1:3, c(0, 9))), "sequence 2, position 2 holds 9, outside 0..3")
  e(rnn_decode(tok, -1), "outside 0..3")
  e(rnn_decode(tok, list(1, 1.5)), "sequences\\[\\[2\\]\\]\\[1\\]` is 1.5")
  e(rnn_decode(tok, "abc"), "must be a list of integer vectors")
  e(rnn_vocab_size(list(vocab = "a")), "made by rnn_tokenizer")
  e(rnn_pad_sequences(1:3), "For one sequence use list\\(sequences\\)")
  e(rnn_pad_sequences(list(1:3), maxlen = 0), "`maxlen` must be a whole number >= 1, not 0")
  e(rnn_pad_sequences(list(1:3), maxlen = NA), "`maxlen`")
  e(rnn_pad_sequences(list(1:3), padding = "psot"), 'Did you mean "post"')
  e(rnn_pad_sequences(list(1:3), truncating = "end"), '"pre", "post"')
  e(rnn_pad_sequences(list(1:3, c(1, NA)), maxlen = 2), "sequences\\[\\[2\\]\\]\\[2\\]` is NA")
  e(rnn_pad_sequences(list(1:3, "a")), "sequences\\[\\[2\\]\\]` must be a vector of whole numbers")
  e(rnn_pad_sequences(list(1:3), value = 0.5), "`value`")
  e(rnn_pad_sequences(list(1:3), value = NA), "`value`")
})

test_that("the tiny Shakespeare corpus: 65 characters, an exact round trip", {
  path <- test_path("..", "..", "..", "shared", "data", "tinyshakespeare.txt")
  skip_if_not(file.exists(path), "../shared/data is not here")
  x <- readChar(path, file.size(path))
  tok <- rnn_tokenizer(x)
  expect_equal(length(tok$vocab), 65L)
  expect_equal(rnn_vocab_size(tok), 66L)
  expect_equal(tok$vocab[1:3], c("\n", " ", "!"))
  e <- rnn_encode(tok, x)[[1]]
  expect_equal(length(e), 1115394L)
  expect_identical(rnn_decode(tok, e), x)
})
