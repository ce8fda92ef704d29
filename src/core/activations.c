/* Element-wise activations of the cells and the head, and their backward
 * maps expressed through the stored outputs y = act(z).
 *
 * The logistic sigmoid and tanh of the cells dominate a small model's time
 * once the BLAS calls are cheap (glibc's scalar tanh costs ~20 ns), so they
 * are computed here over arrays, in fixed chunks of RNN_VCHUNK elements that
 * compilers vectorise at -O2, from one exponential each:
 *
 *   e^t = 2^k (1 + p(r)),  t = k ln2 + r, |r| <= ln2/2 (Cody-Waite), p(r) =
 *         expm1(r) by its Taylor polynomial to degree 13 (truncation below
 *         0.1 ulp), 2^k built from the exponent bits;
 *   sigmoid(x) = 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) below;
 *   tanh(x)    = -m / (2 + m) with m = expm1(-2|x|) = 2^k p + (2^k - 1),
 *                sign restored; exact identity, no cancellation near 0.
 *
 * Both are within a few ulps of the correctly rounded values (tested
 * against long double references in tests/core), propagate NaN, and give
 * the same bits for an element wherever it sits in the array.  The float
 * build (activations_f.c) runs the same algorithms in float arithmetic on
 * chunks of 16, with a degree-8 polynomial: within 3 float ulps of the
 * double maps (tested over a sweep of float inputs in tests/core). */
#include "internal.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#ifndef RNN_SINGLE
double rnn_sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }
#endif

#ifndef RNN_SINGLE
#define RNN_VCHUNK 8

#if DBL_MANT_DIG == 53 && DBL_MAX_EXP == 1024 && \
    (!defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD == 0)
#define RNN_FAST_EXP 1
#endif

#ifdef RNN_FAST_EXP
static const double LOG2E = 1.4426950408889634074;
static const double LN2HI = 6.93147180369123816490e-01; /* 33 bits: k*LN2HI exact */
static const double LN2LO = 1.90821492927058770002e-10;
static const double SHIFT = 6755399441055744.0; /* 1.5 * 2^52: rounds to integer */

/* 2^n for an integer-valued double n in [-1022, 1023] */
static RNN_INLINE double pow2i(double n) {
  double d = n + 1023.0 + 4503599627370496.0; /* 2^52 + biased exponent */
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  u <<= 52;
  memcpy(&d, &u, sizeof d);
  return d;
}
/* q = expm1(r) = r + r^2 (1/2! + r/3! + ... + r^11/13!) for |r| <= ln2/2
 * + a little, the inner polynomial by Estrin's scheme (a short dependency
 * chain: Horner's 12 serial steps made the element-wise maps latency
 * bound).  A macro, so that it is inlined into the loops below whatever the
 * compiler's inlining limits (a call in a loop stops vectorisation). */
#define RNN_EXPM1_POLY(r, q)                                                 \
  do {                                                                       \
    const double r2_ = (r) * (r), r4_ = r2_ * r2_, r8_ = r4_ * r4_;          \
    const double p0_ = 1.0 / 2 + (r) * (1.0 / 6);                           \
    const double p1_ = 1.0 / 24 + (r) * (1.0 / 120);                         \
    const double p2_ = 1.0 / 720 + (r) * (1.0 / 5040);                       \
    const double p3_ = 1.0 / 40320 + (r) * (1.0 / 362880);                   \
    const double p4_ = 1.0 / 3628800 + (r) * (1.0 / 39916800);               \
    const double p5_ = 1.0 / 479001600 + (r) * (1.0 / 6227020800.0);         \
    const double q01_ = p0_ + p1_ * r2_, q23_ = p2_ + p3_ * r2_;              \
    const double q45_ = p4_ + p5_ * r2_;                                     \
    q = (r) + r2_ * ((q01_ + q23_ * r4_) + q45_ * r8_);                      \
  } while (0)

/* sigmoid's e^-|x| is 0 below -746 (the double exponential underflows
 * there), tanh is 1 from |x| = 20 (tanh(20) rounds to 1) */
static const double SIG_LO = -746.0, TANH_HI = 20.0;
#define RNN_FABS fabs
#endif

