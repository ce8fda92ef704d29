## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{model}, @var{Y}] =} rnn_predict_and_update_state (@var{model}, @var{X})
## Step-wise prediction as MATLAB's predictAndUpdateState: from the state
## the previous call left, keeping the new state in @var{model}.
##
## @var{X} is samples x timesteps x features; each of its samples is a
## separate sequence continued from its own state, so the number of
## samples must stay the same between calls until
## @code{rnn_reset_state}.  Feeding a sequence in pieces (for example one
## step at a time, @code{X} of size 1 x 1 x features) gives the same
## outputs as @code{rnn_predict} on the whole sequence.  @var{Y} is as
## from @code{rnn_predict}: the output after the last step of @var{X}
## (every step for a many-to-many model).
##
## @example
## model = rnn_reset_state (model);
## for t = 1:columns (x)
##   [model, y(t)] = rnn_predict_and_update_state (model, x(1, t));
## endfor
## @end example
## @seealso{rnn_reset_state, rnn_predict}
## @end deftypefn

function [model, Y] = rnn_predict_and_update_state (model, X, varargin)
  check_nargin ("rnn_predict_and_update_state", nargin, 2, 2, ...
                "[model, Y] = rnn_predict_and_update_state (model, X)");
  model = plain (model);
  check_model (model, "rnn_predict_and_update_state");
  if (columns (model.params) > 1) # an ensemble (issue 15)
    error ("rnnkit:input", ["rnn_predict_and_update_state: runs one network; this model is an " ...
           "ensemble of %d. Take member j as model.params(:, j)"], columns (model.params));
  endif
  X = check_x (model, X, "X", true);
  n = size (X, 1);
  if (isstruct (X))  # compact windows (issue 16), gathered by the core
    n = numel (X.start);
  endif
  state = [];
  if (isfield (model, "state"))
    state = model.state;
  endif
  if (! isempty (state))
    need = __rnnkit__ ("state_size", model.config, n);
    if (! isa (state, "double") || ! isreal (state) || issparse (state) ...
        || numel (state) != need)
      error ("rnnkit:dim", ["rnn_predict_and_update_state: the model's state " ...
             "holds %s but %d sequences need %d doubles; call rnn_reset_state " ...
             "to start new sequences"], describe (state), n, need);
    endif
  endif
  [Y, model.state] = __rnnkit__ ("step", model.config, model.params, X, state);
  model = wrap (model, "model");
endfunction

%!shared m, x
%! x = reshape (sin (0.2 * (1:36)), 3, 12);
%! m = rnn_fit (x, x(:, end), "Cell", "lstm", "Units", [3 2], "Epochs", 1, ...
%!              "Seed", 1, "Verbose", false);

## one step at a time equals the prediction over the whole sequence
%!test
%! s = rnn_reset_state (m);
%! for t = 1:12
%!   [s, y] = rnn_predict_and_update_state (s, x(:, t));
%! endfor
%! assert (y, rnn_predict (m, x), 1e-14);
%! assert (numel (s.state), 2 * (3 + 2) * 3);

## pieces of several steps, and a reset starts afresh
%!test
%! [s, ~] = rnn_predict_and_update_state (rnn_reset_state (m), x(:, 1:5));
%! [s, y] = rnn_predict_and_update_state (s, x(:, 6:12));
%! assert (y, rnn_predict (m, x), 1e-14);
%! [s, y1] = rnn_predict_and_update_state (rnn_reset_state (s), x(:, 1:4));
%! assert (y1, rnn_predict (m, x(:, 1:4)), 1e-14);

## compact windows ('Store' 'series') step as the stored windows, as in R
%!test
%! s = 10 + sin ((0:39)' / 3);
%! w = rnn_windows (s, "Window", 5);
%! c = rnn_windows (s, "Window", 5, "Store", "series");
%! mw = rnn_fit (w, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! [s1, y1] = rnn_predict_and_update_state (mw, w.x);
%! [s2, y2] = rnn_predict_and_update_state (mw, c.x);
%! assert (isequal (y2, y1) && isequal (s2.state, s1.state));
%! assert (y1, rnn_predict (mw, c.x), 1e-14);
%! [~, y3] = rnn_predict_and_update_state (s2, c.x);  # the state of 35 sequences continues
%! [~, y4] = rnn_predict_and_update_state (s1, w.x);
%! assert (isequal (y3, y4));
%!error <call rnn_reset_state> [s, y] = rnn_predict_and_update_state (setfield (m, "state", [1 2]), x)
%!error <built for 1> rnn_predict_and_update_state (m, ones (3, 2, 2))
%!error <takes 2 argument\(s\), not 3> rnn_predict_and_update_state (m, x, x)
%!error <holds a 2x1 int32> [s, y] = rnn_predict_and_update_state (setfield (m, "state", int32 ([1; 2])), x)
%!error id=rnnkit:input rnn_predict_and_update_state (rmfield (m, "params"), x)
