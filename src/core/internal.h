/* Declarations shared by the core's files; not part of the public API. */
#ifndef RNNKIT_INTERNAL_H
#define RNNKIT_INTERNAL_H

#include "rnnkit.h"

#include <string.h> /* glibc's features.h defines __GLIBC__ */

/* On x86-64 Linux with GCC the element-wise maps and the small products
 * (RNN_CLONES functions) are also compiled for AVX2
 * and AVX-512F and the loader picks the widest the CPU has (function
 * multiversioning; no -march flag needed).  Contraction into FMA is
 * switched off for them (the AVX-512 clone would otherwise fuse), so every
 * clone does the same IEEE operations in the same order as the portable
 * SSE2 code and gives the same bits; only the width differs. */
#if !defined(RNN_NO_CLONES) && defined(__GNUC__) && !defined(__clang__) && \
    __GNUC__ >= 6 && defined(__x86_64__) && defined(__linux__) &&          \
    defined(__GLIBC__)
#define RNN_HAVE_CLONES 1
#define RNN_NOFMA optimize("fp-contract=off")
#define RNN_CLONES \
  __attribute__((target_clones("avx512f", "avx2", "default"), RNN_NOFMA))
#define RNN_INLINE __attribute__((always_inline, RNN_NOFMA)) inline
/* for functions whose element-wise loops have run-time trip counts, which
 * -O2's "very cheap" vectoriser cost model leaves scalar */
#define RNN_CLONES_LOOPS                                                     \
  __attribute__((target_clones("avx512f", "avx2", "default"), RNN_NOFMA,    \
                 optimize("vect-cost-model=dynamic")))
#else
#define RNN_CLONES_LOOPS
#define RNN_CLONES
#define RNN_INLINE
#endif

