/* Recurrent layers: forward over a whole sequence, and full BPTT.
 *
 * Inside the kernels T = n_time, B = n_batch, H = n_hidden, I = n_in and
 * G = gate blocks (1 SimpleRNN, 3 GRU, 4 LSTM); see internal.h for the
 * shapes of the cache.  Each step does one concatenated G*H x B gate
 * product h_{t-1} -> W_h h_{t-1}.  The input projection W_x x is hoisted
 * out of the recurrence as one G*H x (B*T) product when the input is wide;
 * with at most RNN_FOLD_MAX_IN features it is folded into the gate loop,
 * where a K = 1..4 product would cost more than the loop
 * (../shared/PERFORMANCE_NOTES.md).  Backward keeps dZ for all steps so
 * that dW_x, dW_h and dx are each one product with K = B*T after the loop;
 * only dZ_t -> W_h^T dZ_t stays inside it. */
#include "internal.h"

#include <math.h>
#include <string.h>

#define RNN_FOLD_MAX_IN 4

static int folds_input(const rnn_layer_view *w) {
  return w->n_in <= RNN_FOLD_MAX_IN;
}

/* The step products (GH x B x H forward, H x B x GH backward) use W_h
 * packed once per batch (RNN_GEMM_PACK_A()) when they take the packed
 * path: packing is then paid once, not at every step. */
static size_t packed_wh(size_t m, size_t B, size_t k) {
  return RNN_GEMM_WORK('N', m, B, k) ? RNN_GEMM_PACKED_SIZE(m, k) : 0;
}

static size_t max2(size_t a, size_t b) { return a > b ? a : b; }

/* Scratch of the forward pass: GRU's W_h h_{t-1} | packed W_h | the
 * products' work; of the backward pass: dZ (GRU: dZx, dZh) | carries |
 * W_h^T, or W_h^T packed when the step product takes the packed kernel |
 * the products' work. */
static size_t fwd_size(size_t I, size_t H, size_t G, size_t B, size_t T,
                       size_t *pack, size_t *work) {
  size_t GH = G * H;
  *pack = packed_wh(GH, B, H);
  *work = max2(RNN_GEMM_WORK('N', GH, B * T, I), RNN_GEMM_WORK('N', GH, B, H));
  return GH * B + *pack + *work;
}

static size_t bwd_size(size_t I, size_t H, size_t G, size_t B, size_t T,
                       size_t *pack, size_t *work) {
  size_t GH = G * H;
  *pack = packed_wh(H, B, GH);
  *work = max2(max2(RNN_GEMM_WORK('N', H, B, GH), RNN_GEMM_WORK('N', GH, H, B * T)),
               max2(RNN_GEMM_WORK('N', GH, I, B * T), RNN_GEMM_WORK('T', I, B * T, GH)));
  return 2 * GH * B * T + 2 * H * B + (*pack ? *pack : GH * H) + *work;
}

size_t rnn_layer_tmp_size(const rnn_config *cfg, size_t I, size_t H, size_t B,
                          size_t T) {
  size_t G = (size_t)rnn_cell_gates(cfg->cell), p, w;
  return max2(fwd_size(I, H, G, B, T, &p, &w), bwd_size(I, H, G, B, T, &p, &w));
}

/* C (GH x B) = W_h h + beta C: from the packed W_h when there is one */
static void step_product(size_t m, size_t B, size_t k, const rnn_real *W,
                         const rnn_real *Wp, const rnn_real *h, rnn_real beta,
                         rnn_real *C, rnn_real *work) {
  if (Wp)
    RNN_GEMM_PACKED(m, B, k, NULL, 0, 0, Wp, h, 1, k, beta, C, m, work);
  else
    RNN_GEMM('N', 'N', m, B, k, 1.0, W, m, h, k, beta, C, m, work);
}

