/* The small-matrix kernel's body, type-generic: gemm_small.c includes it
 * once with RNN_T double (rnn_gemm_small()) and once with RNN_T float
 * (rnn_gemm_small_f()); RNN_TN(name) is the name for the type.  Blocks
 * are named by the bytes of rows they hold: 128 (RF = 16 doubles or 32
 * floats), 64, 32 and 16. */
#define RF (128 / sizeof(RNN_T))

/* Every element of C gets s = sum_p A(i,p) B(p,j) accumulated from 0 in
 * increasing p, then C = s or C + s: the blocks below differ only in how
 * many such sums they keep in registers. */
#if defined(__GNUC__) && !defined(RNN_NO_VECTOR_EXT)
typedef RNN_T RNN_TN(rnn_v64) __attribute__((vector_size(64)));
typedef RNN_T RNN_TN(rnn_v32) __attribute__((vector_size(32)));
typedef RNN_T RNN_TN(rnn_v16) __attribute__((vector_size(16)));

/* RF rows (two 64-byte vectors) x 4 columns */
static RNN_INLINE void RNN_TN(block_128x4)(size_t k, const RNN_T *A, size_t lda,
                                  const RNN_T *B, size_t sbk, size_t sbj,
                                  RNN_T beta, RNN_T *C, size_t ldc) {
  RNN_TN(rnn_v64) a0, a1, c00 = {0}, c01 = {0}, c10 = {0}, c11 = {0}, c20 = {0},
                 c21 = {0}, c30 = {0}, c31 = {0};
  size_t p;
  for (p = 0; p < k; p++) {
    const RNN_T *b = B + sbk * p;
    const RNN_T b0 = b[0], b1 = b[sbj], b2 = b[2 * sbj], b3 = b[3 * sbj];
    RNN_VLOAD(a0, A + lda * p);
    RNN_VLOAD(a1, A + lda * p + RF / 2);
    c00 += a0 * b0;
    c01 += a1 * b0;
    c10 += a0 * b1;
    c11 += a1 * b1;
    c20 += a0 * b2;
    c21 += a1 * b2;
    c30 += a0 * b3;
    c31 += a1 * b3;
  }
  RNN_VPUT(RNN_TN(rnn_v64), C, c00);
  RNN_VPUT(RNN_TN(rnn_v64), C + RF / 2, c01);
  RNN_VPUT(RNN_TN(rnn_v64), C + ldc, c10);
  RNN_VPUT(RNN_TN(rnn_v64), C + ldc + RF / 2, c11);
  RNN_VPUT(RNN_TN(rnn_v64), C + 2 * ldc, c20);
  RNN_VPUT(RNN_TN(rnn_v64), C + 2 * ldc + RF / 2, c21);
  RNN_VPUT(RNN_TN(rnn_v64), C + 3 * ldc, c30);
  RNN_VPUT(RNN_TN(rnn_v64), C + 3 * ldc + RF / 2, c31);
}

