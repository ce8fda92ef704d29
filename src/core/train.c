/* The training driver: shuffled mini-batches, epochs, validation, early
 * stopping with restore-best-weights, divergence detection and the host's
 * callbacks.  All randomness (shuffling, dropout) comes from the caller's
 * rng in a fixed order, so a seed fixes every bit of the result.
 *
 * Every batch is split into two halves (when it has two samples or more)
 * whose forward and backward passes run independently, on two threads
 * when OpenMP and n_threads allow, each into a private gradient; the
 * halves' gradients are then combined in a fixed order.  The split is
 * made whatever the number of threads, so results never depend on it.
 * Whether the halves run on two threads or one after the other is
 * decided from measured throughput (pacer.c).
 *
 * The threads can share a batch the other way (issue 19, tc->row_split
 * 1): the halves run one after the other and each layer splits its
 * hidden units' gate rows across the two threads (cells.c, which also has
 * the rule, rnn_rows_pay(), and the measurements that keep the halves the
 * default).  The split gives the
 * bits of the unsplit layer, so results depend neither on the thread
 * count nor on the way the threads share the batch; the pacer decides
 * between two threads and one as for the halves, from the batch's wall
 * time and the threads' summed computing time.
 *
 * Stateful training (truncated BPTT) keeps the halves' recurrent states
 * apart: half p always holds the same streams (columns) of the batch.
 *
 * Workspace (P = n_params, N = training samples, B = batch size,
 * Bh = ceil(B/2), S = rnn_state_size(cfg, Bh)):
 *   grad P | optimizer state 2P | best P | epoch backup P | indices B |
 *   two halves of: grad P | batch x I*Bh*T | batch y ny*Bh*To |
 *                  network workspace for Bh | recurrent state S |
 *                  step weights Bh*T |
 *   sample order N (indices are size_t stored in double-sized slots; in
 *   the float engine in pairs of floats at even offsets) */
#include "internal.h"

#include <math.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static size_t targets_per_sample(const rnn_config *cfg, int loss,
                                 size_t n_time) {
  size_t ny = loss == RNN_LOSS_SPARSE_CE ? 1 : (size_t)cfg->n_out;
  return ny * (cfg->seq_out ? n_time : 1);
}

typedef struct {
  rnn_real *grad, *xb, *yb, *net, *state, *w;
  double loss, stats[3];
} half_ws;

/* The window of a batch of sequences of unequal length: steps
 * t0..t0+L-1 of the padded dataset, in chunks of `chunk` steps. */
typedef struct {
  size_t t0, L, chunk;
} window;

typedef struct {
  rnn_real *grad, *moments, *best, *backup;
  size_t *idx, *order;
  half_ws half[2];
} train_ws;

static rnn_real *take(rnn_real *base, size_t *off, size_t n) {
  rnn_real *p = base ? base + *off : NULL;
  *off += n;
  return p;
}

/* n size_t indices, aligned (the float engine's workspace starts 8-byte
 * aligned; its offsets are rounded up to pairs of floats) */
#define RNN_IDX_SLOTS \
  (sizeof(size_t) > sizeof(rnn_real) ? sizeof(size_t) / sizeof(rnn_real) : 1)
static size_t *take_idx(rnn_real *base, size_t *off, size_t n) {
  *off = (*off + RNN_IDX_SLOTS - 1) / RNN_IDX_SLOTS * RNN_IDX_SLOTS;
  return (size_t *)(void *)take(base, off, n * RNN_IDX_SLOTS);
}

/* Carves the workspace at base into w for batches of B samples (halves
 * of Bh = ceil(B/2)) of N samples of T steps; with base == NULL it only
 * measures.  Returns the elements (doubles or floats) needed.  The one table of the training
 * workspace (see the top of the file). */
