/* The packed kernel's body, type-generic: gemm_packed.c includes it once
 * with RNN_T double (rnn_gemm_packed(), ...) and once with RNN_T float
 * (rnn_gemm_packed_f(), ...).  The caller defines RNN_T and RNN_TN(name)
 * (the name for this type); everything here is in units of RNN_T and
 * the register block is 128 bytes of rows (MR = 16 doubles or 32 floats)
 * by NR columns.  See gemm_packed.c for the method and the summation
 * order. */

#define MR (128 / sizeof(RNN_T))
#define KC 256                         /* A slice MR x KC: 32 KB */
#define MC (1024 / sizeof(RNN_T))      /* A block MC x KC: 256 KB (L2) */
#define NC 384                         /* B block; a multiple of 6 and 8 */

size_t RNN_TN(rnn_gemm_packed_size)(size_t m, size_t k) {
  return (m + MR - 1) / MR * MR * k;
}

/* B is packed in panels of NR = 6 or 8 columns (picked at run time):
 * n + 7 bounds a whole number of either below NC */
size_t RNN_TN(rnn_gemm_work_size)(size_t m, size_t n, size_t k) {
  size_t mc = (m + MR - 1) / MR * MR, nc = n + NRMAX - 1;
  size_t kc = k < KC ? k : KC;
  if (mc > MC) mc = MC;
  if (nc > NC) nc = NC;
  return kc * (mc + nc);
}

/* A (rows i0.., columns p0.., m x kc of it) into MR-row panels of
 * stride MR*kk */
static RNN_INLINE void RNN_TN(pack_a)(size_t m, size_t kc, const RNN_T *A,
                                      size_t sai, size_t sap, size_t kk,
                                      RNN_T *Ap) {
  size_t r, i, p;
  for (r = 0; r < m; r += MR) {
    const size_t mr = m - r < MR ? m - r : MR;
    RNN_T *d = Ap + r * kk;
    const RNN_T *s = A + r * sai;
    if (mr == MR && sai == 1)
      for (p = 0; p < kc; p++) memcpy(d + MR * p, s + sap * p, sizeof(RNN_T) * MR);
    else
      for (p = 0; p < kc; p++) {
        for (i = 0; i < mr; i++) d[MR * p + i] = s[sai * i + sap * p];
        for (; i < MR; i++) d[MR * p + i] = 0;
      }
  }
}

/* B (kc x n of it) into panels of nrb columns */
static RNN_INLINE void RNN_TN(pack_b)(size_t kc, size_t n, const RNN_T *B,
                                      size_t sbk, size_t sbj, size_t nrb,
                                      RNN_T *Bp) {
  size_t s, j, p;
  for (s = 0; s < n; s += nrb) {
    const size_t nr = n - s < nrb ? n - s : nrb;
    RNN_T *d = Bp + s * kc;
    const RNN_T *b = B + s * sbj;
    if (nr == nrb && sbj == 1)
      for (p = 0; p < kc; p++) memcpy(d + nrb * p, b + sbk * p, sizeof(RNN_T) * nrb);
    else
      for (p = 0; p < kc; p++) {
        for (j = 0; j < nr; j++) d[nrb * p + j] = b[sbk * p + sbj * j];
        for (; j < nrb; j++) d[nrb * p + j] = 0;
      }
  }
}

void RNN_TN(rnn_gemm_pack_a)(size_t m, size_t k, const RNN_T *A, size_t sai,
                             size_t sap, RNN_T *Ap) {
  RNN_TN(pack_a)(m, k, A, sai, sap, k, Ap);
}

#if defined(__GNUC__) && !defined(RNN_NO_VECTOR_EXT)
/* Vectors of 64, 32 and 16 bytes of RNN_T */
typedef RNN_T RNN_TN(rnn_pv64) __attribute__((vector_size(64)));
typedef RNN_T RNN_TN(rnn_pv32) __attribute__((vector_size(32)));
typedef RNN_T RNN_TN(rnn_pv16) __attribute__((vector_size(16)));

RNN_KERNEL8(RNN_TN(kernel_64x8), RNN_TN(rnn_pv64), RNN_T)
RNN_KERNEL6(RNN_TN(kernel_32x6), RNN_TN(rnn_pv32), RNN_T)
RNN_KERNEL6(RNN_TN(kernel_16x6), RNN_TN(rnn_pv16), RNN_T)

/* The register block for the SIMD level (simd_level()): AVX-512 in one
 * pass of 2 x 64-byte vectors by 8 columns (16 accumulators of its 32
 * registers), AVX2 in two passes of 2 x 32 bytes by 6 (12 of 16), SSE2
 * in four passes of 2 x 16 bytes by 6 */
