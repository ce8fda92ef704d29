/* libFuzzer harness for the core's configuration and shape validation.
 *
 * Fuzz bytes become a model configuration, training options, batch sizes
 * and data (including NaN, Inf, huge and negative values).  Whatever the
 * bytes, the core must answer with a status code: no crash, no sanitizer
 * report, no hang.  Configurations the core accepts are run for real when
 * they are small: init, loss and gradient, predict, and a short training
 * run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/rnnkit.h"

typedef struct {
  const unsigned char *p;
  size_t n;
} bytes;

static unsigned take_u8(bytes *b) {
  unsigned v = 0;
  if (b->n) {
    v = *b->p++;
    b->n--;
  }
  return v;
}

/* Mostly small values, sometimes an extreme one. */
static int take_size(bytes *b) {
  unsigned sel = take_u8(b);
  if (sel < 200) return (int)(sel % 9);
  if (sel < 250) return (int)take_u8(b) * 400 - 2000;
  {
    int v = 0;
    memcpy(&v, b->p, b->n >= 4 ? 4 : 0);
    if (b->n >= 4) {
      b->p += 4;
      b->n -= 4;
    }
    return v;
  }
}

static double take_double(bytes *b) {
  unsigned sel = take_u8(b);
  static const double special[] = {0.0, -0.0, 1e308, -1e308, 1e-310, 0.5, -1.0, 2.0};
  if (sel == 255) return NAN;
  if (sel == 254) return INFINITY;
  if (sel == 253) return -INFINITY;
  if (sel >= 245) return special[sel - 245];
  return ((double)sel - 122.0) / 40.0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
  bytes b = {data, size};
  rnn_config cfg;
  rnn_train_config tc;
  rnn_error err;
  rnn_rng rng;
  rnn_dataset d;
  rnn_train_result res;
  size_t P, B, T, N, ws, k, nx, ny;
  double *params, *work, *x, *y, *grad, hist[3], loss;
  int l, lossk;

  memset(&cfg, 0, sizeof cfg);
  cfg.cell = (int)take_u8(&b) % 4 - (take_u8(&b) == 7);
  cfg.activation = (int)take_u8(&b) % 6;
  cfg.n_in = take_size(&b);
  cfg.n_layers = take_size(&b) % (RNN_MAX_LAYERS + 3);
  for (l = 0; l < RNN_MAX_LAYERS; l++) cfg.n_hidden[l] = take_size(&b);
  cfg.n_out = take_size(&b);
  cfg.head_act = (int)take_u8(&b) % 6 - 1;
  cfg.seq_out = (int)take_u8(&b) % 3;
  cfg.dropout = take_double(&b);
  if (take_u8(&b) % 3 == 0) { /* token input */
    cfg.n_vocab = take_size(&b);
    cfg.n_embed = take_size(&b);
  }
  lossk = (int)take_u8(&b) % 5;
  B = (size_t)(take_u8(&b) % 6);
  T = (size_t)(take_u8(&b) % 6);

  if (rnn_config_check(&cfg, &err) != RNN_OK) {
    if (rnn_n_params(&cfg) != 0) abort(); /* invalid means no parameters */
    return 0;
  }
  P = rnn_n_params(&cfg);
  ws = rnn_batch_workspace(&cfg, B, T);
  (void)rnn_predict_workspace(&cfg, B, T);
  (void)rnn_init_workspace(&cfg);
  if (P == 0) abort();
  if (P > 20000 || ws > 200000 || B == 0 || T == 0) return 0; /* keep runs fast */

  nx = (size_t)cfg.n_in * B * T;
  ny = (size_t)cfg.n_out * B * T;
  params = calloc(P, sizeof(double));
  grad = calloc(P, sizeof(double));
  work = calloc(ws + rnn_init_workspace(&cfg) + rnn_predict_workspace(&cfg, B, T) + 1,
                sizeof(double));
  x = calloc(nx, sizeof(double));
  y = calloc(ny, sizeof(double));
  rnn_rng_seed(&rng, (uint64_t)size);
  if (rnn_init_params(&cfg, take_u8(&b) % 3, params, &rng, work, &err) == RNN_OK) {
    int tokens = cfg.n_vocab > 0 && take_u8(&b) % 4 != 0;
    for (k = 0; k < nx; k++)
      x[k] = tokens ? (double)(take_u8(&b) % (cfg.n_vocab + 1)) : take_double(&b);
    for (k = 0; k < ny; k++) y[k] = take_double(&b);
    (void)rnn_loss_grad(&cfg, lossk, params, B, T, x, y, &loss, grad, NULL,
                        take_u8(&b) & 1 ? &rng : NULL, work, &err);
    (void)rnn_predict(&cfg, params, B, T, x, 1 + take_u8(&b) % 4, y, work, &err);
    { /* sampling from the prime x[0..T-1] */
      size_t gws = rnn_generate_workspace(&cfg, T), S = rnn_state_size(&cfg, 1);
      if (gws > 0 && gws < 400000) {
        double *gw = calloc(gws, sizeof(double)), *st = calloc(S + 1, sizeof(double));
        double gen[4];
        (void)rnn_generate(&cfg, params, x, T, take_u8(&b) % 5, take_double(&b),
                           &rng, st, gen, gw, &err);
        free(gw);
        free(st);
      }
    }
    memset(&tc, 0, sizeof tc);
    tc.loss = lossk;
    tc.optimizer = (int)take_u8(&b) % 4;
    tc.lr = take_double(&b);
    tc.momentum = take_double(&b);
    tc.rho = take_double(&b);
    tc.beta1 = take_double(&b);
    tc.beta2 = take_double(&b);
    tc.eps = take_double(&b);
    tc.clipnorm = take_double(&b);
    tc.clipvalue = take_double(&b);
    tc.epochs = take_size(&b) % 4;
    tc.batch_size = take_size(&b);
    tc.shuffle = (int)take_u8(&b) % 2;
    tc.stateful = (int)take_u8(&b) % 2;
    tc.patience = take_size(&b);
    tc.min_delta = take_double(&b);
    tc.restore_best = (int)take_u8(&b) % 2;
    /* the learning-rate schedule, an unknown code (2) included */
    tc.lr_schedule = (int)take_u8(&b) % 3;
    tc.lr_drop_factor = take_double(&b);
    tc.lr_drop_period = (int)take_u8(&b) % 6 - 1;
    N = B;
    d.n_samples = N;
    d.n_time = T;
    d.x = x;
    d.src = NULL;
    d.y = y;
    ws = rnn_train_workspace(&cfg, &tc, N, T);
    if (ws > 0 && ws < 400000 && tc.epochs > 0) {
      double *tw = calloc(ws, sizeof(double));
      rnn_history h;
      memset(&h, 0, sizeof h);
      h.loss = h.val_loss = hist;
      h.acc = h.val_acc = take_u8(&b) & 1 ? hist : NULL;
      h.lr = take_u8(&b) & 1 ? hist : NULL;
      (void)rnn_train(&cfg, &tc, params, &d, take_u8(&b) & 1 ? &d : NULL, &rng,
                      NULL, &h, &res, tw, &err);
      free(tw);
    }
  }
  free(params);
  free(grad);
  free(work);
  free(x);
  free(y);
  return 0;
}
