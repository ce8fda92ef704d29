/* The small-matrix kernel: C = A B + beta C without BLAS, for the tiny
 * products of small layers.  rnn_dgemm() (blas.c) sends products up to
 * 2^19 multiply-adds here, and up to 2^21 with at most 256 rows; larger
 * ones go to the packed kernel (gemm_packed.c).
 *
 * For the tiny matrices of small layers (H <= 32) a BLAS call costs more
 * in packing and dispatch than in arithmetic (the reference BLAS much
 * more), so rnn_gemm_small() does them in register blocks of up to 16 rows
 * x 4 columns, vectorised over the rows.  Every element of C is the sum
 * over k in increasing order, the same on every clone, every path and for
 * every thread count.
 *
 * C (m x n) = A B + beta C, beta 0 or 1; A is m x k column-major (lda);
 * element (p, j) of B is B[p * sbk + j * sbj] (B or a transposed B). */
#include "internal.h"

#include <string.h>

/* Every element of C gets s = sum_p A(i,p) B(p,j) accumulated from 0 in
 * increasing p, then C = s or C + s: the blocks below differ only in how
 * many such sums they keep in registers. */
#if defined(__GNUC__) && !defined(RNN_NO_VECTOR_EXT)
/* GCC/clang vector extensions: the accumulators are named registers (an
 * array of them would live on the stack); the same IEEE operations as the
 * plain C path, element by element, so the same bits. */
typedef double rnn_v8 __attribute__((vector_size(64)));
typedef double rnn_v4 __attribute__((vector_size(32)));
typedef double rnn_v2 __attribute__((vector_size(16)));
#define RNN_VLOAD(v, p) memcpy(&(v), (p), sizeof(v))
#define RNN_VSTORE(p, v) memcpy((p), &(v), sizeof(v))
#define RNN_VPUT(VT, c_, x)                                                  \
  do {                                                                       \
    if (beta != 0.0) {                                                       \
      VT t_;                                                                 \
      RNN_VLOAD(t_, c_);                                                     \
      x = t_ + x;                                                            \
    }                                                                        \
    RNN_VSTORE(c_, x);                                                       \
  } while (0)

/* 16 rows x 4 columns */
static RNN_INLINE void block_16x4(size_t k, const double *A, size_t lda,
                                  const double *B, size_t sbk, size_t sbj,
                                  double beta, double *C, size_t ldc) {
  rnn_v8 a0, a1, c00 = {0}, c01 = {0}, c10 = {0}, c11 = {0}, c20 = {0},
                 c21 = {0}, c30 = {0}, c31 = {0};
  size_t p;
  for (p = 0; p < k; p++) {
    const double *b = B + sbk * p;
    const double b0 = b[0], b1 = b[sbj], b2 = b[2 * sbj], b3 = b[3 * sbj];
    RNN_VLOAD(a0, A + lda * p);
    RNN_VLOAD(a1, A + lda * p + 8);
    c00 += a0 * b0;
    c01 += a1 * b0;
    c10 += a0 * b1;
    c11 += a1 * b1;
    c20 += a0 * b2;
    c21 += a1 * b2;
    c30 += a0 * b3;
    c31 += a1 * b3;
  }
  RNN_VPUT(rnn_v8, C, c00);
  RNN_VPUT(rnn_v8, C + 8, c01);
  RNN_VPUT(rnn_v8, C + ldc, c10);
  RNN_VPUT(rnn_v8, C + ldc + 8, c11);
  RNN_VPUT(rnn_v8, C + 2 * ldc, c20);
  RNN_VPUT(rnn_v8, C + 2 * ldc + 8, c21);
  RNN_VPUT(rnn_v8, C + 3 * ldc, c30);
  RNN_VPUT(rnn_v8, C + 3 * ldc + 8, c31);
}

/* R rows (one vector of type VT) x 4 columns, and x 1 column */
#define RNN_BLOCKS(R, VT)                                                    \
  static RNN_INLINE void block_##R##x4(size_t k, const double *A,           \
                                       size_t lda, const double *B,          \
                                       size_t sbk, size_t sbj, double beta,  \
                                       double *C, size_t ldc) {              \
    VT a0, c0 = {0}, c1 = {0}, c2 = {0}, c3 = {0};                           \
    size_t p;                                                                \
    for (p = 0; p < k; p++) {                                                \
      const double *b = B + sbk * p;                                         \
      memcpy(&a0, A + lda * p, sizeof a0);                                   \
      c0 += a0 * b[0];                                                       \
      c1 += a0 * b[sbj];                                                     \
      c2 += a0 * b[2 * sbj];                                                 \
      c3 += a0 * b[3 * sbj];                                                 \
    }                                                                        \
    RNN_VPUT(VT, C, c0);                                                     \
    RNN_VPUT(VT, C + ldc, c1);                                               \
    RNN_VPUT(VT, C + 2 * ldc, c2);                                           \
    RNN_VPUT(VT, C + 3 * ldc, c3);                                           \
  }                                                                          \
  static RNN_INLINE void block_##R##x1(size_t k, const double *A,           \
                                       size_t lda, const double *B,          \
                                       size_t sbk, double beta, double *C) { \
    VT a0, c0 = {0};                                                         \
    size_t p;                                                                \
    for (p = 0; p < k; p++) {                                                \
      memcpy(&a0, A + lda * p, sizeof a0);                                   \
      c0 += a0 * B[sbk * p];                                                 \
    }                                                                        \
    RNN_VPUT(VT, C, c0);                                                     \
  }
