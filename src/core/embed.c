/* The embedding of token input: a lookup table E (D x V, column v the
 * vector of token v, D = n_embed, V = n_vocab) in front of the first
 * recurrent layer.  Token 0 is padding: it is embedded like any other,
 * but its mask entry 0 makes the cells keep their state over it, and it
 * gets no gradient. */
#include "internal.h"

#include <math.h>
#include <string.h>

int rnn_check_tokens(const rnn_config *cfg, const double *x, size_t n,
                     rnn_error *err) {
  size_t k;
  if (cfg->n_vocab <= 0) return RNN_OK;
  for (k = 0; k < n; k++)
    if (!(x[k] >= 0 && x[k] < cfg->n_vocab && x[k] == floor(x[k])))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "token %g is not a whole number in 0..%d (0 is "
                      "padding)",
                      x[k], cfg->n_vocab - 1);
  return RNN_OK;
}

/* Forward, for n tokens x (checked by rnn_check_tokens()):
 *   xe[:, k] = E[:, x_k],   mask_k = (x_k != 0)
 * x n, E D x V, xe D x n, mask n. */
void rnn_embed_forward(double *xe, double *mask, const double *E,
                       const double *x, size_t n, size_t D) {
  size_t k;
  for (k = 0; k < n; k++) {
    size_t tok = (size_t)x[k];
    memcpy(xe + D * k, E + D * tok, sizeof(double) * D);
    mask[k] = tok != 0 ? 1.0 : 0.0;
  }
}

/* Backward, accumulating, in increasing k:
 *   dE[:, x_k] += dxe[:, k]   for every x_k != 0 (padding gets none)
 * x n, dxe D x n, dE D x V. */
void rnn_embed_backward(double *dE, const double *dxe, const double *x,
                        size_t n, size_t D) {
  size_t k, i;
  for (k = 0; k < n; k++) {
    size_t tok = (size_t)x[k];
    if (tok == 0) continue;
    for (i = 0; i < D; i++)
      dE[i + D * tok] += dxe[i + D * k];
  }
}
