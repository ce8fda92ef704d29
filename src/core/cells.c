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
#ifdef _OPENMP
#include <omp.h>
#endif

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
 * products' work, twice (one per part of the gate-row split); of the
 * backward pass: dZ (GRU: dZx, dZh) | carries | W_h^T, or W_h^T packed
 * when the step product takes the packed kernel | the products' work,
 * twice. */
static size_t fwd_size(size_t I, size_t H, size_t G, size_t B, size_t T,
                       size_t *pack, size_t *work) {
  size_t GH = G * H;
  *pack = packed_wh(GH, B, H);
  *work = max2(RNN_GEMM_WORK('N', GH, B * T, I), RNN_GEMM_WORK('N', GH, B, H));
  return GH * B + *pack + 2 * *work;
}

static size_t bwd_size(size_t I, size_t H, size_t G, size_t B, size_t T,
                       size_t *pack, size_t *work) {
  size_t GH = G * H;
  *pack = packed_wh(H, B, GH);
  *work = max2(max2(RNN_GEMM_WORK('N', H, B, GH), RNN_GEMM_WORK('N', GH, H, B * T)),
               max2(RNN_GEMM_WORK('N', GH, I, B * T), RNN_GEMM_WORK('T', I, B * T, GH)));
  return 2 * GH * B * T + 2 * H * B + (*pack ? *pack : GH * H) + 2 * *work;
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

/* dst (rows) += sums of the columns of A (rows x cols, leading dimension
 * lda), column by column */
static RNN_INLINE void add_row_sums(rnn_real *dst, const rnn_real *A, size_t rows,
                         size_t lda, size_t cols) {
  size_t i, j;
  for (j = 0; j < cols; j++)
    for (i = 0; i < rows; i++) dst[i] += A[i + lda * j];
}

/* ---- The gate-row split (issue 19) ------------------------------------
 *
 * With rnn_train_config's row_split 1 (off by default: the measurements
 * are at rnn_rows_pay() below) a layer splits its hidden units in two
 * parts, units 0..cut-1 and cut..H-1, each with its rows of every gate
 * block (LSTM i, f, g, o; GRU r, z, n), across two threads: per step a thread
 * computes its gate rows of W_h h_{t-1} (half of W_h), the element-wise
 * update of its units, and waits for the other at a barrier, since the
 * next step reads all of h_t; backward the same with its rows of W_h^T
 * dZ_{t+1} and its units' deltas.  The hoisted input projection, the
 * weight gradients (rows of G*H) and the input gradient (columns of B*T)
 * are split too.
 *
 * No result depends on the split: every element of a product is computed
 * by the kernel the whole product takes (the packed kernel from W_h
 * packed in whole panels of MR rows, so cut and H are multiples of MR;
 * the small kernel, whose sums do not depend on the rows around them),
 * in its order, and the element-wise maps give the same bits wherever an
 * element sits (activations.c).  So one thread, the parts in turn and the
 * parts on two threads give the bits of the unsplit layer, which
 * tests/core checks. */
#define ROW_MR (128 / sizeof(rnn_real)) /* the packed kernel's panel rows */

/* The first unit of part 1, 0 when the layer is not split: whole panels,
 * half of them (rounded up) to part 0. */
static size_t rows_cut(const rnn_config *cfg, size_t H) {
  if (H % ROW_MR != 0 || H < 2 * ROW_MR ||
      (cfg->cell == RNN_CELL_SIMPLE && cfg->activation == RNN_ACT_SOFTMAX))
    return 0;
  return (H / ROW_MR + 1) / 2 * ROW_MR;
}

typedef struct {
  const rnn_config *cfg;
  const rnn_layer_view *w;
  rnn_layer_view *g;
  const rnn_layer_cache *c;
  const rnn_real *x;
  rnn_real *dH, *dx;
  size_t B, T, cut;
  rnn_real *zh;          /* GRU forward: W_h h_{t-1}, GH x B */
  rnn_real *Wp, *Wht;    /* W_h (forward) or W_h^T packed; or W_h^T plain */
  rnn_real *dZ, *dZh, *carry;
  rnn_real *work[2];     /* the products' work of each part */
} rows_ctx;

/* Rows r0..r0+m-1 of C (M x n) = op(A) op(B) + beta C as the whole
 * product computes them (the packed kernel when it takes the M-row
 * product, else the small kernel, as RNN_GEMM() would). */
static void gemm_rows(char ta, char tb, size_t M, size_t r0, size_t m,
                      size_t n, size_t k, const rnn_real *A, size_t lda,
                      const rnn_real *Bm, size_t ldb, rnn_real beta,
                      rnn_real *C, size_t ldc, rnn_real *work) {
  const size_t sai = ta == 'N' ? 1 : lda, sap = ta == 'N' ? lda : 1;
  if (m == 0) return;
  if (work && RNN_GEMM_WORK(ta, M, n, k))
    RNN_GEMM_PACKED(m, n, k, A + r0 * sai, sai, sap, NULL, Bm,
                    tb == 'N' ? 1 : ldb, tb == 'N' ? ldb : 1, beta, C + r0,
                    ldc, work);
  else
    RNN_GEMM(ta, tb, m, n, k, 1.0, A + r0 * sai, lda, Bm, ldb, beta, C + r0,
             ldc, work);
}

static void part_units(const rows_ctx *r, int p, size_t *j0, size_t *n) {
  *j0 = p ? r->cut : 0;
  *n = p ? r->w->n_hidden - r->cut : r->cut;
}

/* Before the time loop, part p: its rows of W_h packed, its rows of the
 * input projection. */
static void fwd_begin(const rows_ctx *r, int p) {
  const rnn_layer_view *w = r->w;
  const size_t H = w->n_hidden, I = w->n_in;
  const size_t G = rnn_cell_gates(r->cfg->cell), GH = G * H;
  size_t j0, n, g;
  part_units(r, p, &j0, &n);
  for (g = 0; g < G; g++) {
    const size_t r0 = g * H + j0;
    if (r->Wp) RNN_GEMM_PACK_A(n, H, w->Wh + r0, 1, GH, r->Wp + r0 * H);
    if (!folds_input(w))
      gemm_rows('N', 'N', GH, r0, n, r->B * r->T, I, w->Wx, GH, r->x, I, 0.0,
                r->c->gates, GH, r->work[p]);
  }
}

/* Step t of part p (units j0..j0+n-1): the equations of
 * rnn_layer_forward() on its rows, element for element. */
RNN_CLONES_LOOPS static void fwd_step(const rows_ctx *r, int p, size_t t) {
  const rnn_config *cfg = r->cfg;
  const rnn_layer_view *w = r->w;
  const rnn_layer_cache *c = r->c;
  const size_t H = w->n_hidden, I = w->n_in, B = r->B;
  const size_t G = rnn_cell_gates(cfg->cell), GH = G * H, HB = H * B;
  const int gru = cfg->cell == RNN_CELL_GRU, fold = folds_input(w);
  rnn_real *Gt = c->gates + GH * B * t, *out = gru ? r->zh : Gt;
  const rnn_real *hprev = c->hs + HB * t, *xt = r->x + I * B * t;
  rnn_real *h = c->hs + HB * (t + 1);
  const rnn_real beta = gru || fold ? 0.0 : 1.0;
  size_t j0, n, j, b, g, k;
  part_units(r, p, &j0, &n);
  for (g = 0; g < G; g++) {
    const size_t r0 = g * H + j0;
    if (r->Wp)
      RNN_GEMM_PACKED(n, B, H, NULL, 0, 0, r->Wp + r0 * H, hprev, 1, H, beta,
                      out + r0, GH, r->work[p]);
    else
      RNN_GEMM('N', 'N', n, B, H, 1.0, w->Wh + r0, GH, hprev, H, beta,
               out + r0, GH, r->work[p]);
  }
  if (fold) /* G_t += W_x x_t on its rows (fold_input()'s order) */
    for (b = 0; b < B; b++)
      for (g = 0; g < G; g++) {
        rnn_real *gg = Gt + GH * b + g * H + j0;
        if (gru) memset(gg, 0, sizeof(rnn_real) * n);
        for (k = 0; k < I; k++) {
          const rnn_real *wk = w->Wx + GH * k + g * H + j0, xv = xt[I * b + k];
          for (j = 0; j < n; j++) gg[j] += wk[j] * xv;
        }
      }
  if (cfg->cell == RNN_CELL_LSTM) {
    const rnn_real *cprev = c->cs + HB * t;
    rnn_real *ct = c->cs + HB * (t + 1), *tc = c->aux + HB * t;
    for (b = 0; b < B; b++) {
      rnn_real *gg = Gt + GH * b;
      for (g = 0; g < 4; g++)
        for (j = j0; j < j0 + n; j++) gg[g * H + j] += w->b[g * H + j];
      rnn_vsigmoid(gg + j0, n);
      rnn_vsigmoid(gg + H + j0, n);
      rnn_vtanh(gg + 2 * H + j0, n);
      rnn_vsigmoid(gg + 3 * H + j0, n);
      for (j = j0; j < j0 + n; j++) {
        size_t e = H * b + j;
        rnn_real cv = gg[H + j] * cprev[e] + gg[j] * gg[2 * H + j];
        ct[e] = cv;
        tc[e] = cv;
      }
      rnn_vtanh(tc + H * b + j0, n);
      for (j = j0; j < j0 + n; j++) h[H * b + j] = gg[3 * H + j] * tc[H * b + j];
    }
  } else if (gru) {
    for (b = 0; b < B; b++) {
      rnn_real *gg = Gt + GH * b, *zh = r->zh + GH * b;
      rnn_real *hn = c->aux + HB * t + H * b;
      const rnn_real *hp = hprev + H * b;
      for (g = 0; g < 2; g++)
        for (j = g * H + j0; j < g * H + j0 + n; j++)
          gg[j] = gg[j] + w->b[j] + zh[j] + w->bh[j];
      rnn_vsigmoid(gg + j0, n);
      rnn_vsigmoid(gg + H + j0, n);
      for (j = j0; j < j0 + n; j++) {
        rnn_real a = zh[2 * H + j] + w->bh[2 * H + j];
        gg[2 * H + j] = gg[2 * H + j] + w->b[2 * H + j] + gg[j] * a;
        hn[j] = a;
      }
      rnn_vtanh(gg + 2 * H + j0, n);
      for (j = j0; j < j0 + n; j++) {
        rnn_real z = gg[H + j], nn = gg[2 * H + j];
        h[H * b + j] = (1 - z) * nn + z * hp[j];
      }
    }
  } else {
    for (b = 0; b < B; b++) {
      for (j = j0; j < j0 + n; j++) h[H * b + j] = Gt[H * b + j] + w->b[j];
      rnn_activate(cfg->activation, h + H * b + j0, n, 1);
    }
  }
  if (c->mask)
    for (b = 0; b < B; b++)
      if (c->mask[b + B * t] == 0.0) {
        memcpy(c->hs + HB * (t + 1) + H * b + j0, c->hs + HB * t + H * b + j0,
               sizeof(rnn_real) * n);
        if (c->cs)
          memcpy(c->cs + HB * (t + 1) + H * b + j0,
                 c->cs + HB * t + H * b + j0, sizeof(rnn_real) * n);
      }
}

/* Before the time loop backward, part p: its rows of W_h^T (packed or
 * plain), its units' carries. */
static void bwd_begin(const rows_ctx *r, int p) {
  const size_t H = r->w->n_hidden, B = r->B;
  const size_t GH = rnn_cell_gates(r->cfg->cell) * H;
  size_t j0, n, j, b;
  part_units(r, p, &j0, &n);
  if (r->Wp)
    RNN_GEMM_PACK_A(n, GH, r->w->Wh + GH * j0, GH, 1, r->Wp + j0 * GH);
  else
    for (j = 0; j < GH; j++)
      for (b = j0; b < j0 + n; b++) r->Wht[b + H * j] = r->w->Wh[j + GH * b];
  for (b = 0; b < B; b++) memset(r->carry + H * b + j0, 0, sizeof(rnn_real) * n);
}

/* restrict for the element loops' arrays, which never overlap: GCC
 * otherwise versions a loop for every pair that might, and gives up (its
 * limit is 10 such checks) */
#if defined(__GNUC__)
#define RNN_RESTRICT __restrict__
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define RNN_RESTRICT restrict
#else
#define RNN_RESTRICT
#endif

/* The LSTM's backward step on n units of one sample: the gate deltas
 * (i, f, g, o blocks of dz) from the gates (i, f, g, o), dh_t, tanh(c_t),
 * c_{t-1} and the dc carry, which it updates.  Separate arrays, none
 * overlapping another (restrict), so that the loop is vectorised (it was
 * scalar: 8% of configuration 3's samples in double, 12% in single, issue
 * 19); element by element the same operations in the same order, so the
 * same bits on every clone.  Inlined into bwd_elements() and so into its
 * clones. */
static RNN_INLINE void lstm_bwd_units(
    size_t n, const rnn_real *RNN_RESTRICT gi, const rnn_real *RNN_RESTRICT gf,
    const rnn_real *RNN_RESTRICT gc, const rnn_real *RNN_RESTRICT go,
    const rnn_real *RNN_RESTRICT dh, const rnn_real *RNN_RESTRICT tc,
    const rnn_real *RNN_RESTRICT cprev, rnn_real *RNN_RESTRICT dzi,
    rnn_real *RNN_RESTRICT dzf, rnn_real *RNN_RESTRICT dzg,
    rnn_real *RNN_RESTRICT dzo, rnn_real *RNN_RESTRICT carry) {
  size_t j;
  for (j = 0; j < n; j++) {
    rnn_real i_ = gi[j], f_ = gf[j], g_ = gc[j], o_ = go[j];
    rnn_real dc = carry[j] + dh[j] * o_ * (1 - tc[j] * tc[j]);
    dzi[j] = dc * g_ * i_ * (1 - i_);
    dzf[j] = dc * cprev[j] * f_ * (1 - f_);
    dzg[j] = dc * i_ * (1 - g_ * g_);
    dzo[j] = dh[j] * tc[j] * o_ * (1 - o_);
    carry[j] = dc * f_;
  }
}

/* The element part of backward step t on units j0 .. j0+n-1 of every
 * sample: the gate deltas dZ_t (GRU: dZx_t and dZh_t) from dh_t and the
 * carry (LSTM: dc; GRU: z dh), which it updates.  A masked step passed
 * h_{t-1} (and c_{t-1}) through unchanged: its gate deltas are zero, dh_t
 * goes on to h_{t-1} and the LSTM's dc carry to c_{t-1} as it is.  The
 * whole layer (j0 = 0, n = H) and each part of the gate-row split run
 * this same code, so both give the same bits. */
RNN_CLONES_LOOPS static void bwd_elements(const rnn_config *cfg,
                                          const rnn_layer_cache *c, size_t H,
                                          size_t B, size_t t, size_t j0, size_t n,
                                          rnn_real *dH, rnn_real *carry,
                                          rnn_real *dZt, rnn_real *dZht) {
  const size_t GH = rnn_cell_gates(cfg->cell) * H, HB = H * B;
  const rnn_real *dh = dH + HB * t, *Gt = c->gates + GH * B * t;
  size_t j, b, g;
  if (cfg->cell == RNN_CELL_LSTM) {
    const rnn_real *cprev = c->cs + HB * t, *tc = c->aux + HB * t;
    for (b = 0; b < B; b++) {
      const rnn_real *gg = Gt + GH * b;
      rnn_real *dz = dZt + GH * b;
      if (c->mask && c->mask[b + B * t] == 0.0) {
        for (g = 0; g < 4; g++) memset(dz + g * H + j0, 0, sizeof(rnn_real) * n);
        if (t > 0)
          for (j = j0; j < j0 + n; j++) dH[HB * (t - 1) + H * b + j] += dh[H * b + j];
        continue;
      }
      lstm_bwd_units(n, gg + j0, gg + H + j0, gg + 2 * H + j0, gg + 3 * H + j0,
                     dh + H * b + j0, tc + H * b + j0, cprev + H * b + j0,
                     dz + j0, dz + H + j0, dz + 2 * H + j0, dz + 3 * H + j0,
                     carry + H * b + j0);
    }
  } else if (cfg->cell == RNN_CELL_GRU) {
    const rnn_real *hprev = c->hs + HB * t, *hn = c->aux + HB * t;
    for (b = 0; b < B; b++) {
      const rnn_real *gg = Gt + GH * b;
      rnn_real *dzx = dZt + GH * b, *dzh = dZht + GH * b;
      if (c->mask && c->mask[b + B * t] == 0.0) {
        for (g = 0; g < 3; g++) {
          memset(dzx + g * H + j0, 0, sizeof(rnn_real) * n);
          memset(dzh + g * H + j0, 0, sizeof(rnn_real) * n);
        }
        for (j = j0; j < j0 + n; j++) carry[H * b + j] += dh[H * b + j];
        continue;
      }
      for (j = j0; j < j0 + n; j++) {
        size_t e = H * b + j;
        rnn_real rr = gg[j], z = gg[H + j], nn = gg[2 * H + j];
        rnn_real d = dh[e] + carry[e];
        rnn_real dpn = d * (1 - z) * (1 - nn * nn);
        rnn_real dpr = dpn * hn[e] * rr * (1 - rr);
        rnn_real dpz = d * (hprev[e] - nn) * z * (1 - z);
        dzx[j] = dzh[j] = dpr;
        dzx[H + j] = dzh[H + j] = dpz;
        dzx[2 * H + j] = dpn;
        dzh[2 * H + j] = dpn * rr;
        carry[e] = d * z;
      }
    }
  } else { /* the whole layer's H x B block at once, or each sample's part */
    const rnn_real *h = c->hs + HB * (t + 1);
    const size_t nb = n == H ? 1 : B, len = n == H ? HB : n;
    for (b = 0; b < nb; b++) {
      memcpy(dZt + H * b + j0, dh + H * b + j0, sizeof(rnn_real) * len);
      rnn_activate_backward(cfg->activation, h + H * b + j0, dZt + H * b + j0,
                            len, 1);
    }
    if (c->mask)
      for (b = 0; b < B; b++)
        if (c->mask[b + B * t] == 0.0) {
          memset(dZt + H * b + j0, 0, sizeof(rnn_real) * n);
          if (t > 0)
            for (j = j0; j < j0 + n; j++) dH[HB * (t - 1) + H * b + j] += dh[H * b + j];
        }
  }
}

/* Step t backward of part p: the equations of rnn_layer_backward() on its
 * units, element for element. */
RNN_CLONES_LOOPS static void bwd_step(const rows_ctx *r, int p, size_t t) {
  const rnn_config *cfg = r->cfg;
  const rnn_layer_cache *c = r->c;
  const size_t H = r->w->n_hidden, B = r->B, T = r->T;
  const size_t G = rnn_cell_gates(cfg->cell), GH = G * H, HB = H * B;
  rnn_real *dH = r->dH, *dh = dH + HB * t, *carry = r->carry;
  rnn_real *dZt = r->dZ + GH * B * t, *dZht = r->dZh + GH * B * t;
  size_t j0, n;
  part_units(r, p, &j0, &n);
  if (t + 1 < T) {
    const rnn_real *dz1 = r->dZh + GH * B * (t + 1);
    if (r->Wp)
      RNN_GEMM_PACKED(n, B, GH, NULL, 0, 0, r->Wp + j0 * GH, dz1, 1, GH, 1.0,
                      dh + j0, H, r->work[p]);
    else
      RNN_GEMM('N', 'N', n, B, GH, 1.0, r->Wht + j0, H, dz1, GH, 1.0, dh + j0,
               H, r->work[p]);
  }
  bwd_elements(cfg, c, H, B, t, j0, n, dH, carry, dZt, dZht);
}

/* After the time loop, part p: its half of the rows of the weight
 * gradients (merged over time) and of the columns of dx. */
static void bwd_end(const rows_ctx *r, int p) {
  const rnn_layer_view *w = r->w;
  rnn_layer_view *gw = r->g;
  const size_t H = w->n_hidden, I = w->n_in, BT = r->B * r->T;
  const size_t GH = rnn_cell_gates(r->cfg->cell) * H;
  const size_t r0 = p ? GH / 2 : 0, m = p ? GH - GH / 2 : GH / 2;
  const size_t c0 = p ? BT / 2 : 0, nc = p ? BT - BT / 2 : BT / 2;
  gemm_rows('N', 'T', GH, r0, m, H, BT, r->dZh, GH, r->c->hs, H, 1.0, gw->Wh,
            GH, r->work[p]);
  gemm_rows('N', 'T', GH, r0, m, I, BT, r->dZ, GH, r->x, I, 1.0, gw->Wx, GH,
            r->work[p]);
  add_row_sums(gw->b + r0, r->dZ + r0, m, GH, BT);
  if (r->cfg->cell == RNN_CELL_GRU) add_row_sums(gw->bh + r0, r->dZh + r0, m, GH, BT);
  if (r->dx && nc > 0)
    RNN_GEMM('T', 'N', I, nc, GH, 1.0, w->Wx, GH, r->dZ + GH * c0, GH, 0.0,
             r->dx + I * c0, I, r->work[p]);
}

/* Runs a layer's pass in parts: begin, the steps (forward t = 0..T-1 or
 * backward T-1..0) each followed by a barrier, end; on two threads when
 * rows->threads > 1 (timed for the pacer), else the parts in turn.
 *
 * A barrier at every step is what a busy machine punishes: a thread whose
 * core another process holds makes the other wait a scheduler slice at
 * each step (measured: 2-4x slower than one thread at load 17 on 2 cores,
 * before this guard).  So each thread compares, after every step, the
 * time it waited with the time it computed; when either waited longer
 * (one thread alone would have been as fast), both learn it at the
 * barrier, thread 0 finishes the layer alone, the parts in turn, and the
 * rest of the batch runs on one thread (rows->threads = 1); the pacer
 * (pacer.c) then sees the batch's wall time above its work and keeps the
 * next batches on one thread.  The decision slots alternate with the
 * steps, so that no thread overwrites a slot the other has still to read
 * (a barrier apart at most). */
static void rows_run(const rows_ctx *r, int backward) {
  const size_t T = r->T;
  size_t k;
  int p;
#ifdef _OPENMP
  rnn_rows *R = r->c->rows;
  if (R->threads > 1) {
    const double t0 = omp_get_wtime();
    int want[2][2] = {{0, 0}, {0, 0}}, alone = 0;
#pragma omp parallel num_threads(2) private(k, p) shared(want, alone)
    {
      p = omp_get_thread_num();
      if (omp_get_num_threads() == 2) {
        double busy = 0.0, tb = omp_get_wtime(), now;
        int q, stop = 0;
        if (backward) bwd_begin(r, p); else fwd_begin(r, p);
        busy += omp_get_wtime() - tb;
        for (k = 0; k < T; k++) {
          tb = omp_get_wtime();
          if (backward) bwd_step(r, p, T - 1 - k); else fwd_step(r, p, k);
          now = omp_get_wtime();
          busy += now - tb;
          want[p][k % 2] = now - t0 > 2e-3 && now - t0 - busy > busy;
#pragma omp barrier
          if (want[0][k % 2] || want[1][k % 2]) {
            stop = 1;
            break;
          }
        }
        tb = omp_get_wtime();
        if (!stop) {
          if (backward) bwd_end(r, p);
        } else if (p == 0) { /* alone: the rest of both parts in turn */
          alone = 1;
          for (k++; k < T; k++)
            for (q = 0; q < 2; q++)
              if (backward) bwd_step(r, q, T - 1 - k); else fwd_step(r, q, k);
          if (backward)
            for (q = 0; q < 2; q++) bwd_end(r, q);
        }
        R->busy[p] += busy + (omp_get_wtime() - tb);
      } else { /* the runtime gave one thread */
        for (p = 0; p < 2; p++) if (backward) bwd_begin(r, p); else fwd_begin(r, p);
        for (k = 0; k < T; k++)
          for (p = 0; p < 2; p++)
            if (backward) bwd_step(r, p, T - 1 - k); else fwd_step(r, p, k);
        if (backward) for (p = 0; p < 2; p++) bwd_end(r, p);
      }
    }
    if (alone) R->threads = 1;
    R->wall += omp_get_wtime() - t0;
    return;
  }
#endif
  for (p = 0; p < 2; p++)
    if (backward) bwd_begin(r, p); else fwd_begin(r, p);
  for (k = 0; k < T; k++)
    for (p = 0; p < 2; p++)
      if (backward) bwd_step(r, p, T - 1 - k); else fwd_step(r, p, k);
  if (backward)
    for (p = 0; p < 2; p++) bwd_end(r, p);
}

/* The rule: whether training splits the gate rows of its layers across
 * two threads rather than the batch.  By measurement, the batch split
 * stays the default at every size: side by side on this 2-core machine
 * while other jobs loaded it (load average 11-17), s/epoch elapsed
 * (CPU), medians of 3, bench/rows-epoch.sh, 2 threads, batch 64, T 50:
 *
 *   model                          batch split    gate rows    rows/batch
 *   LSTM(128), 8 features, 640     3.20 (0.70)    4.21 (0.71)     1.32
 *   LSTM(512), 32 features, 256    15.5 (3.31)    19.7 (3.47)     1.28
 *   GRU(128), 8 features, 640      4.92 (0.59)    6.17 (0.55)     1.25
 *
 * (the same loss to the bit in every run).  The gate rows took as much
 * CPU time as the halves or more: halving the weights each thread reads
 * saved less than the barrier at every step and the G products per step
 * per part cost, and a loaded machine makes the barriers worse.  So
 * row_split 0 keeps the batch split; row_split 1 (the C API) takes the
 * gate rows of every layer that can be split, e.g. for a quiet machine
 * with more cache per core, where it should be measured again. */
int rnn_rows_pay(const rnn_config *cfg, int row_split, size_t Bh) {
  int l;
  (void)Bh;
  if (row_split <= 0) return 0;
  for (l = 0; l < cfg->n_layers; l++)
    if (rows_cut(cfg, (size_t)cfg->n_hidden[l]) > 0) return 1;
  return 0;
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
  if (c->rows && rows_cut(cfg, H) > 0) {
    rows_ctx r;
    memset(&r, 0, sizeof r);
    r.cfg = cfg;
    r.w = w;
    r.c = c;
    r.x = x;
    r.B = B;
    r.T = T;
    r.cut = rows_cut(cfg, H);
    r.zh = tmp;
    r.Wp = Wp;
    r.work[0] = work;
    r.work[1] = work ? work + nwork : NULL;
    rows_run(&r, 0);
    return;
  }
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
  size_t b, j, k = T, npack, nwork;

  bwd_size(I, H, G, B, T, &npack, &nwork);
  Wp = npack ? Wht : NULL;
  work = nwork ? Wht + (npack ? npack : GH * H) : NULL;
  if (c->rows && rows_cut(cfg, H) > 0) {
    rows_ctx r;
    memset(&r, 0, sizeof r);
    r.cfg = cfg;
    r.w = w;
    r.g = g;
    r.c = c;
    r.x = x;
    r.dH = dH;
    r.dx = dx;
    r.B = B;
    r.T = T;
    r.cut = rows_cut(cfg, H);
    r.Wp = Wp;
    r.Wht = Wht;
    r.dZ = dZ;
    r.dZh = dZh;
    r.carry = carry;
    r.work[0] = work;
    r.work[1] = work ? work + nwork : NULL;
    rows_run(&r, 1);
    return;
  }
  /* W_h^T once, so that dh += W_h^T dZ is a plain ('N') product, which
   * the small-matrix kernels take, or packed once for the packed kernel */
  if (Wp)
    RNN_GEMM_PACK_A(H, GH, w->Wh, GH, 1, Wp);
  else
    for (j = 0; j < GH; j++)
      for (b = 0; b < H; b++) Wht[b + H * j] = w->Wh[j + GH * b];
  memset(carry, 0, sizeof(rnn_real) * HB);
  while (k-- > 0) {
    if (k + 1 < T) /* dh_t += W_h^T dZ_{t+1} (GRU: dZh_{t+1}) */
      step_product(H, B, GH, Wht, Wp, dZh + GH * B * (k + 1), 1.0, dH + HB * k, work);
    bwd_elements(cfg, c, H, B, k, 0, H, dH, carry, dZ + GH * B * k, dZh + GH * B * k);
  }
  /* weight gradients, merged over time: hs slots 0..T-1 are h_{t-1} */
  RNN_GEMM('N', 'T', GH, H, B * T, 1.0, dZh, GH, c->hs, H, 1.0, g->Wh, GH,
            work);
  RNN_GEMM('N', 'T', GH, I, B * T, 1.0, dZ, GH, x, I, 1.0, g->Wx, GH, work);
  add_row_sums(g->b, dZ, GH, GH, B * T);
  if (gru) add_row_sums(g->bh, dZh, GH, GH, B * T);
  if (dx)
    RNN_GEMM('T', 'N', I, B * T, GH, 1.0, w->Wx, GH, dZ, GH, 0.0, dx, I, work);
}