static size_t train_carve(const rnn_config *cfg, int loss, size_t B,
                          size_t N, size_t T, rnn_real *base, train_ws *w) {
  size_t P = rnn_n_params(cfg), Bh = (B + 1) / 2, off = 0;
  int p;
  w->grad = take(base, &off, P);
  w->moments = take(base, &off, 2 * P);
  w->best = take(base, &off, P);
  w->backup = take(base, &off, P);
  w->idx = take_idx(base, &off, B);
  for (p = 0; p < 2; p++) {
    half_ws *h = &w->half[p];
    h->grad = take(base, &off, P);
    h->xb = take(base, &off, (size_t)cfg->n_in * Bh * T);
    h->yb = take(base, &off, targets_per_sample(cfg, loss, T) * Bh);
    h->net = take(base, &off, rnn_net_size(cfg, Bh, T, 1));
    h->state = take(base, &off, rnn_state_size(cfg, Bh));
    h->w = take(base, &off, Bh * T);
  }
  w->order = take_idx(base, &off, N);
  return off;
}

size_t rnn_train_size(const rnn_config *cfg, const rnn_train_config *tc,
                      size_t n_samples, size_t n_time) {
  size_t B;
  train_ws w;
  if (rnn_n_params(cfg) == 0 || !tc || tc->batch_size < 1 || n_time == 0 ||
      n_samples == 0)
    return 0;
  B = (size_t)tc->batch_size;
  if (B > n_samples) B = n_samples;
  return train_carve(cfg, tc->loss, B, n_samples, n_time, NULL, &w);
}


/* The window of the nb sequences idx[0..nb-1] of d (lengths len, see
 * rnn_train_config): the longest's or the shortest's steps, at the start
 * of the padded sequences or (pad_left) at their end. */
static window batch_window(const rnn_train_config *tc, const double *len,
                           size_t T, const size_t *idx, size_t nb) {
  window w;
  size_t k, lo = T, hi = 0;
  w.t0 = 0;
  w.L = w.chunk = T;
  if (!len) return w;
  for (k = 0; k < nb; k++) {
    size_t l = (size_t)len[idx[k]];
    if (l < lo) lo = l;
    if (l > hi) hi = l;
  }
  w.L = tc->seq_length == -1 ? lo : hi;
  w.t0 = tc->pad_left ? T - w.L : 0;
  w.chunk = tc->seq_length > 0 && (size_t)tc->seq_length < w.L
                ? (size_t)tc->seq_length : w.L;
  return w;
}

/* Steps t0..t0+L-1 of samples idx[0..B-1] (dataset layout, N x T) into a
 * batch of L steps (as rnn_gather_batch() copies whole sequences), and
 * their weights: wb[b + B*t] = 1 for a step of the sequence, 0 for
 * padding (len, pad_left as in rnn_train_config). */
static void gather_window(const rnn_config *cfg, int loss, size_t N, size_t T,
                          const double *x, const double *y, const double *len,
                          int pad_left, const size_t *idx, size_t B,
                          size_t t0, size_t L, rnn_real *xb, rnn_real *yb,
                          rnn_real *wb) {
  const size_t I = (size_t)cfg->n_in;
  const size_t ny = loss == RNN_LOSS_SPARSE_CE ? 1 : (size_t)cfg->n_out;
  size_t b, t, i;
  for (t = 0; t < L; t++)
    for (b = 0; b < B; b++) {
      size_t l = (size_t)len[idx[b]], tt = t0 + t;
      for (i = 0; i < I; i++)
        xb[i + I * (b + B * t)] = x[idx[b] + N * (tt + T * i)];
      wb[b + B * t] = (pad_left ? tt >= T - l : tt < l) ? 1.0 : 0.0;
      if (cfg->seq_out)
        for (i = 0; i < ny; i++)
          yb[i + ny * (b + B * t)] = y[idx[b] + N * (tt + T * i)];
    }
  if (!cfg->seq_out)
    for (b = 0; b < B; b++)
      for (i = 0; i < ny; i++)
        yb[i + ny * b] = y[idx[b] + N * i];
}

