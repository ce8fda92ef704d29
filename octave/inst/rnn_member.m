## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{m} =} rnn_member (@var{model}, @var{j})
## Member @var{j} of an ensemble fit with @code{rnn_fit (@dots{},
## "Ensemble", k)}, as a single model, as R's @code{rnn_member()}: its
## column of weights, its own loss history (@code{history}) and a field
## @code{member} with @code{j}, @code{of} (k) and @code{seed}.
## @code{rnn_fit} with that @qcode{"Seed"} and the same data and options
## gives the same weights.  It keeps the ensemble's data, scaler and
## residuals (the ensemble's one-step errors, which its prediction
## intervals bootstrap).  A single model is its own member 1.
##
## @example
## e = rnn_fit (X, Y, "Units", 4, "Epochs", 5, "Ensemble", 3);
## m2 = rnn_member (e, 2);
## @end example
## @seealso{rnn_fit}
## @end deftypefn

function m = rnn_member (model, j, varargin)
  check_nargin ("rnn_member", nargin, 2, 2, "m = rnn_member (model, j)");
  model = plain (model);
  check_model (model, "rnn_member");
  k = columns (model.params);
  j = check_count (j, "j", 1, k);
  m = wrap (model, "model");
  if (k == 1)
    return;
  endif
  e = model.ensemble;
  n = e.epochs_run(j);
  m = model;
  m.params = model.params(:, j);
  m.history = struct ("epoch", (1:n)', "loss", e.loss(1:n, j), ...
                      "val_loss", e.val_loss(1:n, j));
  m = rmfield (m, "ensemble");
  m.member = struct ("j", j, "of", k, "seed", e.seeds(j));
  m = wrap (m, "model");
endfunction

%!shared X, Y, e
%! rand ("seed", 3);
%! X = rand (40, 5);
%! Y = sum (X(:, 3:5), 2);
%! e = rnn_fit (X, Y, "Units", 3, "Epochs", 2, "Seed", 5, "Verbose", false, "Ensemble", 3);
%!test
%! for j = 1:3
%!   m = rnn_member (e, j);
%!   s = rnn_fit (X, Y, "Units", 3, "Epochs", 2, "Seed", e.ensemble.seeds(j), "Verbose", false);
%!   assert (isequal (m.params, s.params));
%!   assert (isequal (m.history.loss, s.history.loss));
%!   assert ([m.member.j m.member.of], [j 3]);
%!   assert (! isfield (m, "ensemble"));
%! endfor
%!test
%! p = 0;
%! for j = 1:3
%!   p = p + rnn_predict (rnn_member (e, j), X);
%! endfor
%! assert (rnn_predict (e, X), p / 3, 1e-12);
%!test
%! s = rnn_member (e, 1);
%! t = rnn_member (s, 1);  # a single model is its own member 1
%! assert (isequal (t.params, s.params) && isequal (t.member, s.member));
%!error id=rnnkit:input rnn_member (e, 4)
%!error <'j' must be a whole number in 1..3, not double 0> rnn_member (e, 0)
%!error <rnn_member: MODEL must be an rnnkit model> rnn_member (struct ("a", 1), 1)
%!error <rnn_member takes 2 argument\(s\), not 1> rnn_member (e)
%!error <takes 2 argument\(s\), not 3> rnn_member (e, 1, 2)