#else /* RNN_SINGLE */
/* float (issue 19): the same algorithms in float arithmetic, on chunks of
 * 16 (one AVX-512 vector, two AVX2 ones, four SSE2 ones): the same
 * operations in the same order whatever the width, so the same bits.
 *   e^t: Cody-Waite with ln 2 = LN2HI + LN2LO (LN2HI 9 bits, so k LN2HI
 *        and t - k LN2HI are exact for |k| <= 150), expm1(r) by its Taylor
 *        polynomial to degree 8 (truncation below 0.01 ulp);
 *   sigmoid's e^-|x| is 0 below -104 (it rounds to 0 in float), tanh is
 *   1 from |x| = 10 (tanh rounds to 1 from 9.02). */
#define RNN_VCHUNK 16

#if FLT_MANT_DIG == 24 && FLT_MAX_EXP == 128 && \
    (!defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD == 0)
#define RNN_FAST_EXP 1
#endif

#ifdef RNN_FAST_EXP
static const float LOG2E = 1.44269504088896341f;
static const float LN2HI = 0.693359375f;      /* 9 bits */
static const float LN2LO = -2.12194440e-4f;   /* ln 2 - LN2HI */
static const float SHIFT = 12582912.0f;       /* 1.5 * 2^23: rounds to integer */

/* 2^n for an integer-valued float n in [-126, 127] */
static RNN_INLINE float pow2i(float n) {
  float d = n + 127.0f + 8388608.0f; /* 2^23 + biased exponent */
  uint32_t u;
  memcpy(&u, &d, sizeof u);
  u <<= 23;
  memcpy(&d, &u, sizeof d);
  return d;
}

/* q = expm1(r) for |r| <= ln2/2 + a little, by Estrin's scheme */
#define RNN_EXPM1_POLY(r, q)                                                 \
  do {                                                                       \
    const float r2_ = (r) * (r), r4_ = r2_ * r2_;                            \
    const float p0_ = 1.0f / 2 + (r) * (1.0f / 6);                           \
    const float p1_ = 1.0f / 24 + (r) * (1.0f / 120);                        \
    const float p2_ = 1.0f / 720 + (r) * (1.0f / 5040);                      \
    const float q01_ = p0_ + p1_ * r2_, q23_ = p2_ + (1.0f / 40320) * r2_;   \
    q = (r) + r2_ * (q01_ + q23_ * r4_);                                     \
  } while (0)

static const float SIG_LO = -104.0f, TANH_HI = 10.0f;
#define RNN_FABS fabsf
#endif
#endif /* RNN_SINGLE */

#ifdef RNN_FAST_EXP
/* Both precisions, from the constants, pow2i() and RNN_EXPM1_POLY of
 * their type above (the literals below are exact in float). */

/* z[0..RNN_VCHUNK) = sigmoid(z) = 1 / (1 + e) for z >= 0, e / (1 + e)
 * below, with e = e^-|z| (no overflow; subnormal results stay accurate).
 * The clamp has its own loop: fused with the arithmetic, jump threading
 * leaves branches that stop vectorisation. */
static RNN_INLINE void sigmoid_chunk(rnn_real *z) {
  rnn_real t[RNN_VCHUNK];
  int i;
  for (i = 0; i < RNN_VCHUNK; i++) {
    rnn_real v = -RNN_FABS(z[i]);
    t[i] = v < SIG_LO ? SIG_LO : v; /* e^v is 0 below; NaN stays */
  }
  for (i = 0; i < RNN_VCHUNK; i++) {
    rnn_real kd = (t[i] * LOG2E + SHIFT) - SHIFT;
    rnn_real r = (t[i] - kd * LN2HI) - kd * LN2LO;
    /* 2^k = 2^a 2^(k-a), both normal */
    rnn_real a = (kd * (rnn_real)0.5 + SHIFT) - SHIFT;
    rnn_real q;
    RNN_EXPM1_POLY(r, q);
    t[i] = (((rnn_real)1 + q) * pow2i(a)) * pow2i(kd - a);
  }
  for (i = 0; i < RNN_VCHUNK; i++) {
    rnn_real num = z[i] < 0 ? t[i] : (rnn_real)1;
    z[i] = num / ((rnn_real)1 + t[i]);
  }
}

