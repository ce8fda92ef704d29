/* The single-precision mode (issue 19): the public entry points' paths
 * for a model whose cfg->precision is RNN_PREC_SINGLE.
 *
 * The engine (activations.c, cells.c, dropout.c, embed.c, head.c, net.c,
 * optim.c, predict.c, train.c) is written once on rnn_real and compiled
 * a second time in float by the *_f.c files.  The API stays in double:
 * here the weights are rounded to float into the front of the caller's
 * (double) workspace, the float engine runs on the rest of it, and the
 * results (outputs, states; after training the weights) are widened back
 * to double.  Host data in dataset layout (training and validation sets,
 * inputs to predict) are read as double by the engine itself, one batch
 * at a time; losses and metrics are summed in double.
 *
 * Workspace in doubles: ceil((P' + the float engine's floats) / 2), P'
 * the parameter count rounded up to even so that the engine's part stays
 * 8-byte aligned. */
#include "internal.h"

static size_t doubles_of(size_t floats) { return (floats + 1) / 2; }

static float *to_float(const double *p, size_t n, double *work) {
  float *f = (float *)(void *)work;
  size_t k;
  for (k = 0; k < n; k++) f[k] = (float)p[k];
  return f;
}

/* ---- training ------------------------------------------------------ */

size_t rnn_single_train_workspace(const rnn_config *cfg,
                                  const rnn_train_config *tc,
                                  size_t n_samples, size_t n_time) {
  size_t n = rnn_train_size_f(cfg, tc, n_samples, n_time);
  return n ? doubles_of(RNN_FLOATS_EVEN(rnn_n_params(cfg)) + n) : 0;
}

/* The host's callbacks, with the weights widened into its double vector
 * before each on_epoch (checkpoints read them there) */
typedef struct {
  const rnn_callbacks *cb;
  const float *pf;
  double *params;
  size_t P;
} single_ctx;

static int single_on_epoch(void *ctx, int epoch, int n_epochs, double loss,
                           double val_loss) {
  single_ctx *s = (single_ctx *)ctx;
  size_t k;
  for (k = 0; k < s->P; k++) s->params[k] = s->pf[k];
  return s->cb->on_epoch(s->cb->ctx, epoch, n_epochs, loss, val_loss);
}

static int single_on_batch(void *ctx, int epoch, int batch, int n_batches,
                           double loss) {
  single_ctx *s = (single_ctx *)ctx;
  return s->cb->on_batch(s->cb->ctx, epoch, batch, n_batches, loss);
}

int rnn_single_train(const rnn_config *cfg, const rnn_train_config *tc,
                     double *params, const rnn_dataset *train,
                     const rnn_dataset *val, rnn_rng *rng,
                     const rnn_callbacks *cb, const rnn_history *hist,
                     rnn_train_result *res, double *work, rnn_error *err) {
  const size_t P = rnn_n_params(cfg);
  float *pf = to_float(params, P, work);
  single_ctx sc;
  rnn_callbacks scb;
  size_t k;
  int st;
  sc.cb = cb;
  sc.pf = pf;
  sc.params = params;
  sc.P = P;
  scb.on_epoch = cb && cb->on_epoch ? single_on_epoch : NULL;
  scb.on_batch = cb && cb->on_batch ? single_on_batch : NULL;
  scb.ctx = &sc;
  st = rnn_train_engine_f(cfg, tc, pf, train, val, rng, cb ? &scb : NULL,
                          hist, res, pf + RNN_FLOATS_EVEN(P), err);
  if (st == RNN_OK || st == RNN_ERR_DIVERGED)
    for (k = 0; k < P; k++) params[k] = pf[k];
  return st;
}

/* ---- prediction and step-wise inference ------------------------------ */

size_t rnn_single_predict_workspace(const rnn_config *cfg, size_t chunk,
                                    size_t n_time) {
  size_t n = rnn_predict_size_f(cfg, chunk, n_time);
  return n ? doubles_of(RNN_FLOATS_EVEN(rnn_n_params(cfg)) + n) : 0;
}

int rnn_single_predict(const rnn_config *cfg, const double *params, size_t N,
                       size_t T, const double *x, size_t chunk, double *out,
                       double *work, rnn_error *err) {
  const size_t P = rnn_n_params(cfg);
  float *pf = to_float(params, P, work);
  (void)err;
  rnn_predict_engine_f(cfg, pf, N, T, x, chunk, out, pf + RNN_FLOATS_EVEN(P));
  return RNN_OK;
}

size_t rnn_single_step_workspace(const rnn_config *cfg, size_t n_batch,
                                 size_t n_time) {
  return rnn_single_predict_workspace(cfg, n_batch, n_time);
}

int rnn_single_step(const rnn_config *cfg, const double *params, size_t N,
                    size_t T, const double *x, double *state, double *out,
                    double *work, rnn_error *err) {
  const size_t P = rnn_n_params(cfg);
  float *pf = to_float(params, P, work);
  (void)err;
  rnn_step_engine_f(cfg, pf, N, T, x, state, out, pf + RNN_FLOATS_EVEN(P));
  return RNN_OK;
}

/* ---- one batch in batch layout (rnn_forward(), rnn_net_run()) ------- */

/* floats: params | x (batch layout) | state | the network's workspace */
size_t rnn_single_net_workspace(const rnn_config *cfg, size_t B, size_t T) {
  size_t n = rnn_net_size_f(cfg, B, T, 0);
  if (n == 0) return 0;
  return doubles_of(RNN_FLOATS_EVEN(rnn_n_params(cfg)) +
                    RNN_FLOATS_EVEN((size_t)cfg->n_in * B * T) +
                    RNN_FLOATS_EVEN(rnn_state_size(cfg, B)) + n);
}

int rnn_single_net_run(const rnn_config *cfg, const double *params, size_t B,
                       size_t T, const double *x, double *state, double *out,
                       double *work, rnn_error *err) {
  const size_t P = rnn_n_params(cfg), nx = (size_t)cfg->n_in * B * T;
  const size_t S = rnn_state_size(cfg, B);
  const size_t To = cfg->seq_out ? T : 1, ny = (size_t)cfg->n_out * B * To;
  float *pf, *xf, *sf;
  rnn_view_f v;
  rnn_net_ws_f ws;
  size_t k;
  int st;
  if (!params || !out || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_forward: NULL argument");
  if ((st = rnn_check_tokens(cfg, x, B * T, err)) != RNN_OK) return st;
  if ((st = rnn_check_series(cfg, x, B * T, 1, err)) != RNN_OK) return st;
  pf = to_float(params, P, work);
  xf = pf + RNN_FLOATS_EVEN(P);
  sf = xf + RNN_FLOATS_EVEN(nx);
  for (k = 0; k < nx; k++) xf[k] = (float)x[k];
  if (state)
    for (k = 0; k < S; k++) sf[k] = (float)state[k];
  rnn_view_bind_f(cfg, pf, &v);
  rnn_net_carve_f(cfg, B, T, 0, sf + RNN_FLOATS_EVEN(S), &ws);
  rnn_net_forward_f(cfg, &v, B, T, xf, &ws, NULL, state ? sf : NULL);
  if (state) {
    rnn_net_state_save_f(cfg, &ws, B, T, sf);
    for (k = 0; k < S; k++) state[k] = sf[k];
  }
  for (k = 0; k < ny; k++) out[k] = ws.y[k];
  return RNN_OK;
}