/* G_t (GH x B) += W_x x_t, for narrow inputs. */
static RNN_INLINE void fold_input(const rnn_layer_view *w, size_t GH, size_t B,
                       const rnn_real *xt, rnn_real *Gt) {
  const size_t I = w->n_in;
  size_t b, k, r;
  for (b = 0; b < B; b++) {
    rnn_real *g = Gt + GH * b;
    const rnn_real *xb = xt + I * b;
    for (k = 0; k < I; k++) {
      const rnn_real *wk = w->Wx + GH * k, xv = xb[k];
      for (r = 0; r < GH; r++) g[r] += wk[r] * xv;
    }
  }
}

/* Padded steps keep the state: h_t = h_{t-1} (and c_t = c_{t-1}) for the
 * sequences whose step t is masked. */
static void mask_forward(const rnn_layer_cache *c, size_t H, size_t B,
                         size_t t) {
  const rnn_real *m = c->mask + B * t;
  const size_t HB = H * B;
  size_t b;
  for (b = 0; b < B; b++)
    if (m[b] == 0.0) {
      memcpy(c->hs + HB * (t + 1) + H * b, c->hs + HB * t + H * b,
             sizeof(rnn_real) * H);
      if (c->cs)
        memcpy(c->cs + HB * (t + 1) + H * b, c->cs + HB * t + H * b,
               sizeof(rnn_real) * H);
    }
}

RNN_CLONES_LOOPS void rnn_layer_forward(const rnn_config *cfg, const rnn_layer_view *w,
                       size_t B, size_t T, const rnn_real *x,
                       rnn_layer_cache *c, rnn_real *tmp) {
  const size_t H = w->n_hidden, I = w->n_in;
  const size_t G = rnn_cell_gates(cfg->cell), GH = G * H, HB = H * B;
  const int fold = folds_input(w);
  size_t t, b, j, npack, nwork;
  rnn_real *Wp, *work;

  fwd_size(I, H, G, B, T, &npack, &nwork);
  Wp = npack ? tmp + GH * B : NULL;
  work = nwork ? tmp + GH * B + npack : NULL;
  if (Wp) RNN_GEMM_PACK_A(GH, H, w->Wh, 1, GH, Wp);
  if (!fold) RNN_GEMM('N', 'N', GH, B * T, I, 1.0, w->Wx, GH, x, I, 0.0,
                       c->gates, GH, work);
  for (t = 0; t < T; t++) {
    rnn_real *Gt = c->gates + GH * B * t;
    const rnn_real *hprev = c->hs + HB * t;
    rnn_real *h = c->hs + HB * (t + 1);
    if (cfg->cell == RNN_CELL_GRU) {
      /* tmp = W_h h_{t-1}; the n block is kept apart (reset after) */
      step_product(GH, B, H, w->Wh, Wp, hprev, 0.0, tmp, work);
      if (fold) {
        memset(Gt, 0, sizeof(rnn_real) * GH * B);
        fold_input(w, GH, B, x + I * B * t, Gt);
      }
      for (b = 0; b < B; b++) {
        rnn_real *g = Gt + GH * b, *zh = tmp + GH * b;
        rnn_real *hn = c->aux + HB * t + H * b;
        const rnn_real *hp = hprev + H * b;
        for (j = 0; j < 2 * H; j++) g[j] = g[j] + w->b[j] + zh[j] + w->bh[j];
        rnn_vsigmoid(g, 2 * H); /* r, z */
        for (j = 0; j < H; j++) {
          rnn_real a = zh[2 * H + j] + w->bh[2 * H + j];
          g[2 * H + j] = g[2 * H + j] + w->b[2 * H + j] + g[j] * a;
          hn[j] = a;
        }
        rnn_vtanh(g + 2 * H, H); /* n */
        for (j = 0; j < H; j++) {
          rnn_real z = g[H + j], n = g[2 * H + j];
          h[H * b + j] = (1 - z) * n + z * hp[j];
        }
      }
      if (c->mask) mask_forward(c, H, B, t);
      continue;
    }
    step_product(GH, B, H, w->Wh, Wp, hprev, fold ? 0.0 : 1.0, Gt, work);
    if (fold) fold_input(w, GH, B, x + I * B * t, Gt);
    if (cfg->cell == RNN_CELL_LSTM) {
      const rnn_real *cprev = c->cs + HB * t;
      rnn_real *ct = c->cs + HB * (t + 1), *tc = c->aux + HB * t;
      /* gates: biases, then one vectorised pass over the whole gate
       * matrix (sigmoid i, f, o; tanh g); then the cell update */
      for (b = 0; b < B; b++) {
        rnn_real *g = Gt + GH * b;
        for (j = 0; j < GH; j++) g[j] += w->b[j];
      }
      rnn_vlstm_gates(Gt, H, B);
      for (b = 0; b < B; b++) {
        const rnn_real *g = Gt + GH * b;
        for (j = 0; j < H; j++) {
          size_t e = H * b + j;
          rnn_real cv = g[H + j] * cprev[e] + g[j] * g[2 * H + j];
          ct[e] = cv;
          tc[e] = cv;
        }
      }
      rnn_vtanh(tc, HB);
      for (b = 0; b < B; b++) {
        const rnn_real *g = Gt + GH * b;
        for (j = 0; j < H; j++) h[H * b + j] = g[3 * H + j] * tc[H * b + j];
      }
    } else { /* SimpleRNN: h = act(z); gates keep nothing */
      for (b = 0; b < B; b++)
        for (j = 0; j < H; j++) h[H * b + j] = Gt[H * b + j] + w->b[j];
      rnn_activate(cfg->activation, h, H, B);
    }
    if (c->mask) mask_forward(c, H, B, t);
  }
}

