/* The packed, cache-blocked kernel: C = A B + beta C without BLAS, for the
 * mid-size and large products (issue 19), in the GotoBLAS/BLIS way.
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
 * where kk is k for an A packed whole by rnn_gemm_pack_a(), kc inside a
 * block.  Element (i, p) of A is A[i*sai + p*sap] and element (p, j) of
 * B is B[p*sbk + j*sbj], so transposed operands need no copy of their own. */
#include "internal.h"

#include <string.h>

#define MR RNN_GEMM_MR
#define NR RNN_GEMM_NR
#define KC 256 /* A panel slice MR x KC = 16 KB, B panel KC x NR = 12 KB */
#define MC 128 /* A block MC x KC = 256 KB (L2) */
#define NC 384 /* B block KC x NC = 768 KB */

size_t rnn_gemm_packed_size(size_t m, size_t k) {
  return (m + MR - 1) / MR * MR * k;
}

size_t rnn_gemm_work_size(size_t m, size_t n, size_t k) {
  size_t mc = (m + MR - 1) / MR * MR, nc = (n + NR - 1) / NR * NR;
  size_t kc = k < KC ? k : KC;
  if (mc > MC) mc = MC;
  if (nc > NC) nc = NC;
  return kc * (mc + nc);
}

/* A (rows i0.., columns p0.., m x kc of it) into MR-row panels of
 * stride MR*kk */
static RNN_INLINE void pack_a(size_t m, size_t kc, const double *A, size_t sai,
                              size_t sap, size_t kk, double *Ap) {
  size_t r, i, p;
  for (r = 0; r < m; r += MR) {
    const size_t mr = m - r < MR ? m - r : MR;
    double *d = Ap + r * kk;
    const double *s = A + r * sai;
    if (mr == MR && sai == 1)
      for (p = 0; p < kc; p++) memcpy(d + MR * p, s + sap * p, sizeof(double) * MR);
    else
      for (p = 0; p < kc; p++) {
        for (i = 0; i < mr; i++) d[MR * p + i] = s[sai * i + sap * p];
        for (; i < MR; i++) d[MR * p + i] = 0.0;
      }
  }
}

static RNN_INLINE void pack_b(size_t kc, size_t n, const double *B, size_t sbk,
                              size_t sbj, double *Bp) {
  size_t s, j, p;
  for (s = 0; s < n; s += NR) {
    const size_t nr = n - s < NR ? n - s : NR;
    double *d = Bp + s * kc;
    const double *b = B + s * sbj;
    if (nr == NR && sbj == 1)
      for (p = 0; p < kc; p++) memcpy(d + NR * p, b + sbk * p, sizeof(double) * NR);
    else
      for (p = 0; p < kc; p++) {
        for (j = 0; j < nr; j++) d[NR * p + j] = b[sbk * p + sbj * j];
        for (; j < NR; j++) d[NR * p + j] = 0.0;
      }
  }
}

void rnn_gemm_pack_a(size_t m, size_t k, const double *A, size_t sai,
                     size_t sap, double *Ap) {
  pack_a(m, k, A, sai, sap, k, Ap);
}

#if defined(__GNUC__) && !defined(RNN_NO_VECTOR_EXT)
/* The register block is MR = 16 rows x NR = 6 columns, done in one pass
 * of two 8-double vectors (AVX-512: 12 accumulators of 32 registers), two
 * passes of two 4-double vectors (AVX2: 12 of 16 registers) or four
 * passes of two 2-double vectors (SSE2, NEON), picked at run time
 * (rows_per_pass()) so that every clone works in vectors of its own
 * width (GCC lowers wider generic vectors through the stack) and keeps
 * its accumulators in registers; the sums are the same in every case. */
typedef double rnn_pv8 __attribute__((vector_size(64)));
typedef double rnn_pv4 __attribute__((vector_size(32)));
typedef double rnn_pv2 __attribute__((vector_size(16)));
#define LD(v, p) memcpy(&(v), (p), sizeof(v))
#define ST(p, v) memcpy((p), &(v), sizeof(v))

/* C (2W rows of the panel x NR at ldc) = (load ? C : 0) + a b over kc,
 * in two vectors VT of W doubles */
#define RNN_KERNEL(R, VT, W)                                                 \
  static RNN_INLINE void kernel_##R(size_t kc, const double *a,             \
                                    const double *b, double *C, size_t ldc,  \
                                    int load) {                              \
    VT c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, a0, a1;   \
    size_t p;                                                                \
    if (load) {                                                              \
      LD(c00, C); LD(c01, C + W);                                            \
      LD(c10, C + ldc); LD(c11, C + ldc + W);                                \
      LD(c20, C + 2 * ldc); LD(c21, C + 2 * ldc + W);                        \
      LD(c30, C + 3 * ldc); LD(c31, C + 3 * ldc + W);                        \
      LD(c40, C + 4 * ldc); LD(c41, C + 4 * ldc + W);                        \
      LD(c50, C + 5 * ldc); LD(c51, C + 5 * ldc + W);                        \
    } else {                                                                 \
      const VT z = {0};                                                      \
      c00 = c01 = c10 = c11 = c20 = c21 = z;                                 \
      c30 = c31 = c40 = c41 = c50 = c51 = z;                                 \
    }                                                                        \
    for (p = 0; p < kc; p++, a += MR, b += NR) {                             \
      LD(a0, a);                                                             \
      LD(a1, a + W);                                                         \
      c00 += a0 * b[0]; c01 += a1 * b[0];                                    \
      c10 += a0 * b[1]; c11 += a1 * b[1];                                    \
      c20 += a0 * b[2]; c21 += a1 * b[2];                                    \
      c30 += a0 * b[3]; c31 += a1 * b[3];                                    \
      c40 += a0 * b[4]; c41 += a1 * b[4];                                    \
      c50 += a0 * b[5]; c51 += a1 * b[5];                                    \
    }                                                                        \
    ST(C, c00); ST(C + W, c01);                                              \
    ST(C + ldc, c10); ST(C + ldc + W, c11);                                  \
    ST(C + 2 * ldc, c20); ST(C + 2 * ldc + W, c21);                          \
    ST(C + 3 * ldc, c30); ST(C + 3 * ldc + W, c31);                          \
    ST(C + 4 * ldc, c40); ST(C + 4 * ldc + W, c41);                          \
    ST(C + 5 * ldc, c50); ST(C + 5 * ldc + W, c51);                          \
  }
