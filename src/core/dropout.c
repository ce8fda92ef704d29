/* Inverted dropout between stacked recurrent layers, in training only
 * (inference passes the layer's output on as it is).  One uniform draw
 * per element, in element order, from the caller's rng, so a seed fixes
 * the masks. */
#include "internal.h"

/* Forward, with keep = 1 - rate and u_k uniform on [0, 1):
 *   m_k = 1/keep if u_k < keep else 0,   out_k = h_k m_k
 * h, m and out n each (a layer's H x B x T output sequence). */
void rnn_dropout_forward(rnn_real *out, rnn_real *m, const rnn_real *h, size_t n,
                         double rate, rnn_rng *rng) {
  double keep = 1.0 - rate;
  rnn_real scale = (rnn_real)(1.0 / keep);
  size_t k;
  for (k = 0; k < n; k++) {
    m[k] = rnn_rng_unif(rng) < keep ? scale : 0.0;
    out[k] = h[k] * m[k];
  }
}

/* Backward, in place: d_k = dL/dout_k becomes dL/dh_k = d_k m_k.
 * d and m n each. */
void rnn_dropout_backward(rnn_real *d, const rnn_real *m, size_t n) {
  size_t k;
  for (k = 0; k < n; k++)
    d[k] *= m[k];
}
