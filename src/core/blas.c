/* Every Fortran BLAS/LAPACK call of the core, in one file.
 *
 * The prototypes follow the gfortran calling convention that R and Octave
 * both link against: trailing underscore, arguments by reference, and one
 * hidden size_t length per character argument (R's FCONE, USE_FC_LEN_T).
 * Sizes arrive as size_t and are checked against INT_MAX before they are
 * narrowed to Fortran INTEGER. */
#include "internal.h"

#include <limits.h>
#include <string.h>

typedef size_t fc_len_t;

extern void dgemm_(const char *ta, const char *tb, const int *m, const int *n,
                   const int *k, const double *alpha, const double *a,
                   const int *lda, const double *b, const int *ldb,
                   const double *beta, double *c, const int *ldc, fc_len_t lta,
                   fc_len_t ltb);
extern void dgeqrf_(const int *m, const int *n, double *a, const int *lda,
                    double *tau, double *work, const int *lwork, int *info);
extern void dorgqr_(const int *m, const int *n, const int *k, double *a,
                    const int *lda, const double *tau, double *work,
                    const int *lwork, int *info);

int rnn_fits_int(size_t n) { return n <= (size_t)INT_MAX; }

/* Which kernel takes a product (alpha 1, beta 0 or 1, k > 0), by
 * measurement: bench/kernels.sh, GFLOP/s in CPU time, medians of 7, two
 * runs on the 2-core AVX-512 EPYC of December 2026 while it was busy
 * (load 14-19 on 2 cores, so +-20%), against the reference BLAS that a
 * stock R links:
 *
 *   product m x n x k (what)         ref. BLAS  packed  prepacked  small
 *   128 x 32 x 32 (LSTM(32) step)        3-7     39-63     42-70    54-93
 *   128 x 32 x 512 (LSTM(128) dh)        4         55        57       77
 *   256 x 32 x 64 (LSTM(64) step)        3-6     49-63     55-75    59-83
 *   384 x 16 x 128 (GRU(128) step)       5         50        75       59
 *   384 x 32 x 128 (GRU(128) step)       3-6     47-64     57-83    59-63
 *   512 x 16 x 128 (LSTM(128) step)      6         43        80       40
 *   512 x 32 x 128 (LSTM(128) step)      3-6     47-57     57-83    39-43
 *   512 x 128 x 1600 (LSTM(128) dW_h)    5       72-74     64-69    26
 *   2048 x 32 x 512 (LSTM(512) step)     6       43-49     43-45    20-24
 *   2048 x 1600 x 32 (LSTM(512) W_x x)   6       83-84     82-89    44-48
 *   2048 x 512 x 1600 (LSTM(512) dW_h)   4       76-78     71-74    10
 *   32 x 1600 x 2048 (dx, A^T)           3       32-35     36-42     -
 *
 * (prepacked: A packed once beforehand, as the recurrent weights are per
 * batch.)  So the small-matrix kernel keeps the products it is fastest
 * on: up to RNN_SMALL_GEMM multiply-adds with at most RNN_SMALL_ROWS rows,
 * and up to RNN_SMALL_ANY with more rows; the packed kernel takes the
 * rest, 8-20x the reference BLAS.  The Fortran BLAS is left with
 * alpha != 1 or another beta, which training never asks for, and callers
 * without work.  OpenBLAS with SkylakeX kernels ran dgemm at 82-93
 * GFLOP/s on this CPU in November (FMA; ../shared/PERFORMANCE_NOTES.md),
 * about the packed kernel's rate on the large products and ahead of it
 * on 2048 x 32 x 512 (0.8-1.8 ms, the packed kernel 1.4-1.6 ms): it is
 * not installed here, so that was not measured side by side; the packed
 * kernel is used whatever the BLAS, which also keeps the bits the same
 * on every BLAS.
 *
 * Since then the AVX-512 register block is 16 x 8 (it was 16 x 6 on every
 * CPU): side by side with the 16 x 6 block (December 6, two builds run
 * alternately, medians of 3 runs of 3 repetitions, loaded machine), in
 * GFLOP/s, packed / prepacked:
 *   512 x 16 x 128      41 -> 45 / 77 -> 92
 *   512 x 32 x 128      61 -> 69 / 82 -> 89
 *   256 x 32 x 64       61 -> 74 / 73 -> 93
 *   2048 x 32 x 512     42 -> 47 / 40 -> 51
 *   2048 x 512 x 1600   75 -> 76 / 72 -> 71
 * and an in-cache product (128 x 48 x 256) reaches 88-91 prepacked, the
 * kernel's peak here.  The float kernels run at 1.5-2x these rates (up to
 * 190 GFLOP/s, bench/kernels.sh's sgemm rows).  The small kernel keeps
 * its products (256 x 32 x 64: small 84, prepacked 90, packed per call
 * 74), so the switch and RNN_SMALL_* are unchanged, for float too.
 *
 * So training calls no Fortran BLAS at all, in either precision: every
 * caller of rnn_dgemm()/rnn_sgemm() in training (cells.c, head.c) passes
 * work.  Counted on December 7 (bench/blascalls.sh: an LD_PRELOAD shim
 * counting dgemm/dgemv/dscal, model only against model + one epoch, for
 * bench/run.sh's configurations 1-6 in double and single): the counts are
 * equal, the only calls being rnn_orthogonalize()'s LAPACK QR below (the
 * orthogonal initialisation; LSTM(512): 48 dgemm and 1766 dgemv, 0.2 s
 * on OpenBLAS, 0.8-1.2 s on the reference BLAS).  make bench's LSTM(512)
 * row was 1.6x (double) and 2.3x (single) slower on the reference BLAS
 * because bench/rnnkit_bench.R timed that initialisation with the training
 * and scaled it with the 256 timed windows to the 1850 of the epoch. */
