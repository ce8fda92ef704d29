/* LD_PRELOAD shim for bench/blascalls.sh: counts the calls of R's process
 * into the Fortran BLAS routines the core (src/core/blas.c), LAPACK's QR
 * and R's own matrix products (%*%, crossprod: dgemm, dgemv, dsyrk) use,
 * and sgemm (which nothing should call: the core has no Fortran sgemm),
 * forwards each to the BLAS loaded after it, and prints the counts to
 * stderr when the process ends:
 *   BLASCOUNT dgemm <calls> <multiply-adds> dgemv <calls> dscal <calls>
 *     dsyrk <calls> sgemm <calls>
 * Not part of the package (glibc, dlsym(RTLD_NEXT)). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>

typedef size_t fc_len;
static long n_dgemm, n_dgemv, n_dscal, n_dsyrk, n_sgemm;
static double madds;

void dgemm_(const char *ta, const char *tb, const int *m, const int *n,
            const int *k, const double *al, const double *a, const int *lda,
            const double *b, const int *ldb, const double *be, double *c,
            const int *ldc, fc_len l1, fc_len l2) {
  static void (*f)(const char *, const char *, const int *, const int *,
                   const int *, const double *, const double *, const int *,
                   const double *, const int *, const double *, double *,
                   const int *, fc_len, fc_len);
  if (!f) *(void **)&f = dlsym(RTLD_NEXT, "dgemm_");
  n_dgemm++;
  madds += (double)*m * *n * *k;
  f(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, l1, l2);
}

void dgemv_(const char *t, const int *m, const int *n, const double *al,
            const double *a, const int *lda, const double *x, const int *ix,
            const double *be, double *y, const int *iy, fc_len l) {
  static void (*f)(const char *, const int *, const int *, const double *,
                   const double *, const int *, const double *, const int *,
                   const double *, double *, const int *, fc_len);
  if (!f) *(void **)&f = dlsym(RTLD_NEXT, "dgemv_");
  n_dgemv++;
  f(t, m, n, al, a, lda, x, ix, be, y, iy, l);
}

void dscal_(const int *n, const double *a, double *x, const int *ix) {
  static void (*f)(const int *, const double *, double *, const int *);
  if (!f) *(void **)&f = dlsym(RTLD_NEXT, "dscal_");
  n_dscal++;
  f(n, a, x, ix);
}

void dsyrk_(const char *uplo, const char *t, const int *n, const int *k,
            const double *al, const double *a, const int *lda, const double *be,
            double *c, const int *ldc, fc_len l1, fc_len l2) {
  static void (*f)(const char *, const char *, const int *, const int *,
                   const double *, const double *, const int *, const double *,
                   double *, const int *, fc_len, fc_len);
  if (!f) *(void **)&f = dlsym(RTLD_NEXT, "dsyrk_");
  n_dsyrk++;
  f(uplo, t, n, k, al, a, lda, be, c, ldc, l1, l2);
}

void sgemm_(const char *ta, const char *tb, const int *m, const int *n,
            const int *k, const float *al, const float *a, const int *lda,
            const float *b, const int *ldb, const float *be, float *c,
            const int *ldc, fc_len l1, fc_len l2) {
  static void (*f)(const char *, const char *, const int *, const int *,
                   const int *, const float *, const float *, const int *,
                   const float *, const int *, const float *, float *,
                   const int *, fc_len, fc_len);
  if (!f) *(void **)&f = dlsym(RTLD_NEXT, "sgemm_");
  n_sgemm++;
  f(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, l1, l2);
}

__attribute__((destructor)) static void report(void) {
  fprintf(stderr, "BLASCOUNT dgemm %ld %.0f dgemv %ld dscal %ld dsyrk %ld sgemm %ld\n",
          n_dgemm, madds, n_dgemv, n_dscal, n_dsyrk, n_sgemm);
}
