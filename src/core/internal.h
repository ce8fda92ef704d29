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

/* memory.c: huge pages for a large fresh workspace of bytes at p (a
 * hint; Linux only) */
void rnn_advise_huge(void *p, size_t bytes);
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

/* cells.c: the gate-row split of a layer (issue 19): the hidden units in
 * two parts, each part's gate rows computed by one thread (threads 2) or
 * the parts in turn (threads 1), with the bits of the unsplit layer.  The
 * layer adds the seconds each thread computed (busy) and the wall seconds
 * of its parallel regions (wall) for the pacer. */
typedef struct {
  int threads;
  double busy[2], wall;
} rnn_rows;

/* The engine (issue 19): activations.c, cells.c, embed.c's embeddings,
 * dropout.c, head.c, net.c, optim.c, predict.c and train.c are written
 * once on rnn_real and compiled twice: as they are, in double, and by the
 * *_f.c files (#define RNN_SINGLE, #include "x.c") in float, where every
 * engine symbol below gets the suffix _f (rnn_layer_forward_f, ...).
 * engine.h declares both. */
typedef struct {
  float *Wx, *Wh, *b, *bh;
  int n_in, n_hidden;
} rnn_layer_view_f;
typedef struct {
  float *E, *S;
  rnn_layer_view_f layer[RNN_MAX_LAYERS];
  float *Wy, *by;
} rnn_view_f;
void rnn_view_bind_f(const rnn_config *cfg, float *p, rnn_view_f *v);

double rnn_sigmoid(double x);
/* embed.c, head.c: checks of host (double) data, compiled once */
int rnn_check_tokens(const rnn_config *cfg, const double *x, size_t n,
                     rnn_error *err);
/* The series index column (rnn_check_series) of the windows of a dataset
 * read from a compact source (d->src; issue 16: no token input). */
int rnn_check_source_series(const rnn_config *cfg, const rnn_dataset *d,
                            rnn_error *err);
int rnn_check_series(const rnn_config *cfg, const double *x, size_t n,
                     int batch, rnn_error *err);
/* The n series indices v[0], v[stride], ...: whole numbers in
 * 0..n_series-1, or -1 for a series not seen in training. */
int rnn_check_series_values(const rnn_config *cfg, const double *v, size_t n,
                            size_t stride, rnn_error *err);
size_t rnn_first_width(const rnn_config *cfg);
int rnn_check_labels(const rnn_config *cfg, const double *y, size_t n,
                     rnn_error *err);
/* Config, sizes and x of a batch (not its tokens). */
int rnn_net_check(const rnn_config *cfg, size_t B, size_t T, const double *x,
                  rnn_error *err);
/* Doubles of workspace of rnn_net_run() (train 0) or rnn_loss_grad()
 * (train 1) for a batch of B sequences of T steps, 0 for an invalid
 * config or an empty batch; either precision. */
size_t rnn_net_workspace(const rnn_config *cfg, size_t B, size_t T,
                         int train);
/* Checked inference on a batch: out (batch-target layout) as
 * rnn_forward() gives it, from state (NULL: zeros; else it receives the
 * final state); work rnn_net_workspace(cfg, B, T, 0) doubles.  In float
 * for a single-precision model. */
int rnn_net_run(const rnn_config *cfg, const double *params, size_t B,
                size_t T, const double *x, double *state, double *out,
                double *work, rnn_error *err);

#define RNN_R double
#define RNN_EN(name) name
#define RNN_VIEW_T rnn_view
#define RNN_LVIEW_T rnn_layer_view
#include "engine.h"
#undef RNN_R
#undef RNN_EN
#undef RNN_VIEW_T
#undef RNN_LVIEW_T
#define RNN_R float
#define RNN_EN(name) name##_f
#define RNN_VIEW_T rnn_view_f
#define RNN_LVIEW_T rnn_layer_view_f
#include "engine.h"
#undef RNN_R
#undef RNN_EN
#undef RNN_VIEW_T
#undef RNN_LVIEW_T

/* precision.c: the public entry points' single-precision paths (the
 * weights and host data converted at the boundary) */
size_t rnn_single_train_workspace(const rnn_config *cfg,
                                  const rnn_train_config *tc,
                                  size_t n_samples, size_t n_time);