/* status.c: fills err (if not NULL) and returns code. */
int rnn_fail(rnn_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* blas.c: every Fortran BLAS/LAPACK call of the core */
int rnn_fits_int(size_t n);
/* C = alpha op(A) op(B) + beta C; small products go to rnn_gemm_small(),
 * mid-size and large ones to rnn_gemm_packed() when work (at least
 * rnn_dgemm_work() doubles) is given, the rest to the Fortran BLAS. */
void rnn_dgemm(char ta, char tb, size_t m, size_t n, size_t k, double alpha,
               const double *A, size_t lda, const double *B, size_t ldb,
               double beta, double *C, size_t ldc, double *work);
/* Doubles of work rnn_dgemm() needs to take the packed path for a product
 * (alpha 1, beta 0 or 1); 0 when that product goes another way. */
size_t rnn_dgemm_work(char ta, size_t m, size_t n, size_t k);
/* The same in float: the same dispatch (small, packed, Fortran sgemm),
 * work in floats (rnn_sgemm_work()), the same fixed order of sums */
void rnn_sgemm(char ta, char tb, size_t m, size_t n, size_t k, float alpha,
               const float *A, size_t lda, const float *B, size_t ldb,
               float beta, float *C, size_t ldc, float *work);
size_t rnn_sgemm_work(char ta, size_t m, size_t n, size_t k);
size_t rnn_orthogonal_workspace(size_t m, size_t n);
int rnn_orthogonalize(size_t m, size_t n, double *A, double *work,
                      rnn_error *err);

/* gemm_small.c: C (m x n) = A B + beta C (beta 0 or 1) without BLAS, for
 * small sizes: A m x k column-major, element (p, j) of B at
 * B[p * sbk + j * sbj].  _f: the same in float. */
void rnn_gemm_small(size_t m, size_t n, size_t k, const double *A, size_t lda,
                    const double *B, size_t sbk, size_t sbj, double beta,
                    double *C, size_t ldc);
void rnn_gemm_small_f(size_t m, size_t n, size_t k, const float *A,
                      size_t lda, const float *B, size_t sbk, size_t sbj,
                      float beta, float *C, size_t ldc);

/* gemm_packed.c: C (m x n) = op(A) op(B) + beta C (beta 0 or 1) without
 * BLAS, packed and cache-blocked, for mid-size and large products.
 * Element (i, p) of A is A[i * sai + p * sap], (p, j) of B is
 * B[p * sbk + j * sbj]; Apk, when not NULL, is A already packed by
 * rnn_gemm_pack_a() (A is then not read).  work: rnn_gemm_work_size()
 * doubles.  Every element is summed in increasing p starting from
 * beta C, whatever the block sizes and SIMD width (same bits).  The _f
 * functions are the same in float (sizes then count floats). */
size_t rnn_gemm_work_size(size_t m, size_t n, size_t k);
size_t rnn_gemm_packed_size(size_t m, size_t k);
void rnn_gemm_pack_a(size_t m, size_t k, const double *A, size_t sai,
                     size_t sap, double *Ap);
void rnn_gemm_packed(size_t m, size_t n, size_t k, const double *A,
                     size_t sai, size_t sap, const double *Apk,
                     const double *B, size_t sbk, size_t sbj, double beta,
                     double *C, size_t ldc, double *work);
size_t rnn_gemm_work_size_f(size_t m, size_t n, size_t k);
size_t rnn_gemm_packed_size_f(size_t m, size_t k);
void rnn_gemm_pack_a_f(size_t m, size_t k, const float *A, size_t sai,
                       size_t sap, float *Ap);
void rnn_gemm_packed_f(size_t m, size_t n, size_t k, const float *A,
                       size_t sai, size_t sap, const float *Apk,
                       const float *B, size_t sbk, size_t sbj, float beta,
                       float *C, size_t ldc, float *work);

/* Type-generic names, so that code written once in rnn_real can be
 * compiled for double and (with RNN_SINGLE defined) for float */
#ifdef RNN_SINGLE
typedef float rnn_real;
#define RNN_GEMM rnn_sgemm
#define RNN_GEMM_WORK rnn_sgemm_work
#define RNN_GEMM_PACKED rnn_gemm_packed_f
#define RNN_GEMM_PACKED_SIZE rnn_gemm_packed_size_f
#define RNN_GEMM_PACK_A rnn_gemm_pack_a_f
#else
typedef double rnn_real;
#define RNN_GEMM rnn_dgemm
#define RNN_GEMM_WORK rnn_dgemm_work
#define RNN_GEMM_PACKED rnn_gemm_packed
#define RNN_GEMM_PACKED_SIZE rnn_gemm_packed_size
#define RNN_GEMM_PACK_A rnn_gemm_pack_a
#endif

/* pacer.c: whether rnn_train() runs a batch's two halves on two threads
 * (two != 0) or one after the other, from measured times. */
typedef struct {
  int two;                    /* this round: halves on two threads */
  int started;                /* the second thread has run a batch */
  int batches;                /* batches timed in this round */
  int strikes, fails;         /* middling rounds on two threads in a row;
                                 failed tries */
  long wait;                  /* rounds in turn left before trying two */
  double wall, work, samples; /* this round: wall time, halves' times,
                                 samples */
  double per_one, per_two;    /* s/sample in turn (moving average), of the
                                 last round on two threads; 0: unknown */
  double tried, since;        /* wall of the last round on two threads;
                                 time in turn since */
  long round, timed_one;      /* rounds done; the last round in turn */
} rnn_pacer;
void rnn_pacer_init(rnn_pacer *pc);
/* A batch of nb samples took wall seconds; work: its halves' summed
 * seconds (on two threads). */
void rnn_pacer_add(rnn_pacer *pc, double wall, double work, size_t nb);

/* activations.c: element-wise maps used by the cells and the head. */
double rnn_sigmoid(double x);
/* In place over z[0..n), vectorised, within a few ulps of the libm values */
void rnn_vsigmoid(double *z, size_t n);
void rnn_vtanh(double *z, size_t n);
void rnn_vlstm_gates(double *z, size_t H, size_t B);
void rnn_activate(int act, double *z, size_t n_rows, size_t n_cols);
void rnn_activate_backward(int act, const double *y, double *dz, size_t n_rows,
                           size_t n_cols);

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
  double *hs, *cs, *gates, *aux;
  const double *mask;
} rnn_layer_cache;

void rnn_layer_forward(const rnn_config *cfg, const rnn_layer_view *w,
                       size_t B, size_t T, const double *x,
                       rnn_layer_cache *c, double *tmp);
/* tmp of rnn_layer_forward() and rnn_layer_backward() for input width I */
size_t rnn_layer_tmp_size(const rnn_config *cfg, size_t I, size_t H, size_t B,
                          size_t T);
/* dH (H x B x T) is consumed (overwritten); gradients accumulate into g;
 * dx (I x B x T) is overwritten unless NULL. */
void rnn_layer_backward(const rnn_config *cfg, const rnn_layer_view *w,
                        rnn_layer_view *g, size_t B, size_t T,
                        const double *x, const rnn_layer_cache *c, double *dH,
                        double *dx, double *tmp);

/* embed.c: token input.  Tokens of a token-input model must be whole
 * numbers 0..n_vocab-1. */
int rnn_check_tokens(const rnn_config *cfg, const double *x, size_t n,
                     rnn_error *err);
/* xe (D x n) = E[:, x], mask (n) = (x != 0); E D x n_vocab. */
void rnn_embed_forward(double *xe, double *mask, const double *E,
                       const double *x, size_t n, size_t D);
/* dE[:, x_k] += dxe[:, k] for x_k != 0. */
void rnn_embed_backward(double *dE, const double *dxe, const double *x,
                        size_t n, size_t D);

/* embed.c: the series embedding (issue 16).  Series indices (the last
 * input feature) must be whole numbers -1..n_series-1; x is in batch
 * layout (batch != 0: x[n_in-1 + n_in*k], k < n) or dataset layout (the
 * n contiguous values at x + n*(n_in-1)). */