/* z[0..RNN_VCHUNK) = tanh(z) */
static RNN_INLINE void tanh_chunk(rnn_real *z) {
  rnn_real t[RNN_VCHUNK];
  int i;
  for (i = 0; i < RNN_VCHUNK; i++) {
    rnn_real v = RNN_FABS(z[i]);
    t[i] = v > TANH_HI ? TANH_HI : v; /* tanh rounds to 1 above; NaN stays */
  }
  for (i = 0; i < RNN_VCHUNK; i++) {
    rnn_real u = (rnn_real)-2 * t[i];
    rnn_real kd = (u * LOG2E + SHIFT) - SHIFT;
    rnn_real r = (u - kd * LN2HI) - kd * LN2LO;
    rnn_real s = pow2i(kd);
    rnn_real q, m;
    RNN_EXPM1_POLY(r, q);
    m = s * q + (s - (rnn_real)1);
    t[i] = -m / ((rnn_real)2 + m);
  }
  for (i = 0; i < RNN_VCHUNK; i++) z[i] = z[i] < 0 ? -t[i] : t[i];
}
#endif

#ifdef RNN_FAST_EXP
/* Applies chunk to z[0..n) in place: whole chunks, then the tail padded, so
 * an element gets the same bits wherever it sits. */
#define RNN_MAP_CHUNKS(chunk, z, n)                                          \
  do {                                                                       \
    size_t i_ = 0, k_;                                                       \
    rnn_real buf_[RNN_VCHUNK];                                               \
    for (; i_ + RNN_VCHUNK <= (n); i_ += RNN_VCHUNK) chunk((z) + i_);        \
    if (i_ < (n)) {                                                          \
      for (k_ = 0; k_ < RNN_VCHUNK; k_++)                                    \
        buf_[k_] = i_ + k_ < (n) ? (z)[i_ + k_] : 0;                         \
      chunk(buf_);                                                           \
      for (k_ = 0; i_ + k_ < (n); k_++) (z)[i_ + k_] = buf_[k_];             \
    }                                                                        \
  } while (0)
#endif

RNN_CLONES void rnn_vsigmoid(rnn_real *z, size_t n) {
#ifdef RNN_FAST_EXP
  RNN_MAP_CHUNKS(sigmoid_chunk, z, n);
#else
  size_t i;
  for (i = 0; i < n; i++) z[i] = rnn_sigmoid(z[i]);
#endif
}

RNN_CLONES void rnn_vtanh(rnn_real *z, size_t n) {
#ifdef RNN_FAST_EXP
  RNN_MAP_CHUNKS(tanh_chunk, z, n);
#else
  size_t i;
  for (i = 0; i < n; i++) z[i] = tanh(z[i]);
#endif
}

#ifdef RNN_FAST_EXP
/* Runs chunk over p[0..len): whole chunks in place; the rest (fewer than
 * RNN_VCHUNK) is staged in buf (their addresses in dst, *nb of them) and
 * mapped once buf is full, so that no chunk is padded but the very last. */
#define RNN_RUN_STAGED(chunk, p, len, buf, dst, nb)                          \
  do {                                                                       \
    size_t k_ = 0, m_;                                                       \
    for (; k_ + RNN_VCHUNK <= (len); k_ += RNN_VCHUNK) chunk((p) + k_);      \
    for (; k_ < (len); k_++) {                                               \
      (buf)[*(nb)] = (p)[k_];                                                \
      (dst)[(*(nb))++] = (p) + k_;                                           \
      if (*(nb) == RNN_VCHUNK) {                                             \
        chunk(buf);                                                          \
        for (m_ = 0; m_ < RNN_VCHUNK; m_++) *(dst)[m_] = (buf)[m_];          \
        *(nb) = 0;                                                           \
      }                                                                      \
    }                                                                        \
  } while (0)

/* maps the staged rest, padded */
#define RNN_FLUSH_STAGED(chunk, buf, dst, nb)                                \
  do {                                                                       \
    size_t m_;                                                               \
    if ((nb) > 0) {                                                          \
      for (m_ = (nb); m_ < RNN_VCHUNK; m_++) (buf)[m_] = 0;                  \
      chunk(buf);                                                            \
      for (m_ = 0; m_ < (nb); m_++) *(dst)[m_] = (buf)[m_];                  \
    }                                                                        \
  } while (0)
#endif

