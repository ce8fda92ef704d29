/* The model's configuration, its flat parameter layout (see rnnkit.h)
 * and weight initialisation. */
#include "internal.h"

#include <math.h>
#include <string.h>

int rnn_cell_gates(int cell) {
  return cell == RNN_CELL_LSTM ? 4 : cell == RNN_CELL_GRU ? 3 : 1;
}

/* Largest unit count accepted: keeps G*H*(I+H) and every BLAS dimension
 * far inside INT_MAX and size_t on 32-bit hosts alike. */
#define RNN_MAX_UNITS 100000
#define RNN_MAX_OUT 1000000

int rnn_config_check(const rnn_config *cfg, rnn_error *err) {
  int l;
  if (!cfg) return rnn_fail(err, RNN_ERR_INPUT, "the model configuration is NULL");
  if (cfg->cell < RNN_CELL_SIMPLE || cfg->cell > RNN_CELL_GRU)
    return rnn_fail(err, RNN_ERR_INPUT, "unknown cell type %d", cfg->cell);
  if (cfg->cell == RNN_CELL_SIMPLE && cfg->activation != RNN_ACT_TANH &&
      cfg->activation != RNN_ACT_RELU)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "SimpleRNN activation must be tanh or relu (code %d given)",
                    cfg->activation);
  if (cfg->n_in < 1 || cfg->n_in > RNN_MAX_UNITS)
    return rnn_fail(err, RNN_ERR_DIM, "n_in must be in 1..%d, got %d",
                    RNN_MAX_UNITS, cfg->n_in);
  if (cfg->n_layers < 1 || cfg->n_layers > RNN_MAX_LAYERS)
    return rnn_fail(err, RNN_ERR_DIM, "the number of layers must be in 1..%d, got %d",
                    RNN_MAX_LAYERS, cfg->n_layers);
  for (l = 0; l < cfg->n_layers; l++)
    if (cfg->n_hidden[l] < 1 || cfg->n_hidden[l] > RNN_MAX_UNITS)
      return rnn_fail(err, RNN_ERR_DIM, "layer %d: units must be in 1..%d, got %d",
                      l + 1, RNN_MAX_UNITS, cfg->n_hidden[l]);
  if (cfg->n_out < 1 || cfg->n_out > RNN_MAX_OUT)
    return rnn_fail(err, RNN_ERR_DIM, "n_out must be in 1..%d, got %d",
                    RNN_MAX_OUT, cfg->n_out);
  if (cfg->head_act < RNN_ACT_LINEAR || cfg->head_act > RNN_ACT_SOFTMAX)
    return rnn_fail(err, RNN_ERR_INPUT, "unknown head activation %d", cfg->head_act);
  if (cfg->seq_out != 0 && cfg->seq_out != 1)
    return rnn_fail(err, RNN_ERR_INPUT, "seq_out must be 0 or 1");
  if (!(cfg->dropout >= 0.0 && cfg->dropout < 1.0))
    return rnn_fail(err, RNN_ERR_INPUT, "dropout must be in [0, 1), got %g",
                    cfg->dropout);
  if (cfg->n_vocab < 0 || cfg->n_vocab > RNN_MAX_OUT)
    return rnn_fail(err, RNN_ERR_DIM, "n_vocab must be in 0..%d, got %d",
                    RNN_MAX_OUT, cfg->n_vocab);
  if (cfg->n_vocab > 0) {
    if (cfg->n_vocab < 2)
      return rnn_fail(err, RNN_ERR_DIM,
                      "an embedding needs at least 2 tokens (padding 0 and "
                      "one more), got n_vocab = %d",
                      cfg->n_vocab);
    if (cfg->n_embed < 1 || cfg->n_embed > RNN_MAX_UNITS)
      return rnn_fail(err, RNN_ERR_DIM, "n_embed must be in 1..%d, got %d",
                      RNN_MAX_UNITS, cfg->n_embed);
    if ((double)cfg->n_vocab * cfg->n_embed > 2147483647.0)
      return rnn_fail(err, RNN_ERR_SIZE,
                      "an embedding of %d tokens x %d is too large",
                      cfg->n_vocab, cfg->n_embed);
    if (cfg->n_in != 1)
      return rnn_fail(err, RNN_ERR_DIM,
                      "token input has one feature (the token), not n_in = %d",
                      cfg->n_in);
  } else if (cfg->n_embed != 0) {
    return rnn_fail(err, RNN_ERR_INPUT,
                    "n_embed = %d without token input (n_vocab = 0)",
                    cfg->n_embed);
  }
  if (cfg->n_series < 0 || cfg->n_series > RNN_MAX_OUT)
    return rnn_fail(err, RNN_ERR_DIM, "n_series must be in 0..%d, got %d",
                    RNN_MAX_OUT, cfg->n_series);
  if (cfg->n_series > 0) { /* issue 16: a series embedding */
    if (cfg->n_vocab > 0)
      return rnn_fail(err, RNN_ERR_INPUT,
                      "a series embedding is for numeric input, not tokens");
    if (cfg->series_embed < 1 || cfg->series_embed > RNN_MAX_UNITS)
      return rnn_fail(err, RNN_ERR_DIM,
                      "the series embedding's width must be in 1..%d, got %d",
                      RNN_MAX_UNITS, cfg->series_embed);
    if ((double)cfg->n_series * cfg->series_embed > 2147483647.0)
      return rnn_fail(err, RNN_ERR_SIZE,
                      "a series embedding of %d series x %d is too large",
                      cfg->n_series, cfg->series_embed);
  } else if (cfg->series_embed != 0) {
    return rnn_fail(err, RNN_ERR_INPUT,
                    "series_embed = %d without series (n_series = 0)",
                    cfg->series_embed);
  }
  if (cfg->precision != RNN_PREC_DOUBLE && cfg->precision != RNN_PREC_SINGLE)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "precision must be 0 (double) or 1 (single), got %d",
                    cfg->precision);
  return RNN_OK;
}