/* Forward and backward (grad != 0) pass of half p of a batch into its
 * own buffers, on steps t0..t0+L-1 of the window (len: the sequences'
 * lengths, NULL: all full, the whole n_time).  The state carries over in
 * stateful training and from chunk to chunk of a window (carry). */
static void run_half(const rnn_config *cfg, const rnn_train_config *tc,
                     const rnn_real *params, const rnn_dataset *d,
                     const double *len, size_t t0, size_t L, int carry,
                     const size_t *order, const size_t *n_half, int p,
                     half_ws *half, rnn_rng *hrng, int grad, rnn_rows *rows) {
  half_ws *h = &half[p];
  size_t off = p == 0 ? 0 : n_half[0];
  if (len)
    gather_window(cfg, tc->loss, d->n_samples, d->n_time, d->x, d->y, len,
                  tc->pad_left, order + off, n_half[p], t0, L, h->xb, h->yb,
                  h->w);
  else
    rnn_gather_dataset(cfg, tc->loss, d, L, order + off, n_half[p], h->xb,
                       h->yb); /* stored or compact inputs (issue 16) */
  rnn_net_loss_grad(cfg, tc->loss, params, n_half[p], L, h->xb, h->yb,
                    &h->loss, grad ? h->grad : NULL, NULL,
                    grad && cfg->dropout > 0 ? &hrng[p] : NULL,
                    tc->stateful || carry ? h->state : NULL, h->stats,
                    len && cfg->seq_out ? h->w : NULL, rows, h->net);
}

/* The weight of a half's mean loss: its samples, or its loss terms when
 * padded steps may leave some out. */
static double half_count(const rnn_config *cfg, const half_ws *h, size_t n,
                         int padded) {
  return (cfg->n_vocab > 0 || padded) && cfg->seq_out ? h->stats[0] : (double)n;
}

/* Running sums of an epoch: loss x count, count, judged, right. */
typedef struct {
  double loss, n, judged, right;
} tally;

static void tally_half(const rnn_config *cfg, const half_ws *h, size_t n,
                       int padded, tally *t) {
  double c = half_count(cfg, h, n, padded);
  t->loss += h->loss * c;
  t->n += c;
  t->judged += h->stats[1];
  t->right += h->stats[2];
}

static double tally_acc(const tally *t) {
  return t->judged > 0 ? t->right / t->judged : NAN;
}

/* Loss and accuracy of a dataset without dropout, in batches of B split
 * into the same halves as training (so a stateful model sees its streams
 * as in training, the state carried from batch to batch). */
static void evaluate(const rnn_config *cfg, const rnn_train_config *tc,
                     const rnn_real *params, const rnn_dataset *d,
                     const double *len, size_t B, size_t *order,
                     half_ws *half, rnn_rows *rows, double *loss, double *acc) {
  const size_t N = d->n_samples, T = d->n_time;
  size_t s0, k;
  tally t = {0.0, 0.0, 0.0, 0.0};
  int p;
  for (p = 0; p < 2; p++)
    if (tc->stateful)
      memset(half[p].state, 0, sizeof(rnn_real) * rnn_state_size(cfg, (B + 1) / 2));
  for (s0 = 0; s0 < N; s0 += B) {
    size_t nb = N - s0 < B ? N - s0 : B, n_half[2];
    n_half[0] = (nb + 1) / 2;
    n_half[1] = nb - n_half[0];
    window win;
    size_t c0;
    for (k = 0; k < nb; k++) order[k] = s0 + k;
    win = batch_window(tc, len, T, order, nb);
    for (c0 = 0; c0 < win.L; c0 += win.chunk) {
      size_t Lc = win.L - c0 < win.chunk ? win.L - c0 : win.chunk;
      int carry = win.chunk < win.L;
      for (p = 0; p < (n_half[1] > 0 ? 2 : 1); p++) {
        if (carry && c0 == 0)
          memset(half[p].state, 0, sizeof(rnn_real) * rnn_state_size(cfg, (B + 1) / 2));
        run_half(cfg, tc, params, d, len, win.t0 + c0, Lc, carry, order,
                 n_half, p, half, NULL, 0, rows);
        tally_half(cfg, &half[p], n_half[p], len != NULL, &t);
      }
    }
  }
  *loss = t.n > 0 ? t.loss / t.n : 0.0;
  *acc = tally_acc(&t);
}