#define RNN_SMALL_GEMM ((size_t)1 << 21)
#define RNN_SMALL_ROWS 256
#define RNN_SMALL_ANY ((size_t)1 << 19)
/* op(A) = A^T goes the same way when A^T fits this many doubles (32 KB of
 * stack), so a small model's training makes no BLAS call at all inside
 * the two threads' parallel region */
#define RNN_SMALL_AT 4096

/* Whether a product (alpha 1, beta 0 or 1, k > 0) takes rnn_gemm_small() */
static int small_path(char ta, size_t m, size_t n, size_t k) {
  const size_t mnk = m * n * k;
  return (mnk <= RNN_SMALL_ANY ||
          (mnk <= RNN_SMALL_GEMM && m <= RNN_SMALL_ROWS)) &&
         (ta == 'N' || m * k <= RNN_SMALL_AT);
}

/* The packed kernel (gemm_packed.c) takes every product above the small
 * path when the caller gives work (rnn_dgemm_work() doubles). */
size_t rnn_dgemm_work(char ta, size_t m, size_t n, size_t k) {
  if (m == 0 || n == 0 || k == 0 || small_path(ta, m, n, k)) return 0;
  return rnn_gemm_work_size(m, n, k);
}

/* C (m x n) = alpha op(A) op(B) + beta C, column-major, no transposition
 * flags beyond 'N'/'T'.  Callers have checked sizes with rnn_fits_int()
 * when the model was configured; degenerate sizes are a no-op.  work:
 * rnn_dgemm_work() doubles or NULL (then the BLAS). */
void rnn_dgemm(char ta, char tb, size_t m, size_t n, size_t k, double alpha,
               const double *A, size_t lda, const double *B, size_t ldb,
               double beta, double *C, size_t ldc, double *work) {
  int im = (int)m, in = (int)n, ik = (int)k;
  int ila = (int)(lda ? lda : 1), ilb = (int)(ldb ? ldb : 1),
      ilc = (int)(ldc ? ldc : 1);
  if (m == 0 || n == 0) return;
  if (alpha == 1.0 && (beta == 0.0 || beta == 1.0) && k > 0) {
    const size_t sbk = tb == 'N' ? 1 : ldb, sbj = tb == 'N' ? ldb : 1;
    if (small_path(ta, m, n, k)) {
      if (ta == 'N') {
        rnn_gemm_small(m, n, k, A, lda, B, sbk, sbj, beta, C, ldc);
      } else {
        /* op(A) = A^T (the head's W_y^T dz, a stacked layer's W_x^T dZ):
         * A^T copied to the stack, then the same kernels */
        double At[RNN_SMALL_AT];
        size_t i, p;
        for (p = 0; p < k; p++)
          for (i = 0; i < m; i++) At[i + m * p] = A[p + lda * i];
        rnn_gemm_small(m, n, k, At, m, B, sbk, sbj, beta, C, ldc);
      }
      return;
    }
    if (work) {
      rnn_gemm_packed(m, n, k, A, ta == 'N' ? 1 : lda, ta == 'N' ? lda : 1,
                      NULL, B, sbk, sbj, beta, C, ldc, work);
      return;
    }
  }
  if (k == 0) {
    size_t i, j;
    for (j = 0; j < n; j++)
      for (i = 0; i < m; i++)
        C[i + ldc * j] = beta == 0.0 ? 0.0 : beta * C[i + ldc * j];
    return;
  }
  dgemm_(&ta, &tb, &im, &in, &ik, &alpha, A, &ila, B, &ilb, &beta, C, &ilc, 1,
         1);
}