/* The LSTM's gate pre-activations Z (4H x B, blocks i | f | g | o in each
 * column) are replaced by sigmoid (i, f, o) and tanh (g) in one call for
 * the whole matrix: whole chunks in place, and the blocks' rests (H not a
 * multiple of the chunk) gathered across columns into full chunks, one
 * staging buffer per map, instead of three calls per column with a padded
 * tail each.  An element's result does not depend on where it is mapped,
 * so these are the bits of rnn_vsigmoid() and rnn_vtanh() on the blocks. */
RNN_CLONES void rnn_vlstm_gates(rnn_real *z, size_t H, size_t B) {
  const size_t GH = 4 * H;
  size_t b;
#ifdef RNN_FAST_EXP
  rnn_real sbuf[RNN_VCHUNK], tbuf[RNN_VCHUNK], *sdst[RNN_VCHUNK],
      *tdst[RNN_VCHUNK];
  size_t ns = 0, nt = 0;
  for (b = 0; b < B; b++) {
    rnn_real *g = z + GH * b;
    RNN_RUN_STAGED(sigmoid_chunk, g, 2 * H, sbuf, sdst, &ns);     /* i, f */
    RNN_RUN_STAGED(tanh_chunk, g + 2 * H, H, tbuf, tdst, &nt);    /* g */
    RNN_RUN_STAGED(sigmoid_chunk, g + 3 * H, H, sbuf, sdst, &ns); /* o */
  }
  RNN_FLUSH_STAGED(sigmoid_chunk, sbuf, sdst, ns);
  RNN_FLUSH_STAGED(tanh_chunk, tbuf, tdst, nt);
#else
  for (b = 0; b < B; b++) {
    rnn_real *g = z + GH * b;
    rnn_vsigmoid(g, 2 * H);
    rnn_vtanh(g + 2 * H, H);
    rnn_vsigmoid(g + 3 * H, H);
  }
#endif
}

/* z (n_rows x n_cols) is replaced by act(z); softmax acts on each column. */
void rnn_activate(int act, rnn_real *z, size_t n_rows, size_t n_cols) {
  size_t n = n_rows * n_cols, i, j;
  switch (act) {
  case RNN_ACT_TANH:
    rnn_vtanh(z, n);
    break;
  case RNN_ACT_SIGMOID:
    rnn_vsigmoid(z, n);
    break;
  case RNN_ACT_RELU:
    for (i = 0; i < n; i++) z[i] = z[i] > 0 ? z[i] : 0.0;
    break;
  case RNN_ACT_SOFTMAX:
    for (j = 0; j < n_cols; j++) {
      rnn_real *c = z + n_rows * j, mx = c[0], s = 0.0;
      for (i = 1; i < n_rows; i++)
        if (c[i] > mx) mx = c[i];
      for (i = 0; i < n_rows; i++) s += (c[i] = exp(c[i] - mx));
      for (i = 0; i < n_rows; i++) c[i] /= s;
    }
    break;
  default: /* linear */
    break;
  }
}

/* dz holds dL/dy on entry and dL/dz on exit, with y = act(z).  Cloned
 * like the maps above (the SimpleRNN's backward runs it at every step):
 * the same operations on every clone, so the same bits. */
RNN_CLONES_LOOPS void rnn_activate_backward(int act, const rnn_real *y, rnn_real *dz, size_t n_rows,
                           size_t n_cols) {
  size_t n = n_rows * n_cols, i, j;
  switch (act) {
  case RNN_ACT_TANH:
    for (i = 0; i < n; i++) dz[i] *= 1.0 - y[i] * y[i];
    break;
  case RNN_ACT_SIGMOID:
    for (i = 0; i < n; i++) dz[i] *= y[i] * (1.0 - y[i]);
    break;
  case RNN_ACT_RELU:
    for (i = 0; i < n; i++) dz[i] = y[i] > 0 ? dz[i] : 0.0;
    break;
  case RNN_ACT_SOFTMAX: /* dz = y * (dy - <dy, y>) per column */
    for (j = 0; j < n_cols; j++) {
      const rnn_real *p = y + n_rows * j;
      rnn_real *d = dz + n_rows * j, s = 0.0;
      for (i = 0; i < n_rows; i++) s += d[i] * p[i];
      for (i = 0; i < n_rows; i++) d[i] = p[i] * (d[i] - s);
    }
    break;
  default:
    break;
  }
}