/* grad = w0 g0 + w1 g1, the batch's gradient from its halves'.  Like the
 * optimizer's update (optim.c) a serial part of every batch on two
 * threads, so cloned and vectorised (the pointers as arguments, not read
 * through half[] at every element, which kept GCC from vectorising); the
 * same operations on every element, so the same bits. */
RNN_CLONES_LOOPS static void combine_halves(rnn_real *grad, const rnn_real *g0,
                                            const rnn_real *g1, double w0,
                                            double w1, size_t n) {
  size_t k;
  for (k = 0; k < n; k++) grad[k] = w0 * g0[k] + w1 * g1[k];
}

static int all_finite(const rnn_real *p, size_t n) {
  size_t k;
  for (k = 0; k < n; k++)
    if (!isfinite(p[k])) return 0;
  return 1;
}

/* rnn_train() after its checks (in double; rnn_train_engine_f() in
 * float, params and work in float) */
int rnn_train_engine(const rnn_config *cfg, const rnn_train_config *tc,
                     rnn_real *params, const rnn_dataset *train,
                     const rnn_dataset *val, rnn_rng *rng,
                     const rnn_callbacks *cb, const rnn_history *hist,
                     rnn_train_result *res, rnn_real *work, rnn_error *err) {
  size_t P, N, T, B, k, S;
  rnn_real *grad, *state, *best, *backup;
  double best_loss = INFINITY;
  train_ws w;
  half_ws *half;
  size_t *order, *idx;
  long step = 0;
  int epoch, wait = 0, p, rows_mode;
  rnn_rows rows;
#ifdef _OPENMP
  const int n_threads = tc && tc->n_threads > 1 ? 2 : 1;
  rnn_pacer pace;
#endif

#ifdef _OPENMP
  rnn_pacer_init(&pace);
#endif
  P = rnn_n_params(cfg);
  N = train->n_samples;
  T = train->n_time;
  B = (size_t)tc->batch_size;
  if (B > N) B = N;
  S = rnn_state_size(cfg, (B + 1) / 2);
  /* the gate-row split: on two threads when the pacer says so, else the
   * parts in turn */
  rows_mode = rnn_rows_pay(cfg, tc->row_split, (B + 1) / 2);
  memset(&rows, 0, sizeof rows);
  train_carve(cfg, tc->loss, B, N, T, work, &w);
  grad = w.grad;
  state = w.moments;
  best = w.best;
  backup = w.backup;
  idx = w.idx; /* B indices for validation */
  order = w.order;
  half = w.half;
  for (k = 0; k < N; k++) order[k] = k;
  memset(state, 0, sizeof(rnn_real) * 2 * P);
  memset(res, 0, sizeof *res);
  for (k = 0; k < (size_t)tc->epochs; k++) {
    hist->loss[k] = NAN;
    if (hist->val_loss) hist->val_loss[k] = NAN;
    if (hist->acc) hist->acc[k] = NAN;
    if (hist->val_acc) hist->val_acc[k] = NAN;
    if (hist->lr) hist->lr[k] = NAN;
  }

  for (epoch = 1; epoch <= tc->epochs; epoch++) {
    size_t s0, n_batches = (N + B - 1) / B, bi = 0;
    double eloss, vloss = NAN, vacc = NAN, monitor;
    tally tot = {0.0, 0.0, 0.0, 0.0};
    /* the options of this epoch: tc with its scheduled learning rate (the
     * optimizer reads the rate from its options) */
    rnn_train_config etc = *tc;
    etc.lr = rnn_lr_at(tc, epoch - 1);
    memcpy(backup, params, sizeof(rnn_real) * P);
    if (tc->stateful) {
      for (p = 0; p < 2; p++) memset(half[p].state, 0, sizeof(rnn_real) * S);
    } else if (tc->shuffle) {
      for (k = N; k > 1; k--) { /* Fisher-Yates */
        size_t j = (size_t)rnn_rng_below(rng, k), tmp = order[k - 1];
        order[k - 1] = order[j];
        order[j] = tmp;
      }
    }
    for (s0 = 0; s0 < N; s0 += B, bi++) {
      size_t nb = N - s0 < B ? N - s0 : B;
      size_t n_half[2], c0;
      double l = 0.0;
      rnn_rng hrng[2];
      int parts;
      window win = batch_window(tc, tc->len, T, order + s0, nb);
      n_half[0] = (nb + 1) / 2;
      n_half[1] = nb - n_half[0];
      parts = n_half[1] > 0 ? 2 : 1;
      /* one optimizer step per chunk of the window (one chunk: the whole
       * batch; without lengths the whole n_time) */
      for (c0 = 0; c0 < win.L; c0 += win.chunk) {
        size_t Lc = win.L - c0 < win.chunk ? win.L - c0 : win.chunk;
        int carry = win.chunk < win.L;
        double c[2] = {0.0, 0.0};
#ifdef _OPENMP
        double t_beg[2] = {0.0, 0.0}, t_end[2] = {0.0, 0.0}, t0 = 0.0;
        int paced;
#endif
        if (carry && c0 == 0)
          for (p = 0; p < parts; p++) memset(half[p].state, 0, sizeof(rnn_real) * S);
        if (cfg->dropout > 0) /* one stream per half, drawn in a fixed order */
          for (p = 0; p < parts; p++) rnn_rng_seed(&hrng[p], rnn_rng_next(rng));
        rows.threads = 1;
        rows.busy[0] = rows.busy[1] = rows.wall = 0.0;
#ifdef _OPENMP
        paced = (parts > 1 || rows_mode) && n_threads > 1;
        if (paced) t0 = omp_get_wtime();
        if (rows_mode && paced && pace.two) rows.threads = 2;
        if (paced && pace.two && !rows_mode) {
#pragma omp parallel for num_threads(2) schedule(static, 1)
          for (p = 0; p < 2; p++) {
            t_beg[p] = omp_get_wtime();
            run_half(cfg, tc, params, train, tc->len, win.t0 + c0, Lc, carry,
                     order + s0, n_half, p, half, hrng, 1, NULL);
            t_end[p] = omp_get_wtime();
          }
        } else
#endif
        {
          for (p = 0; p < parts; p++)
            run_half(cfg, tc, params, train, tc->len, win.t0 + c0, Lc, carry,
                     order + s0, n_half, p, half, hrng, 1,
                     rows_mode ? &rows : NULL);
        }
#ifdef _OPENMP
        if (paced) {
          double wall = omp_get_wtime() - t0;
          /* the work: the halves' times, or (gate rows) the batch less
           * its parallel regions plus the threads' computing times */
          rnn_pacer_add(&pace, wall,
                        rows_mode ? wall - rows.wall + rows.busy[0] + rows.busy[1]
                                  : (t_end[0] - t_beg[0]) + (t_end[1] - t_beg[1]),
                        nb);
        }
#endif
        for (p = 0; p < parts; p++) {
          c[p] = half_count(cfg, &half[p], n_half[p], tc->len != NULL);
          tally_half(cfg, &half[p], n_half[p], tc->len != NULL, &tot);
        }
        if (parts == 1) {
          memcpy(grad, half[0].grad, sizeof(rnn_real) * P);
          l = half[0].loss;
        } else if (c[0] + c[1] > 0) { /* the batch mean from the halves' means */
          double w0 = c[0] / (c[0] + c[1]), w1 = c[1] / (c[0] + c[1]);
          combine_halves(grad, half[0].grad, half[1].grad, w0, w1, P);
          l = w0 * half[0].loss + w1 * half[1].loss;
        } else { /* every step of the batch was padding */
          memset(grad, 0, sizeof(rnn_real) * P);
          l = 0.0;
        }
        rnn_clip_grad(grad, P, tc->clipnorm, tc->clipvalue);
        rnn_optim_step(&etc, params, grad, state, P, ++step);
      }
      if (cb && cb->on_batch &&
          cb->on_batch(cb->ctx, epoch, (int)bi + 1, (int)n_batches,
                       tot.n > 0 ? tot.loss / tot.n : l)) {
        res->interrupted = 1;
        break;
      }
    }
    if (res->interrupted) break;
    eloss = tot.n > 0 ? tot.loss / tot.n : 0.0;
    if (!isfinite(eloss) || !all_finite(params, P)) {
      memcpy(params, backup, sizeof(rnn_real) * P);
      res->diverged = epoch;
      return rnn_fail(err, RNN_ERR_DIVERGED,
                      "training diverged in epoch %d: the loss became %s; the "
                      "weights after epoch %d were kept. Lower the learning "
                      "rate or clip gradients (clipnorm)",
                      epoch, isnan(eloss) ? "NaN" : "infinite", epoch - 1);
    }
    hist->loss[epoch - 1] = eloss;
    if (hist->lr) hist->lr[epoch - 1] = etc.lr;
    if (hist->acc) hist->acc[epoch - 1] = tally_acc(&tot);
    if (val) {
      rows.threads = 1;
#ifdef _OPENMP
      if (rows_mode && n_threads > 1 && pace.two) rows.threads = 2;
#endif
      evaluate(cfg, tc, params, val, tc->len ? tc->val_len : NULL, B, idx, half,
               rows_mode ? &rows : NULL,
               &vloss, &vacc);
      hist->val_loss[epoch - 1] = vloss;
      if (hist->val_acc) hist->val_acc[epoch - 1] = vacc;
    }
    res->epochs_run = epoch;
    monitor = val ? vloss : eloss;
    if (monitor < best_loss - tc->min_delta) {
      best_loss = monitor;
      res->best_epoch = epoch;
      wait = 0;
      if (tc->restore_best) memcpy(best, params, sizeof(rnn_real) * P);
    } else {
      wait++;
    }
    if (cb && cb->on_epoch &&
        cb->on_epoch(cb->ctx, epoch, tc->epochs, eloss, vloss)) {
      res->interrupted = 1;
      break;
    }
    if (tc->patience > 0 && wait >= tc->patience) {
      res->stopped_early = 1;
      break;
    }
  }
  if (tc->restore_best && tc->patience > 0 && res->best_epoch > 0 &&
      res->best_epoch != res->epochs_run) {
    memcpy(params, best, sizeof(rnn_real) * P);
    res->restored = 1;
  }
  return RNN_OK;
}

