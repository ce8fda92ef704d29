/* Gradient clipping and the optimizers, with Keras' update rules and
 * defaults so that results read like the Keras examples users know. */
#include "internal.h"

#include <math.h>

void rnn_clip_grad(rnn_real *grad, size_t n, double clipnorm, double clipvalue) {
  size_t k;
  if (clipnorm > 0) {
    double s = 0.0;
    for (k = 0; k < n; k++) s += grad[k] * grad[k];
    s = sqrt(s);
    if (s > clipnorm) {
      rnn_real f = (rnn_real)(clipnorm / s);
      for (k = 0; k < n; k++) grad[k] *= f;
    }
  }
  if (clipvalue > 0)
    for (k = 0; k < n; k++) {
      if (grad[k] > clipvalue) grad[k] = clipvalue;
      else if (grad[k] < -clipvalue) grad[k] = -clipvalue;
    }
}

/* state: first n doubles m (velocity / mean square / first moment),
 * next n doubles v (Adam's second moment). */
void rnn_optim_step(const rnn_train_config *tc, rnn_real *p, const rnn_real *g,
                    rnn_real *state, size_t n, long step) {
  rnn_real *m = state, *v = state + n;
  double lr = tc->lr;
  size_t k;
  switch (tc->optimizer) {
  case RNN_OPT_SGD: /* v = momentum v - lr g;  p += v */
    for (k = 0; k < n; k++) {
      m[k] = tc->momentum * m[k] - lr * g[k];
      p[k] += m[k];
    }
    break;
  case RNN_OPT_RMSPROP: /* ms = rho ms + (1-rho) g^2;  p -= lr g/(sqrt(ms)+eps) */
    for (k = 0; k < n; k++) {
      m[k] = tc->rho * m[k] + (1.0 - tc->rho) * g[k] * g[k];
      p[k] -= lr * g[k] / (sqrt(m[k]) + tc->eps);
    }
    break;
  default: { /* Adam, Keras form: alpha = lr sqrt(1-b2^t)/(1-b1^t) */
    double t = (double)step;
    double alpha = lr * sqrt(1.0 - pow(tc->beta2, t)) / (1.0 - pow(tc->beta1, t));
    for (k = 0; k < n; k++) {
      m[k] = tc->beta1 * m[k] + (1.0 - tc->beta1) * g[k];
      v[k] = tc->beta2 * v[k] + (1.0 - tc->beta2) * g[k] * g[k];
      p[k] -= alpha * m[k] / (sqrt(v[k]) + tc->eps);
    }
  }
  }
}
