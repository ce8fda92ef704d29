/* Keras' and PyTorch's weight layouts of one recurrent layer, to and
 * from the core's flat parameter vector (see rnnkit.h).
 *
 * The core stacks gate blocks by rows in PyTorch's order, so PyTorch's
 * weights are the core's W_x and W_h as they are; Keras keeps them
 * transposed, blocks side by side in the columns, in its own order
 * (LSTM i f c o, the same; GRU z r h, where the core has r z n). */
#include "internal.h"

#include <string.h>

/* Keras' block (0-based) of the core's block j. */
static size_t keras_block(int cell, size_t j) {
  return cell == RNN_CELL_GRU && j < 2 ? 1 - j : j;
}

/* The one layer of cfg: its sizes, and an error unless it is the only
 * recurrent layer of a model without embedding (what these functions
 * read and write). */
static int one_layer(const rnn_config *cfg, rnn_view *v, double *params,
                     rnn_error *err) {
  int st;
  if ((st = rnn_config_check(cfg, err)) != RNN_OK) return st;
  if (!params) return rnn_fail(err, RNN_ERR_INPUT, "params is NULL");
  if (cfg->n_layers != 1 || cfg->n_vocab > 0 || cfg->n_series > 0)
    return rnn_fail(err, RNN_ERR_DIM,
                    "a layer's weights are of one recurrent layer without "
                    "embedding, not %d layers (n_vocab %d)",
                    cfg->n_layers, cfg->n_vocab);
  rnn_view_bind(cfg, params, v);
  return RNN_OK;
}

/* The identity head of a layer model: W_y = I, b_y = 0, so the head's
 * output at every step is exactly h_t. */
static int identity_head(const rnn_config *cfg, rnn_view *v, rnn_error *err) {
  size_t H = (size_t)cfg->n_hidden[0], k;
  if ((size_t)cfg->n_out != H || cfg->head_act != RNN_ACT_LINEAR)
    return rnn_fail(err, RNN_ERR_DIM,
                    "a layer model has an identity head: n_out = units = "
                    "%lu and a linear output, not n_out = %d",
                    (unsigned long)H, cfg->n_out);
  memset(v->Wy, 0, sizeof(double) * H * H);
  memset(v->by, 0, sizeof(double) * H);
  for (k = 0; k < H; k++) v->Wy[k + H * k] = 1.0;
  return RNN_OK;
}

int rnn_params_from_keras(const rnn_config *cfg, const double *kernel,
                          const double *recurrent_kernel, const double *bias,
                          double *params, rnn_error *err) {
  rnn_view v;
  size_t I, H, GH, G, j, u, i;
  int st;
  if ((st = one_layer(cfg, &v, params, err)) != RNN_OK) return st;
  if (!kernel || !recurrent_kernel)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_params_from_keras: NULL kernel");
  if ((st = identity_head(cfg, &v, err)) != RNN_OK) return st;
  I = (size_t)cfg->n_in;
  H = (size_t)cfg->n_hidden[0];
  G = (size_t)rnn_cell_gates(cfg->cell);
  GH = G * H;
  for (j = 0; j < G; j++)
    for (u = 0; u < H; u++) {
      size_t row = j * H + u, col = keras_block(cfg->cell, j) * H + u;
      rnn_layer_view *w = &v.layer[0];
      for (i = 0; i < I; i++) w->Wx[row + GH * i] = kernel[i + I * col];
      for (i = 0; i < H; i++)
        w->Wh[row + GH * i] = recurrent_kernel[i + H * col];
      if (cfg->cell == RNN_CELL_GRU) {
        w->b[row] = bias ? bias[2 * col] : 0.0;
        w->bh[row] = bias ? bias[2 * col + 1] : 0.0;
      } else {
        w->b[row] = bias ? bias[col] : 0.0;
      }
    }
  return RNN_OK;
}

int rnn_params_to_keras(const rnn_config *cfg, const double *params,
                        double *kernel, double *recurrent_kernel, double *bias,
                        rnn_error *err) {
  rnn_view v;
  size_t I, H, GH, G, j, u, i;
  int st;
  if ((st = one_layer(cfg, &v, (double *)params, err)) != RNN_OK) return st;
  if (!kernel || !recurrent_kernel || !bias)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_params_to_keras: NULL output");
  I = (size_t)cfg->n_in;
  H = (size_t)cfg->n_hidden[0];
  G = (size_t)rnn_cell_gates(cfg->cell);
  GH = G * H;
  for (j = 0; j < G; j++)
    for (u = 0; u < H; u++) {
      size_t row = j * H + u, col = keras_block(cfg->cell, j) * H + u;
      const rnn_layer_view *w = &v.layer[0];
      for (i = 0; i < I; i++) kernel[i + I * col] = w->Wx[row + GH * i];
      for (i = 0; i < H; i++)
        recurrent_kernel[i + H * col] = w->Wh[row + GH * i];
      if (cfg->cell == RNN_CELL_GRU) {
        bias[2 * col] = w->b[row];
        bias[2 * col + 1] = w->bh[row];
      } else {
        bias[col] = w->b[row];
      }
    }
  return RNN_OK;
}

int rnn_params_from_torch(const rnn_config *cfg, const double *weight_ih,
                          const double *weight_hh, const double *bias_ih,
                          const double *bias_hh, double *params,
                          rnn_error *err) {
  rnn_view v;
  rnn_layer_view *w;
  size_t H, GH, k;
  int st;
  if ((st = one_layer(cfg, &v, params, err)) != RNN_OK) return st;
  if (!weight_ih || !weight_hh)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_params_from_torch: NULL weight");
  if ((st = identity_head(cfg, &v, err)) != RNN_OK) return st;
  w = &v.layer[0];
  H = (size_t)cfg->n_hidden[0];
  GH = (size_t)rnn_cell_gates(cfg->cell) * H;
  memcpy(w->Wx, weight_ih, sizeof(double) * GH * (size_t)cfg->n_in);
  memcpy(w->Wh, weight_hh, sizeof(double) * GH * H);
  for (k = 0; k < GH; k++) {
    double bi = bias_ih ? bias_ih[k] : 0.0, bh = bias_hh ? bias_hh[k] : 0.0;
    if (cfg->cell == RNN_CELL_GRU) {
      w->b[k] = bi;
      w->bh[k] = bh;
    } else {
      w->b[k] = bi + bh; /* only the sum of PyTorch's two biases counts */
    }
  }
  return RNN_OK;
}

int rnn_params_to_torch(const rnn_config *cfg, const double *params,
                        double *weight_ih, double *weight_hh, double *bias_ih,
                        double *bias_hh, rnn_error *err) {
  rnn_view v;
  const rnn_layer_view *w;
  size_t H, GH, k;
  int st;
  if ((st = one_layer(cfg, &v, (double *)params, err)) != RNN_OK) return st;
  if (!weight_ih || !weight_hh || !bias_ih || !bias_hh)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_params_to_torch: NULL output");
  w = &v.layer[0];
  H = (size_t)cfg->n_hidden[0];
  GH = (size_t)rnn_cell_gates(cfg->cell) * H;
  memcpy(weight_ih, w->Wx, sizeof(double) * GH * (size_t)cfg->n_in);
  memcpy(weight_hh, w->Wh, sizeof(double) * GH * H);
  for (k = 0; k < GH; k++) {
    bias_ih[k] = w->b[k];
    bias_hh[k] = cfg->cell == RNN_CELL_GRU ? w->bh[k] : 0.0;
  }
  return RNN_OK;
}