#ifndef RNN_SINGLE /* the public API, in double; single models dispatch */
double rnn_lr_at(const rnn_train_config *tc, int e) {
  /* (a period < 1, which rnn_lr_check() rejects, drops nothing) */
  if (tc->lr_schedule != RNN_LR_PIECEWISE || tc->lr_drop_period < 1 ||
      e < tc->lr_drop_period)
    return tc->lr;
  return tc->lr * pow(tc->lr_drop_factor, (double)(e / tc->lr_drop_period));
}

int rnn_lr_check(const rnn_train_config *tc, rnn_error *err) {
  if (tc->lr_schedule != RNN_LR_NONE && tc->lr_schedule != RNN_LR_PIECEWISE)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "unknown learning-rate schedule %d (0 none, 1 piecewise)",
                    tc->lr_schedule);
  if (tc->lr_schedule == RNN_LR_NONE) return RNN_OK;
  if (!(tc->lr_drop_factor > 0 && tc->lr_drop_factor <= 1))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "the learning rate's drop factor must lie in (0, 1], not "
                    "%g: the rate is multiplied by it every drop period",
                    tc->lr_drop_factor);
  if (tc->lr_drop_period < 1)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "the learning rate's drop period must be a whole number "
                    "of epochs >= 1, not %d", tc->lr_drop_period);
  return RNN_OK;
}

