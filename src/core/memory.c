/* Whether a large array can be allocated, asked by the hosts before they
 * allocate one.  R and Octave report a failed allocation with an error of
 * their own that carries no rnnkit class or id and does not say what
 * needed the memory; asking first turns too large a request into an
 * "rnnkit:size" error that does.
 *
 * The answer is "no" for more bytes than the computer has (physical
 * memory, where the system tells it) and for a trial malloc() that fails.
 * The first test matters under Linux's default overcommit, which lets a
 * malloc() of much more than is free succeed (the memory is only taken
 * when touched, and then the OOM killer may end the process); it refuses
 * only requests beyond RAM plus swap.  A "yes" is therefore no promise
 * that memory is free: it rules out sizes that can never be allocated. */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* madvise() under -std=c99 */
#endif
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

size_t rnn_size_mul(size_t a, size_t b) {
  if (a && b > SIZE_MAX / a) return SIZE_MAX;
  return a * b;
}

/* Bytes of physical memory, or 0 where the system does not say. */
static double physical_memory(void) {
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
  long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
  if (pages > 0 && size > 0) return (double)pages * (double)size;
#endif
  return 0;
}

int rnn_check_memory(size_t bytes, const char *what, rnn_error *err) {
  double phys = physical_memory();
  void *p = NULL;
  if (bytes == 0) return RNN_OK;
  if (bytes < SIZE_MAX && (phys == 0 || (double)bytes <= phys))
    p = malloc(bytes);
  if (p) {
    free(p);
    return RNN_OK;
  }
  if (bytes == SIZE_MAX)
    return rnn_fail(err, RNN_ERR_SIZE,
                    "%s would need more memory than a computer can address; "
                    "use fewer units or layers, shorter or fewer windows, "
                    "or fewer paths",
                    what);
  return rnn_fail(err, RNN_ERR_SIZE,
                  "%s would need %.3g GB of memory, more than can be "
                  "allocated here; use fewer units or layers, shorter or "
                  "fewer windows, or fewer paths",
                  what, (double)bytes / 1e9);
}

/* Asks Linux to back the 2 MB-aligned inside of a large workspace with
 * huge pages.  A training workspace is fresh memory at every fit, and
 * first touching it 4 KB page by page cost about 0.5 s of an LSTM(512)
 * fit (a page fault each, expensive in a virtual machine); with huge
 * pages that is 512 times fewer faults.  Only a hint: no effect where the
 * system has no transparent huge pages or says "never", and none on the
 * numbers. */
void rnn_advise_huge(void *p, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const uintptr_t huge = (uintptr_t)1 << 21;
  uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
  uintptr_t e = ((uintptr_t)p + bytes) & ~(huge - 1);
  if (bytes >= 4 * huge && e > a) (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}