static size_t layer_params(const rnn_config *cfg, size_t I, size_t H) {
  size_t GH = (size_t)rnn_cell_gates(cfg->cell) * H;
  return GH * (I + H + 1) + (cfg->cell == RNN_CELL_GRU ? GH : 0);
}

/* Width of the first recurrent layer's input. */
size_t rnn_first_width(const rnn_config *cfg) {
  if (cfg->n_series > 0)
    return (size_t)cfg->n_in - 1 + (size_t)cfg->series_embed;
  return cfg->n_vocab > 0 ? (size_t)cfg->n_embed : (size_t)cfg->n_in;
}
#define first_width rnn_first_width

size_t rnn_n_params(const rnn_config *cfg) {
  size_t n = 0, I;
  int l;
  if (rnn_config_check(cfg, NULL) != RNN_OK) return 0;
  I = first_width(cfg);
  if (cfg->n_vocab > 0) n = (size_t)cfg->n_vocab * (size_t)cfg->n_embed;
  if (cfg->n_series > 0) n = (size_t)cfg->n_series * (size_t)cfg->series_embed;
  for (l = 0; l < cfg->n_layers; l++) {
    n += layer_params(cfg, I, (size_t)cfg->n_hidden[l]);
    I = (size_t)cfg->n_hidden[l];
  }
  return n + (size_t)cfg->n_out * (I + 1);
}

/* The one binding, for a double parameter vector (rnn_view_bind()) and a
 * float one (rnn_view_bind_f(), the single-precision engine's, issue 19) */
#define RNN_VIEW_BIND(LVIEW) \
{ \
  size_t I = first_width(cfg); \
  int l, G = rnn_cell_gates(cfg->cell); \
  memset(v, 0, sizeof *v); \
  if (cfg->n_vocab > 0) { \
    v->E = p; \
    p += (size_t)cfg->n_vocab * (size_t)cfg->n_embed; \
  } \
  if (cfg->n_series > 0) { \
    v->S = p; \
    p += (size_t)cfg->n_series * (size_t)cfg->series_embed; \
  } \
  for (l = 0; l < cfg->n_layers; l++) { \
    size_t H = (size_t)cfg->n_hidden[l], GH = (size_t)G * H; \
    LVIEW *w = &v->layer[l]; \
    w->n_in = (int)I; \
    w->n_hidden = (int)H; \
    w->Wx = p; \
    w->Wh = w->Wx + GH * I; \
    w->b = w->Wh + GH * H; \
    p = w->b + GH; \
    if (cfg->cell == RNN_CELL_GRU) { \
      w->bh = p; \
      p += GH; \
    } \
    I = H; \
  } \
  v->Wy = p; \
  v->by = p + (size_t)cfg->n_out * I; \
}