int rnn_check_series(const rnn_config *cfg, const double *x, size_t n,
                     int batch, rnn_error *err);
/* Width of the first recurrent layer's input. */
size_t rnn_first_width(const rnn_config *cfg);
void rnn_series_embed_forward(double *xs, const double *S, const double *x,
                              size_t n, size_t n_in, size_t D,
                              size_t n_series);
void rnn_series_embed_backward(double *dS, double *dx, const double *dxs,
                               const double *x, size_t n, size_t n_in,
                               size_t D, size_t n_series);

/* dropout.c: out = h * m with m_k = 1/(1-rate) or 0 drawn from rng;
 * backward d *= m.  All n long. */
void rnn_dropout_forward(double *out, double *m, const double *h, size_t n,
                         double rate, rnn_rng *rng);
void rnn_dropout_backward(double *d, const double *m, size_t n);

/* head.c: the dense head over n columns (K = n_out, HL = last layer's
 * units) and the losses; equations in head.c. */
void rnn_head_forward(double *z, double *y, const double *Wy,
                      const double *by, const double *h, int act, size_t K,
                      size_t HL, size_t n, double *work);
void rnn_head_backward(double *dWy, double *dby, double *dh,
                       const double *dz, const double *Wy, const double *h,
                       size_t K, size_t HL, size_t n, double *work);
/* doubles of work the head's products need (forward and backward) */
size_t rnn_head_work(size_t K, size_t HL, size_t n);
/* Sparse labels (n of them) must be integers 0..n_out-1. */
int rnn_check_labels(const rnn_config *cfg, const double *y, size_t n,
                     rnn_error *err);
/* Mean loss of n columns, and dL/dz into dz (may be z; NULL: none). */
double rnn_head_loss(const rnn_config *cfg, int loss, size_t n_cols,
                     const double *z, const double *yh, const double *y,
                     const double *w, double *dz, double *stats);

/* net.c: the network's forward and backward pass on a batch (batch
 * layout), without argument checks unless named so. */
typedef struct {
  rnn_layer_cache cache[RNN_MAX_LAYERS];
  double *dmask[RNN_MAX_LAYERS], *drop[RNN_MAX_LAYERS]; /* dropout */
  double *xe, *mask; /* token input only */
  double *xs;        /* series embedding: the first layer's input */
  double *z, *y;     /* the head's output, pre- and post-activation */
  double *dA, *dB, *dlast, *tmp;
} rnn_net_ws;
/* Carves the workspace at base into ws for a batch of B sequences of T
 * steps, for training (train != 0: what BPTT and dropout need) or
 * inference; with base == NULL it only measures (all pointers NULL).
 * Returns the doubles needed.  The one table of the batch workspace. */
size_t rnn_net_carve(const rnn_config *cfg, size_t B, size_t T, int train,
                     double *base, rnn_net_ws *ws);
/* The same size, 0 for an invalid config or an empty batch. */
size_t rnn_net_workspace(const rnn_config *cfg, size_t B, size_t T,
                         int train);
/* Forward through embedding, layers (dropout iff rng and cfg->dropout)
 * and head into ws (ws->y the output, ws->z before the activation), the
 * recurrence starting from state (NULL: zeros; rnn_step()'s layout). */
void rnn_net_forward(const rnn_config *cfg, const rnn_view *v, size_t B,
                     size_t T, const double *x, rnn_net_ws *ws, rnn_rng *rng,
                     const double *state);
/* The state after the last step of a forward pass into state. */
void rnn_net_state_save(const rnn_config *cfg, const rnn_net_ws *ws,
                        size_t B, size_t T, double *state);
/* Config, sizes and x of a batch (not its tokens). */
int rnn_net_check(const rnn_config *cfg, size_t B, size_t T, const double *x,
                  rnn_error *err);
/* Checked inference on a batch: out (batch-target layout) as
 * rnn_forward() gives it, from state (NULL: zeros; else it receives the
 * final state); work rnn_net_workspace(cfg, B, T, 0) doubles. */
int rnn_net_run(const rnn_config *cfg, const double *params, size_t B,
                size_t T, const double *x, double *state, double *out,
                double *work, rnn_error *err);
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
 * token mask, if any).  work: rnn_batch_workspace(). */
int rnn_net_loss_grad(const rnn_config *cfg, int loss, const double *params,
                      size_t B, size_t T, const double *x, const double *y,
                      double *loss_value, double *grad, double *dx,
                      rnn_rng *rng, double *state, double *stats,
                      const double *w, double *work);

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d (m 1..12,
 * d 1..31; H. Hinnant's days_from_civil): calendar.c, read by the CSV
 * reader's dates. */
long long rnn_days_from_civil(long long y, int m, int d);

#endif
