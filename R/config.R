# The core's schema (src/core/schema.c): the names behind its codes, in
# code order (schema()$cell is c(simple = 0L, lstm = 1L, gru = 2L); also
# activation, loss, optimizer, scaler, init, level, record_type and
# record_kind), the training defaults (schema()$defaults) and the output
# activation each loss implies (schema()$head).
schema <- function() .Call(rnnkit_schema)

# Gate blocks per cell, for parameter counts and coef() names.
.gates <- list(simple = "h", lstm = c("i", "f", "g", "o"), gru = c("r", "z", "n"))

# n_vocab > 0: token input through an embedding of n_embed (n_in is 1).
new_config <- function(cell, activation, n_in, units, n_out, output_activation,
                       seq_out, dropout, n_vocab = 0L, n_embed = 0L) {
  sc <- schema()
  cfg <- list(
    cell = cell, cell_code = sc$cell[[cell]],
    activation = activation, activation_code = sc$activation[[activation]],
    n_in = as.integer(n_in), units = as.integer(units),
    n_out = as.integer(n_out),
    output_activation = output_activation,
    head_act_code = sc$activation[[output_activation]],
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
