/* GFLOP/s of the core's matrix kernels against the linked BLAS's dgemm
 * and sgemm on the products of LSTM(128) and LSTM(512) training (issue
 * 19), side by side: every repetition times each kernel once, in turn,
 * and the median of the repetitions is printed.  Built and run by
 * bench/kernels.sh, which says how to switch the BLAS.
 *
 * Kernels, in double (dgemm rows) and in float (sgemm rows): "blas" the
 * Fortran dgemm/sgemm; "packed" rnn_gemm_packed()/_f() packing both
 * operands per call (what rnn_dgemm()/rnn_sgemm() do); "prepacked" with
 * A packed beforehand (the recurrent weights, packed once per batch);
 * "small" rnn_gemm_small()/_f() where it applies (op(A) = A).  The first
 * row, a product whose packed operands stay in L1/L2, is the kernels'
 * peak on this CPU. */
#include "../src/core/internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern void dgemm_(const char *ta, const char *tb, const int *m, const int *n,
                   const int *k, const double *alpha, const double *a,
                   const int *lda, const double *b, const int *ldb,
                   const double *beta, double *c, const int *ldc, size_t lta,
                   size_t ltb);
extern void sgemm_(const char *ta, const char *tb, const int *m, const int *n,
                   const int *k, const float *alpha, const float *a,
                   const int *lda, const float *b, const int *ldb,
                   const float *beta, float *c, const int *ldc, size_t lta,
                   size_t ltb);

/* CPU time of this (single-threaded) process: on a machine shared with
 * other jobs it counts the time the kernels ran, not the time they
 * waited for a core (caches are still shared, so ratios measured side by
 * side are the numbers to trust) */
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

typedef struct {
  const char *what;
  char ta, tb;
  size_t m, n, k;
} prod;

