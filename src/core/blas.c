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

/* Products up to this many multiply-adds (op(A) = A, alpha 1, beta 0 or 1)
 * go to rnn_gemm_small(): measured on an AVX-512 EPYC it was 3x faster than
 * OpenBLAS (Haswell kernels) at 64x8x16 and 25x faster than the reference
 * BLAS, 2x faster than OpenBLAS-Haswell and level with OpenBLAS-SkylakeX at
 * 384x32x128 (1.6M, a GRU(128) step: that model's epoch 0.31 -> 0.24 s
 * with Haswell kernels, unchanged with SkylakeX ones), and slower from
 * about 4M up (2048x32x512: 2.2 ms vs 0.8-1.8 ms). */
#define RNN_SMALL_GEMM ((size_t)1 << 21)
/* op(A) = A^T goes the same way when A^T fits this many doubles (32 KB of
 * stack), so a small model's training makes no BLAS call at all inside
 * the two threads' parallel region */
#define RNN_SMALL_AT 4096

/* C (m x n) = alpha op(A) op(B) + beta C, column-major, no transposition
 * flags beyond 'N'/'T'.  Callers have checked sizes with rnn_fits_int()
 * when the model was configured; degenerate sizes are a no-op. */
void rnn_dgemm(char ta, char tb, size_t m, size_t n, size_t k, double alpha,
               const double *A, size_t lda, const double *B, size_t ldb,
               double beta, double *C, size_t ldc) {
  int im = (int)m, in = (int)n, ik = (int)k;
  int ila = (int)(lda ? lda : 1), ilb = (int)(ldb ? ldb : 1),
      ilc = (int)(ldc ? ldc : 1);
  if (m == 0 || n == 0) return;
  if (alpha == 1.0 && (beta == 0.0 || beta == 1.0) && k > 0 &&
      m * n * k <= RNN_SMALL_GEMM) {
    if (ta == 'N') {
      rnn_gemm_small(m, n, k, A, lda, B, tb == 'N' ? 1 : ldb,
                     tb == 'N' ? ldb : 1, beta, C, ldc);
      return;
    }
    if (m * k <= RNN_SMALL_AT) {
      /* op(A) = A^T (the head's W_y^T dz, a stacked layer's W_x^T dZ):
       * A^T copied to the stack, then the same kernels */
      double At[RNN_SMALL_AT];
      size_t i, p;
      for (p = 0; p < k; p++)
        for (i = 0; i < m; i++) At[i + m * p] = A[p + lda * i];
      rnn_gemm_small(m, n, k, At, m, B, tb == 'N' ? 1 : ldb,
                     tb == 'N' ? ldb : 1, beta, C, ldc);
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
