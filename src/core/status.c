/* Status identifiers and the small helper that fills an rnn_error. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

const char *rnn_status_id(int code) {
  switch (code) {
  case RNN_OK: return "rnnkit:ok";
  case RNN_ERR_INPUT: return "rnnkit:input";
  case RNN_ERR_DIM: return "rnnkit:dim";
  case RNN_ERR_SIZE: return "rnnkit:size";
  case RNN_ERR_LAPACK: return "rnnkit:lapack";
  case RNN_ERR_DIVERGED: return "rnnkit:diverged";
  case RNN_ERR_FORMAT: return "rnnkit:format";
  case RNN_ERR_IO: return "rnnkit:io";
  default: return "rnnkit:unknown";
  }
}

int rnn_fail(rnn_error *err, int code, const char *fmt, ...) {
  if (err) {
    va_list ap;
    const char *id = rnn_status_id(code);
    size_t k = 0;
    err->code = code;
    while (id[k] && k + 1 < sizeof err->id) {
      err->id[k] = id[k];
      k++;
    }
    err->id[k] = '\0';
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
  }
  return code;
}