static int check_train(const rnn_config *cfg, const rnn_train_config *tc,
                       const rnn_dataset *d, const char *what, rnn_error *err) {
  size_t k, nx, ny;
  int st;
  if (!d || !(d->x || d->src) || !d->y)
    return rnn_fail(err, RNN_ERR_INPUT, "%s data are NULL", what);
  if (d->n_samples == 0 || d->n_time == 0)
    return rnn_fail(err, RNN_ERR_DIM, "%s data are empty (%lu samples of %lu steps)",
                    what, (unsigned long)d->n_samples, (unsigned long)d->n_time);
  if (tc->stateful && tc->batch_size > 0 &&
      d->n_samples % (size_t)tc->batch_size != 0)
    return rnn_fail(err, RNN_ERR_DIM,
                    "stateful training reads %s data as batch_size = %d "
                    "streams, so its %lu samples must be a multiple of %d",
                    what, tc->batch_size, (unsigned long)d->n_samples,
                    tc->batch_size);
  nx = d->n_samples * d->n_time * (size_t)cfg->n_in;
  if (d->src) { /* issue 16: compact windows, checked where they are read */
    if (d->x || tc->len)
      return rnn_fail(err, RNN_ERR_INPUT,
                      "%s windows read from a source are full windows: give "
                      "no stored x and no sequence lengths with them", what);
    if ((st = rnn_window_source_check(d->src, d->n_samples, d->n_time,
                                      (size_t)cfg->n_in, err)) != RNN_OK)
      return st;
    nx = 0;
  }
  for (k = 0; k < nx; k++)
    if (!isfinite(d->x[k]))
      return rnn_fail(err, RNN_ERR_INPUT, "%s input element %lu is not finite",
                      what, (unsigned long)k + 1);
  ny = d->n_samples * targets_per_sample(cfg, tc->loss, d->n_time);
  for (k = 0; k < ny; k++)
    if (!isfinite(d->y[k]))
      return rnn_fail(err, RNN_ERR_INPUT, "%s target element %lu is not finite",
                      what, (unsigned long)k + 1);
  if (tc->loss == RNN_LOSS_SPARSE_CE)
    for (k = 0; k < ny; k++)
      if (!(d->y[k] >= 0 && d->y[k] < cfg->n_out && d->y[k] == floor(d->y[k])))
        return rnn_fail(err, RNN_ERR_INPUT,
                        "%s class label %g is not an integer in 0..%d", what,
                        d->y[k], cfg->n_out - 1);
  if (d->src) return rnn_check_source_series(cfg, d, err);
  if (cfg->n_vocab > 0) return rnn_check_tokens(cfg, d->x, nx, err);
  return rnn_check_series(cfg, d->x, d->n_samples * d->n_time, 0, err);
}

