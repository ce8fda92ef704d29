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
 * element (p, j) of B is B[p * sbk + j * sbj] (B or a transposed B).
 * In double (rnn_gemm_small()) and float (rnn_gemm_small_f()): one
 * type-generic body, gemm_small_t.h, compiled for each. */
#include "internal.h"

#include <string.h>

#define RNN_EDGE_K 256 /* edge columns padded through a stack buffer */
#define RNN_REST_K 1024 /* edge rows padded through a stack buffer (16 KB) */
#if defined(__GNUC__) && !defined(RNN_NO_VECTOR_EXT)
/* GCC/clang vector extensions: the accumulators are named registers (an
 * array of them would live on the stack); the same IEEE operations as the
 * plain C path, element by element, so the same bits. */
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
#endif

#define RNN_T double
#define RNN_TN(name) name
#include "gemm_small_t.h"
#undef RNN_T
#undef RNN_TN

#define RNN_T float
#define RNN_TN(name) name##_f
#include "gemm_small_t.h"
#undef RNN_T
#undef RNN_TN