void rnn_view_bind(const rnn_config *cfg, double *p, rnn_view *v)
RNN_VIEW_BIND(rnn_layer_view)

void rnn_view_bind_f(const rnn_config *cfg, float *p, rnn_view_f *v)
RNN_VIEW_BIND(rnn_layer_view_f)

size_t rnn_init_workspace(const rnn_config *cfg) {
  size_t need = 0;
  int l, G;
  if (rnn_config_check(cfg, NULL) != RNN_OK) return 0;
  G = rnn_cell_gates(cfg->cell);
  for (l = 0; l < cfg->n_layers; l++) {
    size_t H = (size_t)cfg->n_hidden[l];
    size_t w = rnn_orthogonal_workspace((size_t)G * H, H);
    if (w > need) need = w;
  }
  return need;
}

/* Keras' glorot_uniform: U(-a, a) with a = sqrt(6 / (fan_in + fan_out)). */
static void glorot(double *W, size_t n_elem, size_t fan_in, size_t fan_out,
                   rnn_rng *rng) {
  double a = sqrt(6.0 / (double)(fan_in + fan_out));
  size_t k;
  for (k = 0; k < n_elem; k++) W[k] = a * (2.0 * rnn_rng_unif(rng) - 1.0);
}

int rnn_init_params(const rnn_config *cfg, int recurrent_init, double *params,
                    rnn_rng *rng, double *work, rnn_error *err) {
  rnn_view v;
  int l, st, G;
  if ((st = rnn_config_check(cfg, err)) != RNN_OK) return st;
  if (!params || !rng || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_init_params: NULL argument");
  if (recurrent_init == RNN_INIT_IDENTITY && cfg->cell != RNN_CELL_SIMPLE)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "identity recurrent initialisation is for SimpleRNN only");
  if (recurrent_init != RNN_INIT_IDENTITY &&
      recurrent_init != RNN_INIT_ORTHOGONAL)
    return rnn_fail(err, RNN_ERR_INPUT, "unknown recurrent initialiser %d",
                    recurrent_init);
  G = rnn_cell_gates(cfg->cell);
  memset(params, 0, sizeof(double) * rnn_n_params(cfg));
  rnn_view_bind(cfg, params, &v);
  for (l = 0; l < cfg->n_layers; l++) {
    rnn_layer_view *w = &v.layer[l];
    size_t H = (size_t)w->n_hidden, I = (size_t)w->n_in, GH = (size_t)G * H, k;
    glorot(w->Wx, GH * I, I, GH, rng);
    if (recurrent_init == RNN_INIT_IDENTITY) {
      for (k = 0; k < H; k++) w->Wh[k + H * k] = 1.0;
    } else {
      /* Keras' orthogonal on the H x GH kernel: QR of a Gaussian
       * GH x H matrix; our W_h is that kernel transposed. */
      for (k = 0; k < GH * H; k++) w->Wh[k] = rnn_rng_normal(rng);
      if ((st = rnn_orthogonalize(GH, H, w->Wh, work, err)) != RNN_OK)
        return st;
    }
    if (cfg->cell == RNN_CELL_LSTM)
      for (k = 0; k < H; k++) w->b[H + k] = 1.0; /* unit forget bias */
  }
  glorot(v.Wy, (size_t)cfg->n_out * cfg->n_hidden[cfg->n_layers - 1],
         (size_t)cfg->n_hidden[cfg->n_layers - 1], (size_t)cfg->n_out, rng);
  if (v.E) { /* Keras' Embedding default: uniform(-0.05, 0.05) */
    size_t k, n = (size_t)cfg->n_vocab * (size_t)cfg->n_embed;
    for (k = 0; k < n; k++) v.E[k] = 0.05 * (2.0 * rnn_rng_unif(rng) - 1.0);
  }
  if (v.S) { /* issue 16: the series embedding, as Keras' Embedding */
    size_t k, n = (size_t)cfg->n_series * (size_t)cfg->series_embed;
    for (k = 0; k < n; k++) v.S[k] = 0.05 * (2.0 * rnn_rng_unif(rng) - 1.0);
  }
  return RNN_OK;
}