int rnn_single_train(const rnn_config *cfg, const rnn_train_config *tc,
                     double *params, const rnn_dataset *train,
                     const rnn_dataset *val, rnn_rng *rng,
                     const rnn_callbacks *cb, const rnn_history *hist,
                     rnn_train_result *res, double *work, rnn_error *err);
size_t rnn_single_predict_workspace(const rnn_config *cfg, size_t chunk,
                                    size_t n_time);
int rnn_single_predict(const rnn_config *cfg, const double *params, size_t N,
                       size_t T, const double *x, size_t chunk, double *out,
                       double *work, rnn_error *err);
size_t rnn_single_step_workspace(const rnn_config *cfg, size_t n_batch,
                                 size_t n_time);
int rnn_single_step(const rnn_config *cfg, const double *params, size_t N,
                    size_t T, const double *x, double *state, double *out,
                    double *work, rnn_error *err);
size_t rnn_single_net_workspace(const rnn_config *cfg, size_t B, size_t T);
int rnn_single_net_run(const rnn_config *cfg, const double *params, size_t B,
                       size_t T, const double *x, double *state, double *out,
                       double *work, rnn_error *err);
/* floats of n doubles' room, rounded up so that what follows stays
 * 8-byte aligned */
#define RNN_FLOATS_EVEN(n) (((n) + 1) & ~(size_t)1)

#ifdef RNN_SINGLE
#define rnn_view rnn_view_f
#define rnn_layer_view rnn_layer_view_f
#define rnn_view_bind rnn_view_bind_f
#define rnn_vsigmoid rnn_vsigmoid_f
#define rnn_vtanh rnn_vtanh_f
#define rnn_vlstm_gates rnn_vlstm_gates_f
#define rnn_activate rnn_activate_f
#define rnn_activate_backward rnn_activate_backward_f
#define rnn_layer_cache rnn_layer_cache_f
#define rnn_layer_forward rnn_layer_forward_f
#define rnn_layer_tmp_size rnn_layer_tmp_size_f
#define rnn_layer_backward rnn_layer_backward_f
#define rnn_embed_forward rnn_embed_forward_f
#define rnn_embed_backward rnn_embed_backward_f
#define rnn_series_embed_forward rnn_series_embed_forward_f
#define rnn_series_embed_backward rnn_series_embed_backward_f
#define rnn_dropout_forward rnn_dropout_forward_f
#define rnn_dropout_backward rnn_dropout_backward_f
#define rnn_head_forward rnn_head_forward_f
#define rnn_head_backward rnn_head_backward_f
#define rnn_head_work rnn_head_work_f
#define rnn_head_loss rnn_head_loss_f
#define rnn_net_ws rnn_net_ws_f
#define rnn_net_carve rnn_net_carve_f
#define rnn_net_size rnn_net_size_f
#define rnn_net_forward rnn_net_forward_f
#define rnn_net_state_save rnn_net_state_save_f
#define rnn_net_loss_grad rnn_net_loss_grad_f
#define rnn_clip_grad rnn_clip_grad_f
#define rnn_optim_step rnn_optim_step_f
#define rnn_gather_batch rnn_gather_batch_f
#define rnn_gather_dataset rnn_gather_dataset_f
#define rnn_scatter_batch rnn_scatter_batch_f
#define rnn_predict_engine rnn_predict_engine_f
#define rnn_predict_size rnn_predict_size_f
#define rnn_step_engine rnn_step_engine_f
#define rnn_train_engine rnn_train_engine_f
#define rnn_train_size rnn_train_size_f
#define rnn_rows_pay rnn_rows_pay_f
#endif

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d (m 1..12,
 * d 1..31; H. Hinnant's days_from_civil): calendar.c, read by the CSV
 * reader's dates. */
long long rnn_days_from_civil(long long y, int m, int d);

/* Sorting doubles (metrics.c): rnn_cmp_double() orders them for qsort()
 * (no NaN among them); rnn_sorted_median() is the median of s[0..m),
 * sorted, m >= 1, as R's median(): the middle value, or the mean of the
 * two middle ones (halves first: exact, no overflow, rounded once). */
int rnn_cmp_double(const void *a, const void *b);
double rnn_sorted_median(const double *s, size_t m);

#endif
