/* Element-wise activations of the head and SimpleRNN, and their
 * backward maps expressed through the stored outputs y = act(z). */
#include "internal.h"

#include <math.h>

double rnn_sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

/* z (n_rows x n_cols) is replaced by act(z); softmax acts on each column. */
void rnn_activate(int act, double *z, size_t n_rows, size_t n_cols) {
  size_t n = n_rows * n_cols, i, j;
  switch (act) {
  case RNN_ACT_TANH:
    for (i = 0; i < n; i++) z[i] = tanh(z[i]);
    break;
  case RNN_ACT_SIGMOID:
    for (i = 0; i < n; i++) z[i] = rnn_sigmoid(z[i]);
    break;
  case RNN_ACT_RELU:
    for (i = 0; i < n; i++) z[i] = z[i] > 0 ? z[i] : 0.0;
    break;
  case RNN_ACT_SOFTMAX:
    for (j = 0; j < n_cols; j++) {
      double *c = z + n_rows * j, mx = c[0], s = 0.0;
      for (i = 1; i < n_rows; i++)
        if (c[i] > mx) mx = c[i];
      for (i = 0; i < n_rows; i++) s += (c[i] = exp(c[i] - mx));
      for (i = 0; i < n_rows; i++) c[i] /= s;
    }
    break;
  default: /* linear */
    break;
  }
}

/* dz holds dL/dy on entry and dL/dz on exit, with y = act(z). */
void rnn_activate_backward(int act, const double *y, double *dz, size_t n_rows,
                           size_t n_cols) {
  size_t n = n_rows * n_cols, i, j;
  switch (act) {
  case RNN_ACT_TANH:
    for (i = 0; i < n; i++) dz[i] *= 1.0 - y[i] * y[i];
    break;
  case RNN_ACT_SIGMOID:
    for (i = 0; i < n; i++) dz[i] *= y[i] * (1.0 - y[i]);
    break;
  case RNN_ACT_RELU:
    for (i = 0; i < n; i++) dz[i] = y[i] > 0 ? dz[i] : 0.0;
    break;
  case RNN_ACT_SOFTMAX: /* dz = y * (dy - <dy, y>) per column */
    for (j = 0; j < n_cols; j++) {
      const double *p = y + n_rows * j;
      double *d = dz + n_rows * j, s = 0.0;
      for (i = 0; i < n_rows; i++) s += d[i] * p[i];
      for (i = 0; i < n_rows; i++) d[i] = p[i] * (d[i] - s);
    }
    break;
  default:
    break;
  }
}