/* The lengths of sequences of unequal length (see rnn_train_config). */
static int check_lengths(const rnn_train_config *tc, const double *len,
                         const rnn_dataset *d, const char *what,
                         rnn_error *err) {
  size_t k;
  if (!tc->len) return RNN_OK;
  if (tc->stateful)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "stateful training reads full streams: it takes no "
                    "sequence lengths");
  if (tc->seq_length < -1)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "seq_length %d is neither 0 (the longest), -1 (the "
                    "shortest) nor a number of steps", tc->seq_length);
  if (len)
    for (k = 0; k < d->n_samples; k++)
      if (!(len[k] >= 1 && len[k] <= (double)d->n_time && len[k] == floor(len[k])))
        return rnn_fail(err, RNN_ERR_DIM,
                        "%s sequence %lu has length %g; lengths are whole "
                        "numbers 1..%lu (the padded length)", what,
                        (unsigned long)k + 1, len[k], (unsigned long)d->n_time);
  return RNN_OK;
}

size_t rnn_train_workspace(const rnn_config *cfg, const rnn_train_config *tc,
                           size_t n_samples, size_t n_time) {
  if (cfg && cfg->precision == RNN_PREC_SINGLE &&
      rnn_config_check(cfg, NULL) == RNN_OK)
    return rnn_single_train_workspace(cfg, tc, n_samples, n_time);
  return rnn_train_size(cfg, tc, n_samples, n_time);
}

