/* Sampling sequences from a softmax model whose classes are its own
 * input tokens (character and word language models): feed a prime, then
 * repeatedly draw the next token from softmax(z / temperature) and feed
 * it back, one rnn_net_run() per token (batch layout, one sequence).
 *
 * Workspace (K = n_out, n = max(n_prime, 1)): the inference workspace for one
 * sequence of n steps | the input, n_in x n | the logits, K x n. */
#include "internal.h"

#include <math.h>
#include <string.h>

size_t rnn_generate_workspace(const rnn_config *cfg, size_t n_prime) {
  size_t n = n_prime > 0 ? n_prime : 1, ws;
  rnn_config lin;
  if (rnn_config_check(cfg, NULL) != RNN_OK) return 0;
  lin = *cfg;
  lin.seq_out = 1;
  ws = rnn_net_workspace(&lin, 1, n, 0);
  if (ws == 0) return 0;
  return ws + (size_t)cfg->n_in * n + (size_t)cfg->n_out * n;
}

/* Writes the model input for token tok at column t of x (n_in rows). */
static void encode(const rnn_config *cfg, double tok, double *x) {
  if (cfg->n_vocab > 0) {
    x[0] = tok;
  } else {
    memset(x, 0, sizeof(double) * (size_t)cfg->n_in);
    x[(size_t)tok] = 1.0;
  }
}

/* Draws a class from softmax(z / temperature) over classes lo..K-1
 * (temperature 0: the arg-max, the first on ties). */
static size_t draw(const double *z, size_t lo, size_t K, double temperature,
                   rnn_rng *rng) {
  size_t k, am = lo;
  double mx = z[lo], s = 0.0, u;
  for (k = lo + 1; k < K; k++)
    if (z[k] > mx) {
      mx = z[k];
      am = k;
    }
  if (temperature == 0.0) return am;
  for (k = lo; k < K; k++) s += exp((z[k] - mx) / temperature);
  u = rnn_rng_unif(rng) * s;
  for (k = lo; k < K; k++) {
    u -= exp((z[k] - mx) / temperature);
    if (u < 0.0) return k;
  }
  return am; /* u landed on the rounding slack at the top */
}

int rnn_generate(const rnn_config *cfg, const double *params,
                 const double *prime, size_t n_prime, size_t n_gen,
                 double temperature, rnn_rng *rng, double *state, double *out,
                 double *work, rnn_error *err) {
  rnn_config lin;
  size_t K, I, lo, t, k, ws;
  double *x, *z;
  int st = rnn_config_check(cfg, err);
  if (st != RNN_OK) return st;
  if (!params || !prime || !rng || !state || !work || (n_gen > 0 && !out))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_generate: NULL argument");
  if (cfg->head_act != RNN_ACT_SOFTMAX)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "generating needs a softmax output layer over the tokens");
  if (cfg->n_vocab > 0 ? cfg->n_out != cfg->n_vocab : cfg->n_out != cfg->n_in)
    return rnn_fail(err, RNN_ERR_DIM,
                    "generating feeds each drawn class back as the next "
                    "input, so the classes (%d) must be the %s (%d)",
                    cfg->n_out, cfg->n_vocab > 0 ? "tokens" : "one-hot inputs",
                    cfg->n_vocab > 0 ? cfg->n_vocab : cfg->n_in);
  if (n_prime == 0)
    return rnn_fail(err, RNN_ERR_DIM, "the prime must hold at least one token");
  if (!(temperature >= 0.0) || !isfinite(temperature))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "the temperature must be >= 0 and finite, got %g",
                    temperature);
  K = (size_t)cfg->n_out;
  I = (size_t)cfg->n_in;
  lo = cfg->n_vocab > 0 ? 1 : 0; /* padding is never drawn */
  for (t = 0; t < n_prime; t++)
    if (!(prime[t] >= (double)lo && prime[t] < (double)K &&
          prime[t] == floor(prime[t])))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "prime token %g is not a whole number in %lu..%lu",
                      prime[t], (unsigned long)lo, (unsigned long)(K - 1));
  if (!rnn_fits_int(n_prime * (I + K)))
    return rnn_fail(err, RNN_ERR_SIZE, "a prime of %lu tokens is too long",
                    (unsigned long)n_prime);
  /* the head's logits at every step: linear head, many-to-many */
  lin = *cfg;
  lin.head_act = RNN_ACT_LINEAR;
  lin.seq_out = 1;
  ws = rnn_net_workspace(&lin, 1, n_prime, 0);
  x = work + ws;
  z = x + I * n_prime;
  for (t = 0; t < n_prime; t++) encode(cfg, prime[t], x + I * t);
  if ((st = rnn_net_run(&lin, params, 1, n_prime, x, state, z, work, err)) !=
      RNN_OK)
    return st;
  z += K * (n_prime - 1); /* the last step's logits */
  for (k = 0; k < n_gen; k++) {
    size_t tok = draw(z, lo, K, temperature, rng);
    out[k] = (double)tok;
    if (k + 1 == n_gen) break;
    encode(cfg, (double)tok, x);
    if ((st = rnn_net_run(&lin, params, 1, 1, x, state, z, work, err)) != RNN_OK)
      return st;
  }
  return RNN_OK;
}
