/* Gradient clipping and the optimizers, with Keras' update rules and
 * defaults so that results read like the Keras examples users know. */
#include "internal.h"

#include <math.h>

void rnn_clip_grad(rnn_real *grad, size_t n, double clipnorm, double clipvalue) {
  size_t k;
  if (clipnorm > 0) {
    double s = 0.0;
    for (k = 0; k < n; k++) s += grad[k] * grad[k];
    s = sqrt(s);
    if (s > clipnorm) {
      rnn_real f = (rnn_real)(clipnorm / s);
      for (k = 0; k < n; k++) grad[k] *= f;
    }
  }
  if (clipvalue > 0)
    for (k = 0; k < n; k++) {
      if (grad[k] > clipvalue) grad[k] = clipvalue;
      else if (grad[k] < -clipvalue) grad[k] = -clipvalue;
    }
}

/* The update runs once per batch on one thread, after the halves' passes
 * (train.c): on two threads it is a serial part of every batch (issue
 * 19: 3% of configuration 3's samples in double, 6% in single on one
 * thread, so about twice that of its wall time on two).  So it is cloned
 * and vectorised like the element-wise maps (internal.h): the settings
 * are read into locals once (through tc they could alias the arrays,
 * which kept GCC from vectorising), and each chunk of RNN_OPT_CHUNK
 * elements is updated in three loops, the moments and the parameters
 * vectorised, the square roots between them by roots() (GCC checks the
 * argument of sqrt for errno, which no per-function option lifts and
 * which stops vectorisation; the scalar square roots were then three
 * quarters of the update's samples).  The same IEEE operations in the
 * same order on every element, no contraction: the same bits as the one
 * loop before, on every clone, in double and in float (tests/core's
 * digests). */
#ifdef RNN_HAVE_CLONES
#define RNN_OPTIM_CLONES                                                     \
  __attribute__((target_clones("avx512f", "avx2", "default"),               \
                 optimize("fp-contract=off", "vect-cost-model=dynamic")))
#else
#define RNN_OPTIM_CLONES
#endif
#define RNN_OPT_CHUNK 256

/* r[k] = sqrt(v[k]) in double, k < n.  Where the CPU has AVX-512F or
 * AVX2 (the clones' machines, internal.h) by the vector square root
 * instruction; IEEE square roots are correctly rounded, as sqrt() is, and
 * a float converts to double exactly, so the same bits as the loop of
 * sqrt() calls that the portable build runs (tests/core compares). */
#ifdef RNN_HAVE_CLONES
#include <immintrin.h>
__attribute__((target("avx512f"))) static void roots_avx512(double *r,
                                                            const rnn_real *v,
                                                            size_t n) {
  size_t k = 0;
  for (; k + 8 <= n; k += 8) {
#ifdef RNN_SINGLE
    __m512d x = _mm512_cvtps_pd(_mm256_loadu_ps(v + k));
#else
    __m512d x = _mm512_loadu_pd(v + k);
#endif
    _mm512_storeu_pd(r + k, _mm512_sqrt_pd(x));
  }
  for (; k < n; k++) r[k] = sqrt(v[k]);
}

__attribute__((target("avx2"))) static void roots_avx2(double *r,
                                                      const rnn_real *v,
                                                      size_t n) {
  size_t k = 0;
  for (; k + 4 <= n; k += 4) {
#ifdef RNN_SINGLE
    __m256d x = _mm256_cvtps_pd(_mm_loadu_ps(v + k));
#else
    __m256d x = _mm256_loadu_pd(v + k);
#endif
    _mm256_storeu_pd(r + k, _mm256_sqrt_pd(x));
  }
  for (; k < n; k++) r[k] = sqrt(v[k]);
}
#endif

static void roots(double *r, const rnn_real *v, size_t n) {
  size_t k;
#ifdef RNN_HAVE_CLONES
  if (__builtin_cpu_supports("avx512f")) {
    roots_avx512(r, v, n);
    return;
  }
  if (__builtin_cpu_supports("avx2")) {
    roots_avx2(r, v, n);
    return;
  }
#endif
  for (k = 0; k < n; k++) r[k] = sqrt(v[k]);
}

/* state: first n doubles m (velocity / mean square / first moment),
 * next n doubles v (Adam's second moment). */
RNN_OPTIM_CLONES void rnn_optim_step(const rnn_train_config *tc, rnn_real *p,
                                     const rnn_real *g, rnn_real *state,
                                     size_t n, long step) {
  rnn_real *m = state, *v = state + n;
  const double lr = tc->lr, eps = tc->eps;
  double root[RNN_OPT_CHUNK]; /* sqrt of the chunk's moments, in double */
  size_t k, k0;
  switch (tc->optimizer) {
  case RNN_OPT_SGD: { /* v = momentum v - lr g;  p += v */
    const double mom = tc->momentum;
    for (k = 0; k < n; k++) {
      m[k] = mom * m[k] - lr * g[k];
      p[k] += m[k];
    }
    break;
  }
  case RNN_OPT_RMSPROP: { /* ms = rho ms + (1-rho) g^2;  p -= lr g/(sqrt(ms)+eps) */
    const double rho = tc->rho, rho1 = 1.0 - tc->rho;
    for (k0 = 0; k0 < n; k0 += RNN_OPT_CHUNK) {
      const size_t kn = n - k0 < RNN_OPT_CHUNK ? n - k0 : RNN_OPT_CHUNK;
      rnn_real *mk = m + k0, *pk = p + k0;
      const rnn_real *gk = g + k0;
      for (k = 0; k < kn; k++) mk[k] = rho * mk[k] + rho1 * gk[k] * gk[k];
      roots(root, mk, kn);
      for (k = 0; k < kn; k++) pk[k] -= lr * gk[k] / (root[k] + eps);
    }
    break;
  }
  default: { /* Adam, Keras form: alpha = lr sqrt(1-b2^t)/(1-b1^t) */
    const double t = (double)step, b1 = tc->beta1, b2 = tc->beta2;
    const double b1c = 1.0 - b1, b2c = 1.0 - b2;
    const double alpha = lr * sqrt(1.0 - pow(b2, t)) / (1.0 - pow(b1, t));
    for (k0 = 0; k0 < n; k0 += RNN_OPT_CHUNK) {
      const size_t kn = n - k0 < RNN_OPT_CHUNK ? n - k0 : RNN_OPT_CHUNK;
      rnn_real *mk = m + k0, *vk = v + k0, *pk = p + k0;
      const rnn_real *gk = g + k0;
      for (k = 0; k < kn; k++) {
        mk[k] = b1 * mk[k] + b1c * gk[k];
        vk[k] = b2 * vk[k] + b2c * gk[k] * gk[k];
      }
      roots(root, vk, kn);
      for (k = 0; k < kn; k++) pk[k] -= alpha * mk[k] / (root[k] + eps);
    }
  }
  }
}
#undef RNN_OPT_CHUNK
#undef RNN_OPTIM_CLONES