int rnn_train(const rnn_config *cfg, const rnn_train_config *tc,
              double *params, const rnn_dataset *train,
              const rnn_dataset *val, rnn_rng *rng, const rnn_callbacks *cb,
              const rnn_history *hist, rnn_train_result *res, double *work,
              rnn_error *err) {
  size_t N, T, B;
  int st;
  if ((st = rnn_config_check(cfg, err)) != RNN_OK) return st;
  if (!tc || !params || !rng || !res || !work || !hist || !hist->loss)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_train: NULL argument");
  if ((st = rnn_loss_check(cfg, tc->loss, err)) != RNN_OK) return st;
  if (tc->epochs < 1 || tc->batch_size < 1)
    return rnn_fail(err, RNN_ERR_INPUT, "epochs and batch_size must be >= 1 (got %d and %d)",
                    tc->epochs, tc->batch_size);
  if (tc->optimizer < RNN_OPT_SGD || tc->optimizer > RNN_OPT_ADAM)
    return rnn_fail(err, RNN_ERR_INPUT, "unknown optimizer %d", tc->optimizer);
  if (!(tc->lr > 0) || !isfinite(tc->lr))
    return rnn_fail(err, RNN_ERR_INPUT, "the learning rate must be positive and finite");
  if ((st = rnn_lr_check(tc, err)) != RNN_OK) return st;
  if ((st = check_train(cfg, tc, train, "training", err)) != RNN_OK) return st;
  if ((st = check_lengths(tc, tc->len, train, "training", err)) != RNN_OK ||
      (val && (st = check_lengths(tc, tc->val_len, val, "validation", err)) != RNN_OK))
    return st;
  if (val) {
    if ((st = check_train(cfg, tc, val, "validation", err)) != RNN_OK) return st;
    if (val->n_time != train->n_time)
      return rnn_fail(err, RNN_ERR_DIM,
                      "validation windows have %lu steps, training windows %lu",
                      (unsigned long)val->n_time, (unsigned long)train->n_time);
    if (!hist->val_loss) return rnn_fail(err, RNN_ERR_INPUT, "val_loss history is NULL");
  }

  N = train->n_samples;
  T = train->n_time;
  B = (size_t)tc->batch_size;
  if (B > N) B = N;
  if (!rnn_fits_int(B * T * ((size_t)cfg->n_in + 1)) ||
      !rnn_fits_int(B * T * (size_t)rnn_cell_gates(cfg->cell)))
    return rnn_fail(err, RNN_ERR_SIZE,
                    "a batch of %lu windows of %lu steps is too large for BLAS",
                    (unsigned long)B, (unsigned long)T);
  rnn_advise_huge(work, sizeof(double) * rnn_train_workspace(cfg, tc, N, T));
  if (cfg->precision == RNN_PREC_SINGLE)
    return rnn_single_train(cfg, tc, params, train, val, rng, cb, hist, res,
                            work, err);
  return rnn_train_engine(cfg, tc, params, train, val, rng, cb, hist, res,
                          work, err);
}
#endif
