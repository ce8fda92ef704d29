# Cross-host test of token models, R side 1: four fits (embedding with
# padding, many-to-many and many-to-one; stateful language models on
# rnn_text_data of tokens and of a UTF-8 text), their files and
# predictions, and tokens and text sampled with rnn_generate(). tokens.m fits the same in Octave; tokens_back.R reads
# Octave's files back.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
source(file.path(args[2], "token_fits.R"))
fits <- token_fits()
for (k in seq_along(fits)) {
  rnn_save(fits[[k]], file.path(dir, sprintf("r_tok%d.rnnk", k)))
}
d <- token_data()
writeBin(c(as.double(predict(fits[[1]], d$x_pre)), as.double(predict(fits[[2]], d$x_post))),
         file.path(dir, "r_tok_pred.bin"), endian = "little")
gen <- rnn_generate(fits[[3]], c(1, 2, 3), n = 60, temperature = 0.9, seed = 21)
writeBin(as.double(gen), file.path(dir, "r_tok_gen.bin"), endian = "little")
txt <- rnn_generate(fits[[4]], "the ", n = 80, temperature = 0.8, seed = 9)
writeBin(charToRaw(enc2utf8(txt)), file.path(dir, "r_tok_text.bin"))
# tokenizer output on Unicode text (mixed case, accents, Greek, Cyrillic,
# emoji, a word list with Keras' filters), lower-cased: tokens.m reads the
# same texts and must write the same bytes
uni <- c(
  "\u00c9t\u00e9 \u00e0 Paris, \u00c9COLE! \u03a3\u0391\u03a3 \u03c3\u03b1\u03c2 \u1f48\u03b4\u03c5\u03c3\u03c3\u03b5\u03cd\u03c2",
  "\u0416\u0443\u043a \u0416\u0423\u041a \U0001F600 Emoji\U0001F600 \u00d8re \u0152uvre",
  "\u0130stanbul don't-stop \u01c5 \uff21\uff22 na\u00efve NA\u00cfVE cat; CAT. Cat",
  "\u00c9T\u00c9 \u0416\u0423\u041a zzz"
)
writeBin(charToRaw(enc2utf8(paste(uni, collapse = "\n"))), file.path(dir, "r_uni_texts.bin"))
token_report <- function(x, probe) {
  out <- character()
  for (level in c("char", "word")) {
    # lower-cased with an oov token; mixed case kept, the 7 most frequent
    for (lower in c(TRUE, FALSE)) {
      tok <- if (lower) rnn_tokenizer(x, level, lower = TRUE, oov = "<OOV>")
             else rnn_tokenizer(x, level, num_words = 7)
      e <- rnn_encode(tok, c(x, probe))
      out <- c(out, paste0(level, ":"), paste(tok$vocab, tok$counts, sep = "\t"),
               paste(tok$n_tokens, tok$n_distinct),
               vapply(e, paste, "", collapse = " "), rnn_decode(tok, e))
    }
  }
  enc2utf8(paste(out, collapse = "\n"))
}
writeBin(charToRaw(token_report(uni[1:3], uni[4])), file.path(dir, "r_uni_tokens.bin"))
cat("R: 4 token fits, 60 sampled tokens and a sampled text written\n")