static RNN_INLINE void RNN_TN(kernel)(size_t kc, const RNN_T *a,
                                      const RNN_T *b, RNN_T *C, size_t ldc,
                                      int load, int lvl) {
  const size_t w32 = 32 / sizeof(RNN_T), w16 = 16 / sizeof(RNN_T);
  if (lvl == 3) {
    RNN_TN(kernel_64x8)(kc, a, b, C, ldc, load);
  } else if (lvl == 2) {
    RNN_TN(kernel_32x6)(kc, a, b, C, ldc, load);
    RNN_TN(kernel_32x6)(kc, a + 2 * w32, b, C + 2 * w32, ldc, load);
  } else {
    size_t r;
    for (r = 0; r < MR; r += 2 * w16)
      RNN_TN(kernel_16x6)(kc, a + r, b, C + r, ldc, load);
  }
}
#else
/* portable: the same sums, element by element */
static RNN_INLINE void RNN_TN(kernel)(size_t kc, const RNN_T *a,
                                      const RNN_T *b, RNN_T *C, size_t ldc,
                                      int load, int lvl) {
  RNN_T c[MR * NRMAX];
  const size_t nrb = lvl == 3 ? 8 : 6;
  size_t p, i, j;
  for (j = 0; j < nrb; j++)
    for (i = 0; i < MR; i++) c[i + MR * j] = load ? C[i + ldc * j] : 0;
  for (p = 0; p < kc; p++, a += MR, b += nrb)
    for (j = 0; j < nrb; j++)
      for (i = 0; i < MR; i++) c[i + MR * j] += a[i] * b[j];
  for (j = 0; j < nrb; j++)
    for (i = 0; i < MR; i++) C[i + ldc * j] = c[i + MR * j];
}
#endif

/* An edge block (mr <= MR rows, nr <= nrb columns) through a full tile */
static RNN_INLINE void RNN_TN(kernel_edge)(size_t kc, const RNN_T *a,
                                           const RNN_T *b, RNN_T *C,
                                           size_t ldc, int load, size_t mr,
                                           size_t nr, int lvl) {
  RNN_T t[MR * NRMAX];
  size_t i, j;
  if (load)
    for (j = 0; j < nr; j++)
      for (i = 0; i < mr; i++) t[i + MR * j] = C[i + ldc * j];
  RNN_TN(kernel)(kc, a, b, t, MR, load, lvl);
  for (j = 0; j < nr; j++)
    for (i = 0; i < mr; i++) C[i + ldc * j] = t[i + MR * j];
}

RNN_CLONES void RNN_TN(rnn_gemm_packed)(size_t m, size_t n, size_t k,
                                        const RNN_T *A, size_t sai,
                                        size_t sap, const RNN_T *Apk,
                                        const RNN_T *B, size_t sbk,
                                        size_t sbj, RNN_T beta, RNN_T *C,
                                        size_t ldc, RNN_T *work) {
  size_t jc, pc, ic, jr, ir, nrb;
  RNN_T *Bp = work, *Ab = NULL;
  int lvl;
  if (m == 0 || n == 0) return;
  if (k == 0) { /* c = beta == 0 ? 0 : C */
    if (beta == 0)
      for (jc = 0; jc < n; jc++) memset(C + ldc * jc, 0, sizeof(RNN_T) * m);
    return;
  }
  lvl = simd_level();
  nrb = lvl == 3 ? 8 : 6;
  if (!Apk) {
    size_t nc = n + NRMAX - 1;
    Ab = work + (k < KC ? k : KC) * (nc < NC ? nc : NC);
  }
  for (jc = 0; jc < n; jc += NC) {
    const size_t nc = n - jc < NC ? n - jc : NC;
    for (pc = 0; pc < k; pc += KC) {
      const size_t kc = k - pc < KC ? k - pc : KC;
      const int load = pc > 0 || beta != 0;
      RNN_TN(pack_b)(kc, nc, B + sbk * pc + sbj * jc, sbk, sbj, nrb, Bp);
      for (ic = 0; ic < m; ic += MC) {
        const size_t mc = m - ic < MC ? m - ic : MC;
        const RNN_T *Ap; /* the block's first panel; panels apart by pst */
        size_t pst;
        if (Apk) {
          Ap = Apk + ic * k + MR * pc;
          pst = MR * k;
        } else {
          RNN_TN(pack_a)(mc, kc, A + sai * ic + sap * pc, sai, sap, kc, Ab);
          Ap = Ab;
          pst = MR * kc;
        }
        for (jr = 0; jr < nc; jr += nrb) {
          const size_t nr = nc - jr < nrb ? nc - jr : nrb;
          const RNN_T *b = Bp + jr * kc;
          RNN_T *Cj = C + ldc * (jc + jr) + ic;
          for (ir = 0; ir < mc; ir += MR) {
            const size_t mr = mc - ir < MR ? mc - ir : MR;
            const RNN_T *a = Ap + (ir / MR) * pst;
            if (mr == MR && nr == nrb)
              RNN_TN(kernel)(kc, a, b, Cj + ir, ldc, load, lvl);
            else
              RNN_TN(kernel_edge)(kc, a, b, Cj + ir, ldc, load, mr, nr, lvl);
          }
        }
      }
    }
  }
}

#undef MR
#undef KC
#undef MC
#undef NC