/* dst (rows) += sums of the columns of A (rows x cols) */
static RNN_INLINE void add_row_sums(rnn_real *dst, const rnn_real *A, size_t rows,
                         size_t cols) {
  size_t i, j;
  for (j = 0; j < cols; j++)
    for (i = 0; i < rows; i++) dst[i] += A[i + rows * j];
}

RNN_CLONES_LOOPS void rnn_layer_backward(const rnn_config *cfg, const rnn_layer_view *w,
                        rnn_layer_view *g, size_t B, size_t T,
                        const rnn_real *x, const rnn_layer_cache *c, rnn_real *dH,
                        rnn_real *dx, rnn_real *tmp) {
  const size_t H = w->n_hidden, I = w->n_in;
  const size_t G = rnn_cell_gates(cfg->cell), GH = G * H, HB = H * B;
  const int gru = cfg->cell == RNN_CELL_GRU;
  rnn_real *dZ = tmp;                               /* GH x B x T (GRU: dZx) */
  rnn_real *dZh = gru ? tmp + GH * B * T : dZ;      /* GRU: GH x B x T       */
  rnn_real *carry = tmp + 2 * GH * B * T;           /* H x B: dc or z*dh     */
  rnn_real *Wht = carry + 2 * HB;                   /* H x GH: W_h^T         */
  rnn_real *Wp, *work;                              /* or packed; work       */
  size_t t, b, j, k = T, npack, nwork;

  bwd_size(I, H, G, B, T, &npack, &nwork);
  Wp = npack ? Wht : NULL;
  work = nwork ? Wht + (npack ? npack : GH * H) : NULL;
  /* W_h^T once, so that dh += W_h^T dZ is a plain ('N') product, which
   * the small-matrix kernels take, or packed once for the packed kernel */
  if (Wp)
    RNN_GEMM_PACK_A(H, GH, w->Wh, GH, 1, Wp);
  else
    for (j = 0; j < GH; j++)
      for (b = 0; b < H; b++) Wht[b + H * j] = w->Wh[j + GH * b];
  memset(carry, 0, sizeof(rnn_real) * HB);
  while (k-- > 0) {
    rnn_real *dh = dH + HB * k;
    const rnn_real *Gt = c->gates + GH * B * k;
    rnn_real *dZt = dZ + GH * B * k, *dZht = dZh + GH * B * k;
    t = k;
    if (t + 1 < T) /* dh_t += W_h^T dZ_{t+1} (GRU: dZh_{t+1}) */
      step_product(H, B, GH, Wht, Wp, dZh + GH * B * (t + 1), 1.0, dh, work);
    /* A masked step passed h_{t-1} (and c_{t-1}) through unchanged: its
     * gate deltas are zero, dh_t goes on to h_{t-1} and the LSTM's dc
     * carry to c_{t-1} as it is. */
    if (cfg->cell == RNN_CELL_LSTM) {
      const rnn_real *cprev = c->cs + HB * t, *tc = c->aux + HB * t;
      for (b = 0; b < B; b++) {
        const rnn_real *gg = Gt + GH * b;
        rnn_real *dz = dZt + GH * b;
        if (c->mask && c->mask[b + B * t] == 0.0) {
          memset(dz, 0, sizeof(rnn_real) * GH);
          if (t > 0)
            for (j = 0; j < H; j++) dH[HB * (t - 1) + H * b + j] += dh[H * b + j];
          continue;
        }
        for (j = 0; j < H; j++) {
          size_t e = H * b + j;
          rnn_real i_ = gg[j], f_ = gg[H + j], g_ = gg[2 * H + j],
                 o_ = gg[3 * H + j];
          rnn_real dc = carry[e] + dh[e] * o_ * (1 - tc[e] * tc[e]);
          dz[j] = dc * g_ * i_ * (1 - i_);
          dz[H + j] = dc * cprev[e] * f_ * (1 - f_);
          dz[2 * H + j] = dc * i_ * (1 - g_ * g_);
          dz[3 * H + j] = dh[e] * tc[e] * o_ * (1 - o_);
          carry[e] = dc * f_;
        }
      }
    } else if (gru) {
      const rnn_real *hprev = c->hs + HB * t, *hn = c->aux + HB * t;
      for (b = 0; b < B; b++) {
        const rnn_real *gg = Gt + GH * b;
        rnn_real *dzx = dZt + GH * b, *dzh = dZht + GH * b;
        if (c->mask && c->mask[b + B * t] == 0.0) {
          memset(dzx, 0, sizeof(rnn_real) * GH);
          memset(dzh, 0, sizeof(rnn_real) * GH);
          for (j = 0; j < H; j++) carry[H * b + j] += dh[H * b + j];
          continue;
        }
        for (j = 0; j < H; j++) {
          size_t e = H * b + j;
          rnn_real r = gg[j], z = gg[H + j], n = gg[2 * H + j];
          rnn_real d = dh[e] + carry[e];
          rnn_real dpn = d * (1 - z) * (1 - n * n);
          rnn_real dpr = dpn * hn[e] * r * (1 - r);
          rnn_real dpz = d * (hprev[e] - n) * z * (1 - z);
          dzx[j] = dzh[j] = dpr;
          dzx[H + j] = dzh[H + j] = dpz;
          dzx[2 * H + j] = dpn;
          dzh[2 * H + j] = dpn * r;
          carry[e] = d * z;
        }
      }
    } else {
      const rnn_real *h = c->hs + HB * (t + 1);
      memcpy(dZt, dh, sizeof(rnn_real) * HB);
      rnn_activate_backward(cfg->activation, h, dZt, H, B);
      if (c->mask)
        for (b = 0; b < B; b++)
          if (c->mask[b + B * t] == 0.0) {
            memset(dZt + H * b, 0, sizeof(rnn_real) * H);
            if (t > 0)
              for (j = 0; j < H; j++) dH[HB * (t - 1) + H * b + j] += dh[H * b + j];
          }
    }
  }
  /* weight gradients, merged over time: hs slots 0..T-1 are h_{t-1} */
  RNN_GEMM('N', 'T', GH, H, B * T, 1.0, dZh, GH, c->hs, H, 1.0, g->Wh, GH,
            work);
  RNN_GEMM('N', 'T', GH, I, B * T, 1.0, dZ, GH, x, I, 1.0, g->Wx, GH, work);
  add_row_sums(g->b, dZ, GH, B * T);
  if (gru) add_row_sums(g->bh, dZh, GH, B * T);
  if (dx)
    RNN_GEMM('T', 'N', I, B * T, GH, 1.0, w->Wx, GH, dZ, GH, 0.0, dx, I, work);
}
