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
cat("R: 4 token fits, 60 sampled tokens and a sampled text written\n")
