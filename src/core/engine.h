/* The engine's declarations, included twice by internal.h: with RNN_R
 * double and RNN_EN(name) name, and with RNN_R float and RNN_EN(name)
 * name##_f (issue 19: the single-precision engine).  No include guard on
 * purpose.  Host data (datasets in dataset layout, losses, statistics,
 * rates) stay double in both; batches, weights, gradients, states and
 * workspace are RNN_R.  Sizes of workspace count RNN_R elements. */

/* activations.c: element-wise maps used by the cells and the head. */
/* In place over z[0..n), vectorised, within a few ulps of the libm values
 * (float: computed in double and rounded once more) */
void RNN_EN(rnn_vsigmoid)(RNN_R *z, size_t n);
void RNN_EN(rnn_vtanh)(RNN_R *z, size_t n);
/* The LSTM's gate matrix Z (4H x B, blocks i | f | g | o per column) in
 * one call: sigmoid on i, f, o, tanh on g, the bits of the two above */
void RNN_EN(rnn_vlstm_gates)(RNN_R *z, size_t H, size_t B);
void RNN_EN(rnn_activate)(int act, RNN_R *z, size_t n_rows, size_t n_cols);
void RNN_EN(rnn_activate_backward)(int act, const RNN_R *y, RNN_R *dz,
                                   size_t n_rows, size_t n_cols);

/* cells.c: one recurrent layer over a whole batch of sequences.
 *
 * Shapes (T = n_time, B = n_batch, H = n_hidden, I = n_in, G = gates):
 *   x      I x B x T      layer input
 *   hs     H x B x (T+1)  slot 0 = initial state h0, slot t+1 = h_t
 *   cs     H x B x (T+1)  LSTM cell states, slot 0 = c0
 *   gates  G*H x B x T    post-activation gates (LSTM i,f,g,o; GRU r,z,n)
 *   aux    H x B x T      LSTM tanh(c_t); GRU W_hn h_{t-1} + b_hn
 *   mask   B x T          mask[b + B*t] == 0: step t of sequence b is
 *                         padding, h_t = h_{t-1} and c_t = c_{t-1} there;
 *                         NULL: no step is masked (not owned by the cache)
 */
typedef struct {
  RNN_R *hs, *cs, *gates, *aux;
  const RNN_R *mask;
  rnn_rows *rows; /* the gate-row split (internal.h); NULL: none */
} RNN_EN(rnn_layer_cache);

void RNN_EN(rnn_layer_forward)(const rnn_config *cfg, const RNN_LVIEW_T *w,
                               size_t B, size_t T, const RNN_R *x,
                               RNN_EN(rnn_layer_cache) *c, RNN_R *tmp);
/* Whether training splits the gate rows rather than the batch across two
 * threads (by measurement: cells.c); row_split as in rnn_train_config,
 * Bh the half batch. */
int RNN_EN(rnn_rows_pay)(const rnn_config *cfg, int row_split, size_t Bh);
/* tmp of rnn_layer_forward() and rnn_layer_backward() for input width I */
size_t RNN_EN(rnn_layer_tmp_size)(const rnn_config *cfg, size_t I, size_t H,
                                  size_t B, size_t T);
/* dH (H x B x T) is consumed (overwritten); gradients accumulate into g;
 * dx (I x B x T) is overwritten unless NULL. */
void RNN_EN(rnn_layer_backward)(const rnn_config *cfg, const RNN_LVIEW_T *w,
                                RNN_LVIEW_T *g, size_t B, size_t T,
                                const RNN_R *x,
                                const RNN_EN(rnn_layer_cache) *c, RNN_R *dH,
                                RNN_R *dx, RNN_R *tmp);

/* embed.c: token input (tokens checked by rnn_check_tokens()):
 * xe (D x n) = E[:, x], mask (n) = (x != 0); E D x n_vocab. */
void RNN_EN(rnn_embed_forward)(RNN_R *xe, RNN_R *mask, const RNN_R *E,
                               const RNN_R *x, size_t n, size_t D);