/* The same in float: the same switch between the small and the packed
 * kernels (kept in multiply-adds), work in floats.  No Fortran sgemm:
 * R's own BLAS (the one CRAN's Windows and macOS builds link) has only
 * the double and complex routines, so the rest is done here by plain
 * loops: without work, the packed kernel's order (c from beta C, then
 * c + A(i,p) B(p,j) in increasing p, the same bits); with alpha != 1 or
 * another beta, which training never asks for, s = sum_p A(i,p) B(p,j)
 * from 0 in increasing p, then C = alpha s (beta 0) or alpha s + beta C. */
size_t rnn_sgemm_work(char ta, size_t m, size_t n, size_t k) {
  if (m == 0 || n == 0 || k == 0 || small_path(ta, m, n, k)) return 0;
  return rnn_gemm_work_size_f(m, n, k);
}

void rnn_sgemm(char ta, char tb, size_t m, size_t n, size_t k, float alpha,
               const float *A, size_t lda, const float *B, size_t ldb,
               float beta, float *C, size_t ldc, float *work) {
  const size_t sai = ta == 'N' ? 1 : lda, sap = ta == 'N' ? lda : 1;
  const size_t sbk = tb == 'N' ? 1 : ldb, sbj = tb == 'N' ? ldb : 1;
  const int plain = alpha == 1.0f && (beta == 0.0f || beta == 1.0f);
  size_t i, j, p;
  if (m == 0 || n == 0) return;
  if (plain && k > 0) {
    if (small_path(ta, m, n, k)) {
      if (ta == 'N') {
        rnn_gemm_small_f(m, n, k, A, lda, B, sbk, sbj, beta, C, ldc);
      } else {
        float At[RNN_SMALL_AT];
        for (p = 0; p < k; p++)
          for (i = 0; i < m; i++) At[i + m * p] = A[p + lda * i];
        rnn_gemm_small_f(m, n, k, At, m, B, sbk, sbj, beta, C, ldc);
      }
      return;
    }
    if (work) {
      rnn_gemm_packed_f(m, n, k, A, sai, sap, NULL, B, sbk, sbj, beta, C, ldc,
                        work);
      return;
    }
  }
  for (j = 0; j < n; j++)
    for (i = 0; i < m; i++) {
      float *c = C + i + ldc * j;
      float s = plain && beta != 0.0f ? *c : 0.0f;
      for (p = 0; p < k; p++) s += A[sai * i + sap * p] * B[sbk * p + sbj * j];
      if (!plain) s = beta == 0.0f ? alpha * s : alpha * s + beta * *c;
      *c = s;
    }
}

/* Q (m x n, m >= n) with orthonormal columns from A by Householder QR;
 * columns are multiplied by sign(diag(R)) so Q is uniformly distributed
 * when A is Gaussian.  work holds n + lwork doubles, see
 * rnn_orthogonal_workspace(). */
size_t rnn_orthogonal_workspace(size_t m, size_t n) {
  (void)m;
  return 2 * n + (n > 0 ? 64 * n : 1); /* tau, dgeqrf/dorgqr work, signs */
}

int rnn_orthogonalize(size_t m, size_t n, double *A, double *work,
                      rnn_error *err) {
  int im = (int)m, in = (int)n, lwork = (int)(n > 0 ? 64 * n : 1), info = 0;
  double *tau = work, *w = work + n, *sign;
  size_t j, i;
  if (!rnn_fits_int(m) || !rnn_fits_int(64 * n))
    return rnn_fail(err, RNN_ERR_SIZE, "matrix of %lu x %lu is too large for LAPACK",
                    (unsigned long)m, (unsigned long)n);
  if (m == 0 || n == 0) return RNN_OK;
  dgeqrf_(&im, &in, A, &im, tau, w, &lwork, &info);
  if (info != 0)
    return rnn_fail(err, RNN_ERR_LAPACK, "dgeqrf failed with info = %d", info);
  /* keep the signs of diag(R) before dorgqr overwrites A */
  sign = w + lwork;
  for (j = 0; j < n; j++) sign[j] = A[j + m * j] < 0 ? -1.0 : 1.0;
  dorgqr_(&im, &in, &in, A, &im, tau, w, &lwork, &info);
  if (info != 0)
    return rnn_fail(err, RNN_ERR_LAPACK, "dorgqr failed with info = %d", info);
  for (j = 0; j < n; j++)
    for (i = 0; i < m; i++) A[i + m * j] *= sign[j];
  return RNN_OK;
}
