## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{x} =} rnnkit_object (@var{s}, @var{kind})
## The object rnnkit's functions return: a model, windows, predictions,
## a forecast, an accuracy table or text data, shown at a glance.
##
## Typing its name prints a short summary (@code{rnn_summary}), as R's
## print methods do; fields read and assign as in the struct @var{s} it
## wraps (@code{model.history.loss(end)}, @code{fc.mean},
## @code{acc(2).RMSE}, @code{[acc.RMSE]}), and @code{isfield},
## @code{fieldnames}, @code{numel} and @code{size} see that struct.
## @code{struct (@var{x})} returns the struct itself, to see every number.
## Octave's @code{save} and @code{load} keep it (text and binary formats),
## and @code{rnn_save}/@code{rnn_load} keep a model, as before.
##
## A file @code{load}ed before @code{pkg load rnnkit} makes Octave warn
## @samp{no constructor for class rnnkit_object} (Octave's own warning,
## which a package cannot change): the object is loaded whole all the
## same, but shows and works only once the package is loaded.  Run
## @code{pkg load rnnkit} (before or after the @code{load}) and use it;
## nothing needs loading again.  @code{rnn_load} of a model file has no
## such order.
##
## @var{kind} is one of @qcode{"model"}, @qcode{"windows"},
## @qcode{"predictions"}, @qcode{"forecast"}, @qcode{"accuracy"} and
## @qcode{"textdata"}; users do not call this constructor: rnnkit's
## functions do.
## @seealso{rnn_summary, rnn_fit, rnn_windows, rnn_forecast, rnn_accuracy}
## @end deftypefn

function x = rnnkit_object (s, kind)
  if (nargin == 0)  # load () builds the object from an empty one
    s = struct ();
    kind = "";
  elseif (nargin != 2 || ! isstruct (s) || ! ischar (kind))
    error ("rnnkit:input", ["rnnkit_object: call it as rnnkit_object (s, kind) " ...
           "with a struct S and a kind such as \"model\""]);
  endif
  x = class (struct ("kind", kind, "s", {s}), "rnnkit_object");
endfunction

%!shared w, m, k
%! air = rnn_example_data ("air");
%! w = rnn_windows (air, "Window", 12, "Test", 12);
%! m = rnn_fit (w, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%! k = struct ("model", m, "windows", w, "forecast", rnn_forecast (m, 3, "Seed", 1), ...
%!             "predictions", rnn_predict (m, w, "Units", "original"), ...
%!             "accuracy", rnn_accuracy (m, w), ...
%!             "textdata", rnn_text_data (repmat ("the cat sat on the mat. ", 1, 20), ...
%!                                        "SeqLen", 8, "BatchSize", 2, "Validation", 0.2));

## every function returns one, reads and assignments reach the struct
%!test
%! for f = fieldnames (k)'
%!   assert (class (k.(f{1})), "rnnkit_object");
%!   assert (isstruct (struct (k.(f{1}))));
%! endfor
%! assert (m.history.loss(2), struct (m).history.loss(2));
%! assert (m.history.loss(end), struct (m).history.loss(2));
%! assert (m.config.units, 3);
%! acc = k.accuracy;
%! assert ([numel(acc), size(acc)], [4 4 1]);
%! assert ({acc.model}, {"LSTM(3)", "naive", "snaive", "drift"});
%! assert (acc(end).model, "drift");
%! assert (isfield (m, {"config", "params", "nope"}), [true true false]);
%! assert (fieldnames (m), fieldnames (struct (m)));
%! m2 = m;
%! m2.history.loss(2) = 7;
%! m2.extra = 1;
%! assert (class (m2), "rnnkit_object");
%! assert ([m2.history.loss(2), m2.extra, m.history.loss(2) != 7], [7 1 1]);
%! m2 = rmfield (m2, "extra");
%! assert (m2.history.loss(1), m.history.loss(1));
%! assert (! isfield (m2, "extra"));

## metamorphic: Octave's save and load (text, binary) give an equal object
%!test
%! for fmt = {"-text", "-binary"}
%!   f = [tempname() ".sav"];
%!   unwind_protect
%!     save (fmt{1}, f, "-struct", "k");
%!     l = load (f);
%!   unwind_protect_cleanup
%!     unlink (f);
%!   end_unwind_protect
%!   for f = fieldnames (k)'
%!     assert (class (l.(f{1})), "rnnkit_object");
%!     ## kind and struct alike, NaN and NA included (isequal would not)
%!     assert (builtin ("struct", l.(f{1})), builtin ("struct", k.(f{1})));
%!     assert (rnn_summary (l.(f{1})), rnn_summary (k.(f{1})));
%!   endfor
%! endfor
## a file loaded before pkg load rnnkit (in a fresh Octave): Octave warns
## that it has no constructor, the object is kept whole and works once
## the package is loaded
%!test
%! if (isempty (pkg ("list", "rnnkit")))
%!   printf ("rnnkit_object: rnnkit not installed with pkg: load order not tested\n");
%!   return;
%! endif
%! f = [tempname() ".mat"];
%! save ("-binary", f, "m");
%! code = sprintf (["x = load ('%s'); msg = lastwarn (); " ...
%!   "disp (['before: ' class(x.m) ' | ' msg]); " ...
%!   "pkg ('local_list', '%s'); pkg ('global_list', '%s'); pkg load rnnkit; " ...
%!   "disp (['after: ' rnn_summary(x.m)]);"], f, pkg ("local_list"), pkg ("global_list"));
%! unwind_protect
%!   [st, out] = system (sprintf ("\"%s\" --no-gui --norc -q --eval \"%s\" 2>&1", ...
%!                                fullfile (OCTAVE_HOME, "bin", "octave-cli"), code));
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect
%! assert (! isempty (strfind (out, "before: rnnkit_object | no constructor for class rnnkit_object")), out);
%! assert (! isempty (strfind (out, ["after: " rnn_summary(m)])), out);
## and a model saved with rnn_save loads as an equal one
%!test
%! f = [tempname() ".rnnk"];
%! rnn_save (m, f);
%! l = rnn_load (f);
%! delete (f);
%! assert (class (l), "rnnkit_object");
%! assert (l.params, m.params);
%! assert (rnn_summary (l), rnn_summary (m));
%! assert (rnn_predict (l, w), rnn_predict (m, w));
## assert compares the structs
%!error <Abs err> assert (rnnkit_object (struct ("a", 1), "model"), rnnkit_object (struct ("a", 2), "model"))
%!error id=rnnkit:input rnnkit_object (1, "model")