/* dE[:, x_k] += dxe[:, k] for x_k != 0. */
void RNN_EN(rnn_embed_backward)(RNN_R *dE, const RNN_R *dxe, const RNN_R *x,
                                size_t n, size_t D);
/* embed.c: the series embedding (issue 16), x in batch layout */
void RNN_EN(rnn_series_embed_forward)(RNN_R *xs, const RNN_R *S,
                                      const RNN_R *x, size_t n, size_t n_in,
                                      size_t D, size_t n_series);
void RNN_EN(rnn_series_embed_backward)(RNN_R *dS, RNN_R *dx, const RNN_R *dxs,
                                       const RNN_R *x, size_t n, size_t n_in,
                                       size_t D, size_t n_series);

/* dropout.c: out = h * m with m_k = 1/(1-rate) or 0 drawn from rng;
 * backward d *= m.  All n long. */
void RNN_EN(rnn_dropout_forward)(RNN_R *out, RNN_R *m, const RNN_R *h,
                                 size_t n, double rate, rnn_rng *rng);
void RNN_EN(rnn_dropout_backward)(RNN_R *d, const RNN_R *m, size_t n);

/* head.c: the dense head over n columns (K = n_out, HL = last layer's
 * units) and the losses; equations in head.c. */
void RNN_EN(rnn_head_forward)(RNN_R *z, RNN_R *y, const RNN_R *Wy,
                              const RNN_R *by, const RNN_R *h, int act,
                              size_t K, size_t HL, size_t n, RNN_R *work);
void RNN_EN(rnn_head_backward)(RNN_R *dWy, RNN_R *dby, RNN_R *dh,
                               const RNN_R *dz, const RNN_R *Wy,
                               const RNN_R *h, size_t K, size_t HL, size_t n,
                               RNN_R *work);
/* elements of work the head's products need (forward and backward) */
size_t RNN_EN(rnn_head_work)(size_t K, size_t HL, size_t n);
/* Mean loss of n columns (summed in double), and dL/dz into dz (may be
 * z; NULL: none). */
double RNN_EN(rnn_head_loss)(const rnn_config *cfg, int loss, size_t n_cols,
                             const RNN_R *z, const RNN_R *yh, const RNN_R *y,
                             const RNN_R *w, RNN_R *dz, double *stats);

/* net.c: the network's forward and backward pass on a batch (batch
 * layout), without argument checks unless named so. */
typedef struct {
  RNN_EN(rnn_layer_cache) cache[RNN_MAX_LAYERS];
  RNN_R *dmask[RNN_MAX_LAYERS], *drop[RNN_MAX_LAYERS]; /* dropout */
  RNN_R *xe, *mask; /* token input only */
  RNN_R *xs;        /* series embedding: the first layer's input */
  RNN_R *z, *y;     /* the head's output, pre- and post-activation */
  RNN_R *dA, *dB, *dlast, *tmp;
} RNN_EN(rnn_net_ws);
/* Carves the workspace at base into ws for a batch of B sequences of T
 * steps, for training (train != 0: what BPTT and dropout need) or
 * inference; with base == NULL it only measures (all pointers NULL).
 * Returns the elements needed.  The one table of the batch workspace. */
size_t RNN_EN(rnn_net_carve)(const rnn_config *cfg, size_t B, size_t T,
                             int train, RNN_R *base, RNN_EN(rnn_net_ws) *ws);
/* The same size, 0 for an invalid config or an empty batch. */
size_t RNN_EN(rnn_net_size)(const rnn_config *cfg, size_t B, size_t T,
                            int train);
/* Forward through embedding, layers (dropout iff rng and cfg->dropout)
 * and head into ws (ws->y the output, ws->z before the activation), the
 * recurrence starting from state (NULL: zeros; rnn_step()'s layout). */
void RNN_EN(rnn_net_forward)(const rnn_config *cfg, const RNN_VIEW_T *v,
                             size_t B, size_t T, const RNN_R *x,
                             RNN_EN(rnn_net_ws) *ws, rnn_rng *rng,
                             const RNN_R *state);