int main(int argc, char **argv) {
  static const prod P[] = {
      {"peak (operands in cache)", 'N', 'N', 128, 48, 256},
      {"LSTM(32) step, half batch", 'N', 'N', 128, 32, 32},
      {"LSTM(64) dh, half batch", 'N', 'N', 64, 32, 256},
      {"GRU(128) step, batch 32", 'N', 'N', 384, 16, 128},
      {"LSTM(128) step, batch 32", 'N', 'N', 512, 16, 128},
      {"LSTM(64) step, batch 128", 'N', 'N', 256, 64, 64},
      {"LSTM(128) dh, half batch", 'N', 'N', 128, 32, 512},
      {"LSTM(64) step, half batch", 'N', 'N', 256, 32, 64},
      {"GRU(128) step, half batch", 'N', 'N', 384, 32, 128},
      {"LSTM(128) step, half batch", 'N', 'N', 512, 32, 128},
      {"LSTM(128) step, batch 64", 'N', 'N', 512, 64, 128},
      {"LSTM(128) dh, batch 64", 'N', 'N', 128, 64, 512},
      {"LSTM(128) input projection", 'N', 'N', 512, 1600, 8},
      {"LSTM(128) dW_h (N,T)", 'N', 'T', 512, 128, 1600},
      {"LSTM(512) step, half batch", 'N', 'N', 2048, 32, 512},
      {"LSTM(512) step, batch 64", 'N', 'N', 2048, 64, 512},
      {"LSTM(512) dh, half batch", 'N', 'N', 512, 32, 2048},
      {"LSTM(512) input projection", 'N', 'N', 2048, 1600, 32},
      {"LSTM(512) dW_x (N,T)", 'N', 'T', 2048, 32, 1600},
      {"LSTM(512) dx (T,N)", 'T', 'N', 32, 1600, 2048},
      {"LSTM(512) dW_h (N,T)", 'N', 'T', 2048, 512, 1600},
  };
  const int reps = argc > 1 ? atoi(argv[1]) : 7;
  size_t q;
  int prec;
  for (prec = 0; prec < 2; prec++) {
    const int sp = prec == 1; /* float */
    const size_t es = sp ? sizeof(float) : sizeof(double);
    printf("%s%-28s %5s %5s %5s %9s %9s %9s %9s  (%s GFLOP/s, median of %d)\n",
           sp ? "\n" : "", "product", "m", "n", "k", "blas", "packed",
           "prepacked", "small", sp ? "sgemm" : "dgemm", reps);
    for (q = 0; q < sizeof P / sizeof *P; q++) {
      const prod *p = &P[q];
      const size_t m = p->m, n = p->n, k = p->k;
      const size_t lda = p->ta == 'N' ? m : k, ldb = p->tb == 'N' ? k : n;
      const size_t na = m * k, nb = k * n;
      void *A = malloc(na * es), *B = malloc(nb * es), *C = malloc(m * n * es);
      void *Ap = malloc((sp ? rnn_gemm_packed_size_f(m, k) : rnn_gemm_packed_size(m, k)) * es);
      void *W = malloc((sp ? rnn_gemm_work_size_f(m, n, k) : rnn_gemm_work_size(m, n, k)) * es);
      double t[4][64], flop = 2.0 * (double)m * (double)n * (double)k, med[4];
      const size_t sai = p->ta == 'N' ? 1 : lda, sap = p->ta == 'N' ? lda : 1;
      const size_t sbk = p->tb == 'N' ? 1 : ldb, sbj = p->tb == 'N' ? ldb : 1;
      int r, j, inner;
      size_t i;
      rnn_rng rng;
      rnn_rng_seed(&rng, 1);
      for (i = 0; i < na; i++) {
        double v = rnn_rng_normal(&rng);
        if (sp) ((float *)A)[i] = (float)v; else ((double *)A)[i] = v;
      }
      for (i = 0; i < nb; i++) {
        double v = rnn_rng_normal(&rng);
        if (sp) ((float *)B)[i] = (float)v; else ((double *)B)[i] = v;
      }
      if (sp) rnn_gemm_pack_a_f(m, k, A, sai, sap, Ap);
      else rnn_gemm_pack_a(m, k, A, sai, sap, Ap);
      /* calls per timing: about 20 ms of work at 10 GFLOP/s */
      inner = (int)(2e8 / flop);
      if (inner < 1) inner = 1;
      for (r = 0; r < reps && r < 64; r++)
        for (j = 0; j < 4; j++) {
          const int im = (int)m, in = (int)n, ik = (int)k, ila = (int)lda,
                    ilb = (int)ldb, ilc = (int)m;
          const double one = 1.0, zero = 0.0;
          const float onef = 1.0f, zerof = 0.0f;
          double t0;
          int c;
          if (j == 3 && p->ta != 'N') {
            t[j][r] = NAN;
            continue;
          }
          t0 = now();
          for (c = 0; c < inner; c++) {
            if (sp) {
              if (j == 0)
                sgemm_(&p->ta, &p->tb, &im, &in, &ik, &onef, A, &ila, B, &ilb,
                       &zerof, C, &ilc, 1, 1);
              else if (j == 1)
                rnn_gemm_packed_f(m, n, k, A, sai, sap, NULL, B, sbk, sbj,
                                  0.0f, C, m, W);
              else if (j == 2)
                rnn_gemm_packed_f(m, n, k, NULL, 0, 0, Ap, B, sbk, sbj, 0.0f,
                                  C, m, W);
              else
                rnn_gemm_small_f(m, n, k, A, lda, B, sbk, sbj, 0.0f, C, m);
            } else {
              if (j == 0)
                dgemm_(&p->ta, &p->tb, &im, &in, &ik, &one, A, &ila, B, &ilb,
                       &zero, C, &ilc, 1, 1);
              else if (j == 1)
                rnn_gemm_packed(m, n, k, A, sai, sap, NULL, B, sbk, sbj, 0.0,
                                C, m, W);
              else if (j == 2)
                rnn_gemm_packed(m, n, k, NULL, 0, 0, Ap, B, sbk, sbj, 0.0, C,
                                m, W);
              else
                rnn_gemm_small(m, n, k, A, lda, B, sbk, sbj, 0.0, C, m);
            }
          }
          t[j][r] = (now() - t0) / inner;
        }
      for (j = 0; j < 4; j++) {
        int nr = reps < 64 ? reps : 64;
        qsort(t[j], (size_t)nr, sizeof(double), cmp);
        med[j] = flop / t[j][nr / 2] / 1e9;
      }
      printf("%-28s %5lu %5lu %5lu %9.2f %9.2f %9.2f %9.2f\n", p->what,
             (unsigned long)m, (unsigned long)n, (unsigned long)k, med[0],
             med[1], med[2], med[3]);
      fflush(stdout);
      free(A);
      free(B);
      free(C);
      free(Ap);
      free(W);
    }
  }
  return 0;
}