/* R rows (one vector of type VT) x 4 columns, and x 1 column */
#define RNN_BLOCKS(R, VT)                                                    \
  static RNN_INLINE void RNN_TN(block_##R##x4)(size_t k, const RNN_T *A,           \
                                       size_t lda, const RNN_T *B,          \
                                       size_t sbk, size_t sbj, RNN_T beta,  \
                                       RNN_T *C, size_t ldc) {              \
    VT a0, c0 = {0}, c1 = {0}, c2 = {0}, c3 = {0};                           \
    size_t p;                                                                \
    for (p = 0; p < k; p++) {                                                \
      const RNN_T *b = B + sbk * p;                                         \
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
  static RNN_INLINE void RNN_TN(block_##R##x1)(size_t k, const RNN_T *A,           \
                                       size_t lda, const RNN_T *B,          \
                                       size_t sbk, RNN_T beta, RNN_T *C) { \
    VT a0, c0 = {0};                                                         \
    size_t p;                                                                \
    for (p = 0; p < k; p++) {                                                \
      memcpy(&a0, A + lda * p, sizeof a0);                                   \
      c0 += a0 * B[sbk * p];                                                 \
    }                                                                        \
    RNN_VPUT(VT, C, c0);                                                     \
  }
RNN_BLOCKS(64, RNN_TN(rnn_v64))
RNN_BLOCKS(32, RNN_TN(rnn_v32))
RNN_BLOCKS(16, RNN_TN(rnn_v16))
#ifndef RNN_HAVE_BLOCKS
#define RNN_HAVE_BLOCKS 1
#endif
#endif

/* Any block, element by element */
static RNN_INLINE void RNN_TN(block_edge)(size_t mr, size_t nr, size_t k,
                                  const RNN_T *A, size_t lda, const RNN_T *B,
                                  size_t sbk, size_t sbj, RNN_T beta,
                                  RNN_T *C, size_t ldc) {
  size_t i, j, p;
  for (j = 0; j < nr; j++)
    for (i = 0; i < mr; i++) {
      RNN_T s = 0.0;
      for (p = 0; p < k; p++) s += A[i + lda * p] * B[sbk * p + sbj * j];
      C[i + ldc * j] = beta == 0.0 ? s : C[i + ldc * j] + s;
    }
}

RNN_CLONES void RNN_TN(rnn_gemm_small)(size_t m, size_t n, size_t k, const RNN_T *A,
                               size_t lda, const RNN_T *B, size_t sbk,
                               size_t sbj, RNN_T beta, RNN_T *C,
                               size_t ldc) {
#ifdef RNN_HAVE_BLOCKS
  size_t i0, j0, j;
  /* the last m mod (RF / 8) rows, which every column block leaves, padded
   * with zero rows to RF / 8 once for all column blocks (see below) */
  const size_t mr = m % (RF / 8);
  RNN_T ap[RF / 8 * RNN_REST_K];
  if (mr && k <= RNN_REST_K) {
    size_t p, r;
    for (p = 0; p < k; p++)
      for (r = 0; r < RF / 8; r++) ap[r + RF / 8 * p] = r < mr ? A[m - mr + r + lda * p] : 0.0;
  }
  for (j0 = 0; j0 < n; j0 += 4) {
    const size_t nr = n - j0 < 4 ? n - j0 : 4;
    const RNN_T *Bj = B + j0 * sbj;
    RNN_T *Cj = C + ldc * j0;
    i0 = 0;
    if (nr == 4) {
      for (; i0 + RF <= m; i0 += RF)
        RNN_TN(block_128x4)(k, A + i0, lda, Bj, sbk, sbj, beta, Cj + i0, ldc);
      if (i0 + RF / 2 <= m) {
        RNN_TN(block_64x4)(k, A + i0, lda, Bj, sbk, sbj, beta, Cj + i0, ldc);
        i0 += RF / 2;
      }
      if (i0 + RF / 4 <= m) {
        RNN_TN(block_32x4)(k, A + i0, lda, Bj, sbk, sbj, beta, Cj + i0, ldc);
        i0 += RF / 4;
      }
      if (i0 + RF / 8 <= m) {
        RNN_TN(block_16x4)(k, A + i0, lda, Bj, sbk, sbj, beta, Cj + i0, ldc);
        i0 += RF / 8;
      }
    } else if (k <= RNN_EDGE_K) {
      /* fewer than 4 columns left: pad them to 4 with zeros and run the
       * 4-column blocks into a tile; each kept sum is formed exactly as
       * in the other paths */
      RNN_T bp[4 * RNN_EDGE_K], tile[RF * 4];
      size_t p, r;
      for (p = 0; p < k; p++)
        for (j = 0; j < 4; j++) bp[4 * p + j] = j < nr ? Bj[sbk * p + sbj * j] : 0.0;
#define RNN_TILE(R, call)                                                    \
  for (; i0 + (R) <= m; i0 += (R)) {                                         \
    call(k, A + i0, lda, bp, 4, 1, 0, tile, RF);                           \
    for (j = 0; j < nr; j++)                                                 \
      for (r = 0; r < (R); r++) {                                            \
        RNN_T *c_ = Cj + i0 + r + ldc * j;                                  \
        *c_ = beta == 0.0 ? tile[r + RF * j] : *c_ + tile[r + RF * j];       \
      }                                                                      \
  }
      RNN_TILE(RF, RNN_TN(block_128x4))
      RNN_TILE(RF / 2, RNN_TN(block_64x4))
      RNN_TILE(RF / 4, RNN_TN(block_32x4))
      RNN_TILE(RF / 8, RNN_TN(block_16x4))
#undef RNN_TILE
    } else {
      for (j = 0; j < nr; j++) {
        const RNN_T *Bc = Bj + j * sbj;
        RNN_T *Cc = Cj + ldc * j;
        for (i0 = 0; i0 + RF / 2 <= m; i0 += RF / 2)
          RNN_TN(block_64x1)(k, A + i0, lda, Bc, sbk, beta, Cc + i0);
        if (i0 + RF / 4 <= m) {
          RNN_TN(block_32x1)(k, A + i0, lda, Bc, sbk, beta, Cc + i0);
          i0 += RF / 4;
        }
        if (i0 + RF / 8 <= m) {
          RNN_TN(block_16x1)(k, A + i0, lda, Bc, sbk, beta, Cc + i0);
          i0 += RF / 8;
        }
      }
    }
    if (i0 < m && k <= RNN_REST_K) {
      /* fewer than RF / 8 rows left (an odd H in float, the head's one
       * row): padded with zero rows to RF / 8 and run by the smallest
       * block into a tile, instead of element by element; each kept sum
       * is formed as in the other paths */
      RNN_T tile[RF / 8 * 4];
      size_t r;
      if (nr == 4)
        RNN_TN(block_16x4)(k, ap, RF / 8, Bj, sbk, sbj, 0, tile, RF / 8);
      else
        for (j = 0; j < nr; j++)
          RNN_TN(block_16x1)(k, ap, RF / 8, Bj + sbj * j, sbk, 0, tile + RF / 8 * j);
      for (j = 0; j < nr; j++)
        for (r = 0; r < mr; r++) {
          RNN_T *c_ = Cj + i0 + r + ldc * j;
          *c_ = beta == 0.0 ? tile[r + RF / 8 * j] : *c_ + tile[r + RF / 8 * j];
        }
    } else if (i0 < m) { /* fewer than RF / 8 rows left, a long k */
      RNN_TN(block_edge)(m - i0, nr, k, A + i0, lda, Bj, sbk, sbj, beta, Cj + i0, ldc);
    }
  }
#else
  RNN_TN(block_edge)(m, n, k, A, lda, B, sbk, sbj, beta, C, ldc);
#endif
}

#undef RF
