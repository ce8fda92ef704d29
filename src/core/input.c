/* The shape check of an input array against the model that reads it,
 * shared by both hosts so that the rule and its words are written once. */
#include "internal.h"

/* A model trained on windows cut from a series reads windows of that
 * length: a recurrent net would run on any number of timesteps, but its
 * weights learned the dynamics of n_time_fit steps, and an input of
 * another length is almost always a transposed or mis-cut array.  The
 * hosts pass n_time_fit 0 for models fit on arrays of sequences, which
 * may be read at any length (padded token sequences, a prefix of a
 * sequence); many-to-many models (a prediction per step) and stateful
 * models (chunks of a stream) always take any length. */
int rnn_input_check(const rnn_config *cfg, size_t n_time_fit, int stateful,
                    size_t n_samples, size_t n_time, size_t n_in,
                    const char *what, rnn_error *err) {
  const char *conv = "Inputs are samples x timesteps x features (e.g. 500 "
                     "windows of 30 days of 4 prices: 500 x 30 x 4); a "
                     "matrix is samples x timesteps of one feature.";
  unsigned long N = (unsigned long)n_samples, T = (unsigned long)n_time,
                I = (unsigned long)n_in, Tf = (unsigned long)n_time_fit;
  if (!cfg || !what) return rnn_fail(err, RNN_ERR_INPUT, "a NULL argument");
  if (n_in != (size_t)cfg->n_in)
    return rnn_fail(err, RNN_ERR_DIM,
                    "%s has %lu feature(s) but the model was built for %d. "
                    "%s %s is %lu x %lu x %lu.",
                    what, I, cfg->n_in, conv, what, N, T, I);
  if (n_time_fit == 0 || stateful || cfg->seq_out || n_time == n_time_fit)
    return RNN_OK;
  return rnn_fail(
      err, RNN_ERR_DIM,
      "%s has %lu timestep(s) but the model was trained on %s of %lu. %s "
      "%s is %lu x %lu x %lu; the model needs %lu x %lu x %d. %s",
      what, T, cfg->n_vocab > 0 ? "sequences" : "windows", Tf, conv, what, N, T,
      I, N, Tf, cfg->n_in,
      cfg->n_vocab > 0
          ? "Pad or truncate the token sequences to that length "
            "(rnn_pad_sequences)."
          : "Cut the series into windows of that length (rnn_windows); "
            "one window is 1 x timesteps x features.");
}