RNN_BLOCKS(8, rnn_v8)
RNN_BLOCKS(4, rnn_v4)
RNN_BLOCKS(2, rnn_v2)
#define RNN_HAVE_BLOCKS 1
#endif

/* Any block, element by element */
static RNN_INLINE void block_edge(size_t mr, size_t nr, size_t k,
                                  const double *A, size_t lda, const double *B,
                                  size_t sbk, size_t sbj, double beta,
                                  double *C, size_t ldc) {
  size_t i, j, p;
  for (j = 0; j < nr; j++)
    for (i = 0; i < mr; i++) {
      double s = 0.0;
      for (p = 0; p < k; p++) s += A[i + lda * p] * B[sbk * p + sbj * j];
      C[i + ldc * j] = beta == 0.0 ? s : C[i + ldc * j] + s;
    }
}

#define RNN_EDGE_K 256 /* edge columns padded through a stack buffer */

RNN_CLONES void rnn_gemm_small(size_t m, size_t n, size_t k, const double *A,
                               size_t lda, const double *B, size_t sbk,
                               size_t sbj, double beta, double *C,
                               size_t ldc) {
#ifdef RNN_HAVE_BLOCKS
  size_t i0, j0, j;
  for (j0 = 0; j0 < n; j0 += 4) {
    const size_t nr = n - j0 < 4 ? n - j0 : 4;
    const double *Bj = B + j0 * sbj;
    double *Cj = C + ldc * j0;
    i0 = 0;
    if (nr == 4) {
      for (; i0 + 16 <= m; i0 += 16)
        block_16x4(k, A + i0, lda, Bj, sbk, sbj, beta, Cj + i0, ldc);
      if (i0 + 8 <= m) {
        block_8x4(k, A + i0, lda, Bj, sbk, sbj, beta, Cj + i0, ldc);
        i0 += 8;
      }
      if (i0 + 4 <= m) {
        block_4x4(k, A + i0, lda, Bj, sbk, sbj, beta, Cj + i0, ldc);
        i0 += 4;
      }
      if (i0 + 2 <= m) {
        block_2x4(k, A + i0, lda, Bj, sbk, sbj, beta, Cj + i0, ldc);
        i0 += 2;
      }
    } else if (k <= RNN_EDGE_K) {
      /* fewer than 4 columns left: pad them to 4 with zeros and run the
       * 4-column blocks into a tile; each kept sum is formed exactly as
       * in the other paths */
      double bp[4 * RNN_EDGE_K], tile[16 * 4];
      size_t p, r;
      for (p = 0; p < k; p++)
        for (j = 0; j < 4; j++) bp[4 * p + j] = j < nr ? Bj[sbk * p + sbj * j] : 0.0;
#define RNN_TILE(R, call)                                                    \
  for (; i0 + (R) <= m; i0 += (R)) {                                         \
    call(k, A + i0, lda, bp, 4, 1, 0.0, tile, 16);                           \
    for (j = 0; j < nr; j++)                                                 \
      for (r = 0; r < (R); r++) {                                            \
        double *c_ = Cj + i0 + r + ldc * j;                                  \
        *c_ = beta == 0.0 ? tile[r + 16 * j] : *c_ + tile[r + 16 * j];       \
      }                                                                      \
  }
      RNN_TILE(16, block_16x4)
      RNN_TILE(8, block_8x4)
      RNN_TILE(4, block_4x4)
      RNN_TILE(2, block_2x4)
#undef RNN_TILE
    } else {
      for (j = 0; j < nr; j++) {
        const double *Bc = Bj + j * sbj;
        double *Cc = Cj + ldc * j;
        for (i0 = 0; i0 + 8 <= m; i0 += 8)
          block_8x1(k, A + i0, lda, Bc, sbk, beta, Cc + i0);
        if (i0 + 4 <= m) {
          block_4x1(k, A + i0, lda, Bc, sbk, beta, Cc + i0);
          i0 += 4;
        }
        if (i0 + 2 <= m) {
          block_2x1(k, A + i0, lda, Bc, sbk, beta, Cc + i0);
          i0 += 2;
        }
      }
    }
    if (i0 < m) /* one row left */
      block_edge(m - i0, nr, k, A + i0, lda, Bj, sbk, sbj, beta, Cj + i0, ldc);
  }
#else
  block_edge(m, n, k, A, lda, B, sbk, sbj, beta, C, ldc);
#endif
}
