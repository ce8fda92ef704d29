/* The one piece of the MEX gateway in C++: calling Octave code from inside
 * training so that a Ctrl-C cannot unwind through the C core.
 *
 * A Ctrl-C that arrives while Octave code runs (the 'Checkpoint' save
 * that __rnnkit__.c's run_checkpoint() calls after each k-th epoch) is
 * thrown by Octave's next octave_quit() check as an
 * octave::interrupt_exception.  mexCallMATLABWithTrap() traps errors
 * (octave::execution_exception) only, so the interrupt would pass through
 * the C frames of rnn_train() and abandon the fit with the model.  C
 * cannot catch a C++ exception; this function does, resets Octave's
 * interrupt state as Octave's own top level does after an interrupt
 * (interpreter::recover_from_exception(), Octave >= 6, as the package's
 * DESCRIPTION requires), and reports it, so that the gateway stops after
 * the epoch as for any Ctrl-C. */
#include "interpreter.h"
#include "quit.h"

/* As mex.h declares it, with mxArray the interpreter's class: mex.h (whose
 * mxArray is void, as in __rnnkit__.c) cannot be included together with
 * interpreter.h. */
extern "C" mxArray *mexCallMATLABWithTrap(int nargout, mxArray *argout[],
                                          int nargin, mxArray *argin[],
                                          const char *fname);

/* mexCallMATLABWithTrap(nout, out, nin, in, fn) into *exception; returns 1
 * (and no exception) if a Ctrl-C interrupted fn, else 0.  The arrays are
 * __rnnkit__.c's mxArray pointers, void there. */
extern "C" int rnnkit_feval_catching_interrupt(int nout, void *out[], int nin,
                                               void *in[], const char *fn,
                                               void **exception) {
  *exception = nullptr;
  try {
    *exception = mexCallMATLABWithTrap(nout, reinterpret_cast<mxArray **>(out),
                                       nin, reinterpret_cast<mxArray **>(in),
                                       fn);
  } catch (const octave::interrupt_exception &) {
    octave::interpreter *interp = octave::interpreter::the_interpreter();
    if (interp) interp->recover_from_exception();
    return 1;
  }
  return 0;
}