RNN_KERNEL(16, rnn_pv8, 8)
RNN_KERNEL(8, rnn_pv4, 4)
RNN_KERNEL(4, rnn_pv2, 2)

/* Rows of the register block per pass for the SIMD width at hand */
static int rows_per_pass(void) {
#if defined(RNN_HAVE_CLONES)
  if (__builtin_cpu_supports("avx512f")) return 16;
  if (__builtin_cpu_supports("avx2")) return 8;
  return 4;
#elif defined(__AVX512F__)
  return 16;
#elif defined(__x86_64__) && !defined(__AVX2__)
  return 4;
#else
  return 8;
#endif
}

static RNN_INLINE void kernel(size_t kc, const double *a, const double *b,
                              double *C, size_t ldc, int load, int rows) {
  int r;
  if (rows == 16) {
    kernel_16(kc, a, b, C, ldc, load);
  } else if (rows == 8) {
    kernel_8(kc, a, b, C, ldc, load);
    kernel_8(kc, a + 8, b, C + 8, ldc, load);
  } else { /* rows == 4 */
    for (r = 0; r < MR; r += 4) kernel_4(kc, a + r, b, C + r, ldc, load);
  }
}
#else
/* portable: the same sums, element by element */
static int rows_per_pass(void) { return MR; }

static RNN_INLINE void kernel(size_t kc, const double *a, const double *b,
                              double *C, size_t ldc, int load, int rows) {
  double c[MR * NR];
  size_t p, i, j;
  (void)rows;
  for (j = 0; j < NR; j++)
    for (i = 0; i < MR; i++) c[i + MR * j] = load ? C[i + ldc * j] : 0.0;
  for (p = 0; p < kc; p++, a += MR, b += NR)
    for (j = 0; j < NR; j++)
      for (i = 0; i < MR; i++) c[i + MR * j] += a[i] * b[j];
  for (j = 0; j < NR; j++)
    for (i = 0; i < MR; i++) C[i + ldc * j] = c[i + MR * j];
}
#endif

/* An edge block (mr <= MR rows, nr <= NR columns) through a full tile */
static RNN_INLINE void kernel_edge(size_t kc, const double *a, const double *b,
                                   double *C, size_t ldc, int load, size_t mr,
                                   size_t nr, int rows) {
  double t[MR * NR];
  size_t i, j;
  if (load)
    for (j = 0; j < nr; j++)
      for (i = 0; i < mr; i++) t[i + MR * j] = C[i + ldc * j];
  kernel(kc, a, b, t, MR, load, rows);
  for (j = 0; j < nr; j++)
    for (i = 0; i < mr; i++) C[i + ldc * j] = t[i + MR * j];
}

RNN_CLONES void rnn_gemm_packed(size_t m, size_t n, size_t k, const double *A,
                                size_t sai, size_t sap, const double *Apk,
                                const double *B, size_t sbk, size_t sbj,
                                double beta, double *C, size_t ldc,
                                double *work) {
  size_t jc, pc, ic, jr, ir;
  double *Bp = work, *Ab = NULL;
  int rows;
  if (m == 0 || n == 0) return;
  if (k == 0) { /* c = beta == 0 ? 0 : C */
    if (beta == 0.0)
      for (jc = 0; jc < n; jc++) memset(C + ldc * jc, 0, sizeof(double) * m);
    return;
  }
  rows = rows_per_pass();
  if (!Apk) {
    size_t nc = (n + NR - 1) / NR * NR;
    Ab = work + (k < KC ? k : KC) * (nc < NC ? nc : NC);
  }
  for (jc = 0; jc < n; jc += NC) {
    const size_t nc = n - jc < NC ? n - jc : NC;
    for (pc = 0; pc < k; pc += KC) {
      const size_t kc = k - pc < KC ? k - pc : KC;
      const int load = pc > 0 || beta != 0.0;
      pack_b(kc, nc, B + sbk * pc + sbj * jc, sbk, sbj, Bp);
      for (ic = 0; ic < m; ic += MC) {
        const size_t mc = m - ic < MC ? m - ic : MC;
        const double *Ap; /* the block's first panel; panels apart by pst */
        size_t pst;
        if (Apk) {
          Ap = Apk + ic * k + MR * pc;
          pst = MR * k;
        } else {
          pack_a(mc, kc, A + sai * ic + sap * pc, sai, sap, kc, Ab);
          Ap = Ab;
          pst = MR * kc;
        }
        for (jr = 0; jr < nc; jr += NR) {
          const size_t nr = nc - jr < NR ? nc - jr : NR;
          const double *b = Bp + jr * kc;
          double *Cj = C + ldc * (jc + jr) + ic;
          for (ir = 0; ir < mc; ir += MR) {
            const size_t mr = mc - ir < MR ? mc - ir : MR;
            const double *a = Ap + (ir / MR) * pst;
            if (mr == MR && nr == NR)
              kernel(kc, a, b, Cj + ir, ldc, load, rows);
            else
              kernel_edge(kc, a, b, Cj + ir, ldc, load, mr, nr, rows);
          }
        }
      }
    }
  }
}
