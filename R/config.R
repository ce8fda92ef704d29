# Codes shared with the C core (src/core/rnnkit.h); keep them in step.
.cells <- c(simple = 0L, lstm = 1L, gru = 2L)
.acts <- c(linear = 0L, tanh = 1L, sigmoid = 2L, softmax = 3L, relu = 4L)
.losses <- c(mse = 0L, mae = 1L, bce = 2L, sparse_ce = 3L)
.optimizers <- c(sgd = 0L, rmsprop = 1L, adam = 2L)
.inits <- c(orthogonal = 0L, identity = 1L)

# Gate blocks per cell, for parameter counts and coef() names.
.gates <- list(simple = "h", lstm = c("i", "f", "g", "o"), gru = c("r", "z", "n"))

# n_vocab > 0: token input through an embedding of n_embed (n_in is 1).
new_config <- function(cell, activation, n_in, units, n_out, output_activation,
                       seq_out, dropout, n_vocab = 0L, n_embed = 0L) {
  cfg <- list(
    cell = cell, cell_code = .cells[[cell]],
    activation = activation, activation_code = .acts[[activation]],
    n_in = as.integer(n_in), units = as.integer(units),
    n_out = as.integer(n_out),
    output_activation = output_activation,
    head_act_code = .acts[[output_activation]],
    seq_out = as.integer(seq_out), dropout = as.double(dropout)
  )
  # only token models carry the fields, so older models' files, digests
  # and identical() comparisons are unchanged
  if (n_vocab > 0) {
    cfg$n_vocab <- as.integer(n_vocab)
    cfg$n_embed <- as.integer(n_embed)
  }
  cfg
}

# Vocabulary size of a model's token input (0: numeric features).
n_vocab <- function(config) if (is.null(config$n_vocab)) 0L else config$n_vocab

# A 64-bit seed for the core's generator as two 32-bit halves. NULL draws
# it from R's RNG, so set.seed() governs every random number of a fit; a
# number gives the same stream as Octave's 'Seed' option.
core_seed <- function(seed = NULL) {
  if (is.null(seed)) {
    return(floor(stats::runif(2) * 2^32))
  }
  check_count(seed, "seed", min = 0, max = 2^53) # exact in a double
  c(floor(seed / 2^32), seed %% 2^32)
}
