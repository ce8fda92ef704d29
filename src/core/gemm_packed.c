/* The packed, cache-blocked kernel: C = A B + beta C without BLAS, for the
 * mid-size and large products (issue 19), in the GotoBLAS/BLIS way, in
 * double (rnn_gemm_packed()) and float (rnn_gemm_packed_f()): one
 * type-generic body, gemm_packed_t.h, compiled for each.
 *
 * rnn_dgemm() (blas.c) sends products above the small-matrix size here
 * when the caller passes workspace.  A is packed into panels of MR rows
 * and B into panels of NR columns, each panel k-major and contiguous, in
 * blocks of KC x MC (A, kept in L2) and KC x NC (B, in L2/L3); an MR x NR
 * register block of C is updated by the micro-kernel from one A panel and
 * one B panel (in L1).  A can also be packed once by the caller and reused
 * (the recurrent weights W_h, constant over the time steps of a batch).
 *
 * Summation order: every element of C is
 *   c = (beta == 0 ? 0 : C(i,j));  c = c + A(i,p) B(p,j) for p = 0..k-1
 * in increasing p, one rounding per multiply and per add (no FMA
 * contraction).  The KC blocks are taken in increasing order and each
 * starts from the value the previous one stored, so the bits depend
 * neither on the block sizes, the register tile, the SIMD width (portable
 * build, SSE2, AVX2, AVX-512 clones) nor on the thread count; it is also
 * the order of the reference BLAS's dgemm for op(A) = A and alpha = 1.
 *
 * Packed formats (zero-padded to whole panels):
 *   A panels: Ap[r*MR*kk + p*MR + i] = A(r*MR + i, p0 + p)
 *   B panels: Bp[s*NR*kc + p*NR + j] = B(p0 + p, j0 + s*NR + j)
 * with MR = 16 doubles or 32 floats (128 bytes) and NR = 8 columns on
 * AVX-512, 6 otherwise (B is packed inside the call, so NR can differ
 * by CPU; the packed A's format is the same everywhere)
 * where kk is k for an A packed whole by rnn_gemm_pack_a(), kc inside a
 * block.  Element (i, p) of A is A[i*sai + p*sap] and element (p, j) of
 * B is B[p*sbk + j*sbj], so transposed operands need no copy of their own. */
#include "internal.h"

#include <string.h>

#define NRMAX 8 /* columns of the widest register block */

/* SIMD level of the register block: 3 AVX-512, 2 AVX2 (and other 32-byte
 * or wider targets), 1 SSE2, 0 the portable build */
static int simd_level(void) {
#if !defined(__GNUC__) || defined(RNN_NO_VECTOR_EXT)
  return 0;
#elif defined(RNN_HAVE_CLONES)
  if (__builtin_cpu_supports("avx512f")) return 3;
  if (__builtin_cpu_supports("avx2")) return 2;
  return 1;
#elif defined(__AVX512F__)
  return 3;
#elif defined(__x86_64__) && !defined(__AVX2__)
  return 1;
#else
  return 2;
#endif
}

#if defined(__GNUC__) && !defined(RNN_NO_VECTOR_EXT)
/* Micro-kernels in GCC vector extensions: C (2W rows of the panel x 6 or
 * 8 columns at ldc) = (load ? C : 0) + a b over kc, in two vectors VT of
 * W elements T each (rows 0..W-1 and W..2W-1 of a pass), a from a panel
 * of MR rows, b from a panel of 6 or 8 columns.  Every clone works in
 * vectors of its own width (GCC lowers wider generic vectors through the
 * stack) and keeps its accumulators in registers; the sums are the same
 * in every case. */
#define LD(v, p) memcpy(&(v), (p), sizeof(v))
#define ST(p, v) memcpy((p), &(v), sizeof(v))
#define RNN_KACC(j) VT c##j##0, c##j##1;
#define RNN_KLOAD(j)                                                         \
  LD(c##j##0, C + (j) * ldc);                                                \
  LD(c##j##1, C + (j) * ldc + W);
#define RNN_KZERO(j) c##j##0 = c##j##1 = z;
#define RNN_KSTEP(j)                                                         \
  c##j##0 += a0 * b[j];                                                      \
  c##j##1 += a1 * b[j];
#define RNN_KSTORE(j)                                                        \
  ST(C + (j) * ldc, c##j##0);                                                \
  ST(C + (j) * ldc + W, c##j##1);
#define RNN_EACH6(X) X(0) X(1) X(2) X(3) X(4) X(5)
#define RNN_EACH8(X) RNN_EACH6(X) X(6) X(7)
#define RNN_KERNEL_COLS(NAME, VT_, T, EACH, NRB)                             \
  static RNN_INLINE void NAME(size_t kc, const T *a, const T *b, T *C,      \
                              size_t ldc, int load) {                        \
    typedef VT_ VT;                                                          \
    const size_t W = sizeof(VT) / sizeof(T), mr = 128 / sizeof(T);           \
    EACH(RNN_KACC)                                                           \
    VT a0, a1;                                                               \
    size_t p;                                                                \
    if (load) {                                                              \
      EACH(RNN_KLOAD)                                                        \
    } else {                                                                 \
      const VT z = {0};                                                      \
      EACH(RNN_KZERO)                                                        \
    }                                                                        \
    for (p = 0; p < kc; p++, a += mr, b += NRB) {                            \
      LD(a0, a);                                                             \
      LD(a1, a + W);                                                         \
      EACH(RNN_KSTEP)                                                        \
    }                                                                        \
    EACH(RNN_KSTORE)                                                         \
  }
#define RNN_KERNEL6(NAME, VT, T) RNN_KERNEL_COLS(NAME, VT, T, RNN_EACH6, 6)
#define RNN_KERNEL8(NAME, VT, T) RNN_KERNEL_COLS(NAME, VT, T, RNN_EACH8, 8)
#endif

#define RNN_T double
#define RNN_TN(name) name
#include "gemm_packed_t.h"
#undef RNN_T
#undef RNN_TN

#define RNN_T float
#define RNN_TN(name) name##_f
#include "gemm_packed_t.h"
#undef RNN_T
#undef RNN_TN
