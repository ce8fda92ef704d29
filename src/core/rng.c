/* xoshiro256** seeded through splitmix64 (Blackman & Vigna), with
 * explicit state so that hosts and threads never share a generator. */
#include "internal.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void rnn_rng_seed(rnn_rng *rng, uint64_t seed) {
  uint64_t x = seed;
  int k;
  for (k = 0; k < 4; k++) rng->s[k] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t rnn_rng_next(rnn_rng *rng) {
  uint64_t *s = rng->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

double rnn_rng_unif(rnn_rng *rng) {
  return (double)(rnn_rng_next(rng) >> 11) * 0x1.0p-53;
}

/* Marsaglia's polar method; the second deviate is discarded so that the
 * state after each call does not depend on earlier calls' parity. */
double rnn_rng_normal(rnn_rng *rng) {
  double u, v, s;
  do {
    u = 2.0 * rnn_rng_unif(rng) - 1.0;
    v = 2.0 * rnn_rng_unif(rng) - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  return u * sqrt(-2.0 * log(s) / s);
}

/* Lemire's multiply-shift would need 128-bit products; rejection
 * sampling on the top bits is portable C99 and unbiased. */
uint64_t rnn_rng_below(rnn_rng *rng, uint64_t n) {
  uint64_t limit, r;
  if (n <= 1) return 0;
  limit = UINT64_MAX - (UINT64_MAX % n);
  do {
    r = rnn_rng_next(rng);
  } while (r >= limit);
  return r % n;
}