/* The state after the last step of a forward pass into state. */
void RNN_EN(rnn_net_state_save)(const rnn_config *cfg,
                                const RNN_EN(rnn_net_ws) *ws, size_t B,
                                size_t T, RNN_R *state);
/* The network's loss and gradient without argument checks.
 *
 * state (may be NULL: zeros) is the recurrent state the batch starts
 * from, in rnn_step()'s layout; it is overwritten with the state after
 * the last step.  The gradient does not flow into it (truncated BPTT).
 * stats (may be NULL) receives {loss terms, accuracy terms, correct}:
 * the number of (unmasked) columns the mean loss is over (samples, or
 * samples x unmasked steps, times outputs for MSE/MAE/BCE), and the
 * number of predictions judged for accuracy and how many were right
 * (BCE and sparse CE; 0 and 0 otherwise).  w (may be NULL) weighs the
 * steps of a many-to-many loss as rnn_loss_grad_w() does (NULL: the
 * token mask, if any).  rows (may be NULL): the gate-row split of the
 * layers that can take it (cells.c).  work: rnn_net_size(cfg, B, T, 1). */
int RNN_EN(rnn_net_loss_grad)(const rnn_config *cfg, int loss,
                              const RNN_R *params, size_t B, size_t T,
                              const RNN_R *x, const RNN_R *y,
                              double *loss_value, RNN_R *grad, RNN_R *dx,
                              rnn_rng *rng, RNN_R *state, double *stats,
                              const RNN_R *w, rnn_rows *rows, RNN_R *work);

/* optim.c (public in double: rnnkit.h) */
void RNN_EN(rnn_clip_grad)(RNN_R *grad, size_t n, double clipnorm,
                           double clipvalue);
void RNN_EN(rnn_optim_step)(const rnn_train_config *tc, RNN_R *params,
                            const RNN_R *grad, RNN_R *state, size_t n,
                            long step);

/* predict.c (gather/scatter public in double: rnnkit.h).  The engines of
 * rnn_predict() and rnn_step() after their checks: params and work in
 * RNN_R, host data (x, out, state) double. */
void RNN_EN(rnn_gather_batch)(const rnn_config *cfg, int loss,
                              size_t n_samples, size_t n_time,
                              const double *x, const double *y,
                              const size_t *idx, size_t n_batch, RNN_R *xb,
                              RNN_R *yb);
void RNN_EN(rnn_gather_dataset)(const rnn_config *cfg, int loss,
                                const rnn_dataset *d, size_t n_time,
                                const size_t *idx, size_t n_batch, RNN_R *xb,
                                RNN_R *yb);
void RNN_EN(rnn_scatter_batch)(const rnn_config *cfg, size_t n_samples,
                               size_t n_time, const RNN_R *xb,
                               const size_t *idx, size_t n_batch, double *x);
size_t RNN_EN(rnn_predict_size)(const rnn_config *cfg, size_t chunk,
                                size_t n_time);
void RNN_EN(rnn_predict_engine)(const rnn_config *cfg, const RNN_R *params,
                                size_t N, size_t T, const double *x,
                                size_t chunk, double *out, RNN_R *work);
void RNN_EN(rnn_step_engine)(const rnn_config *cfg, const RNN_R *params,
                             size_t N, size_t T, const double *x,
                             double *state, double *out, RNN_R *work);

/* train.c: rnn_train() after its checks, params and work in RNN_R */
size_t RNN_EN(rnn_train_size)(const rnn_config *cfg,
                              const rnn_train_config *tc, size_t n_samples,
                              size_t n_time);
int RNN_EN(rnn_train_engine)(const rnn_config *cfg,
                             const rnn_train_config *tc, RNN_R *params,
                             const rnn_dataset *train, const rnn_dataset *val,
                             rnn_rng *rng, const rnn_callbacks *cb,
                             const rnn_history *hist, rnn_train_result *res,
                             RNN_R *work, rnn_error *err);
