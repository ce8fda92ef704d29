/* The thread pacer of rnn_train(): whether the two halves of the next
 * batches run on two threads or one after the other, decided from
 * measured wall times.  On a 2-core machine whose other core ran
 * valgrind, waiting for a descheduled thread at every batch was 60x
 * slower than one thread.  Only the time depends on it, never a result:
 * the halves and their order are the same either way.
 *
 * Batches are timed in rounds (16 batches, or fewer when they take
 * 20 ms).  A round on two threads whose wall time is at most 3/4 of its
 * halves' summed times overlapped them well.  One whose wall time
 * exceeded that sum (one thread alone would have been faster: another
 * process holds a core and one thread waited for the other), or two
 * middling ones in a row (a single one can be a hiccup), make the halves
 * run in turn, unless the last rounds in turn, timed within 64 rounds,
 * took longer per sample.  Rounds in turn go on while they are faster
 * per sample than the last round on two threads; two threads are tried
 * again after 16 rounds in turn, 32 after a failed try, then 64, ... 1024,
 * and never before the rounds in turn took 20 times the last failed try,
 * so that a machine that becomes quiet is noticed at a cost of a few
 * percent. */
#include "internal.h"

#include <string.h>

void rnn_pacer_init(rnn_pacer *pc) {
  memset(pc, 0, sizeof *pc);
  pc->two = 1; /* start on two threads */
}

static void end_round(rnn_pacer *pc) {
  const double s = pc->wall / pc->samples;
  pc->round++;
  if (pc->two) {
    pc->per_two = s;
    pc->tried = pc->wall;
    if (pc->wall <= 0.75 * pc->work) {
      pc->strikes = pc->fails = 0;
    } else if (pc->wall > pc->work || ++pc->strikes >= 2) {
      pc->strikes = 0;
      if (pc->per_one == 0 || pc->round - pc->timed_one > 64 ||
          s > pc->per_one) {
        pc->two = 0;
        pc->wait = 16L << pc->fails;
        pc->since = 0.0;
        if (pc->fails < 6) pc->fails++;
      }
    }
  } else {
    pc->per_one = pc->per_one > 0 ? 0.5 * (pc->per_one + s) : s;
    pc->timed_one = pc->round;
    pc->since += pc->wall;
    if (pc->per_two <= pc->per_one ||
        (--pc->wait <= 0 && pc->since >= 20 * pc->tried))
      pc->two = 1;
  }
  pc->batches = 0;
  pc->wall = pc->work = pc->samples = 0.0;
}

/* Adds a batch of nb samples that took wall seconds (work: the halves'
 * summed seconds on two threads).  The first batch on two threads, which
 * starts the second thread, is not counted.  A round on two threads ends
 * early when its wall time exceeds its halves' summed times, which one
 * thread alone would have taken (after one batch, by 2 ms: waking a
 * thread whose core another process holds can take a scheduler slice). */
void rnn_pacer_add(rnn_pacer *pc, double wall, double work, size_t nb) {
  if (!pc->started) {
    pc->started = 1;
    return;
  }
  pc->batches++;
  pc->wall += wall;
  pc->work += work;
  pc->samples += (double)nb;
  if (pc->batches >= 16 || pc->wall >= 0.02 ||
      (pc->two && pc->wall > pc->work + (pc->batches >= 2 ? 0.0 : 0.002)))
    end_round(pc);
}
