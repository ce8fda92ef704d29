/* optim.c compiled in float: the single-precision engine (issue 19; see
 * precision.c and engine.h) */
#define RNN_SINGLE
#include "optim.c"
