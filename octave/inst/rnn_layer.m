## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} rnn_layer (@var{cell}, @var{units}, @var{weights})
## @deftypefnx {} {@var{layer} =} rnn_layer (@dots{}, "Activation", @var{act})
## A single recurrent layer with given weights in Keras' layout, to run
## with @code{rnn_layer_call} (R's @code{rnn_layer}).
##
## @var{cell} is @qcode{"simple"} (Keras' SimpleRNN), @qcode{"lstm"} or
## @qcode{"gru"}; @var{units} the number of units H.  @var{weights} is a
## cell @code{@{kernel, recurrent_kernel, bias@}} or a struct with those
## fields, as Keras' @code{get_weights()} returns them, with G gate blocks
## (1 SimpleRNN, 4 LSTM, 3 GRU) side by side in the columns:
##
## @table @code
## @item kernel
## input_dim x G*H
## @item recurrent_kernel
## H x G*H
## @item bias
## a vector of G*H; for GRU a 2 x 3H matrix, input bias in row 1 and
## recurrent bias in row 2 (Keras' default reset_after = true, PyTorch's
## GRU).  May be left out for a layer without bias.
## @end table
##
## Keras' gate order is i, f, c, o for LSTM and z, r, h for GRU; the layer
## moves them to the core's order (PyTorch's i, f, g, o and r, z, n).
## @qcode{"Activation"} is @qcode{"tanh"} (default) or @qcode{"relu"} for
## SimpleRNN, @qcode{"tanh"} for LSTM and GRU.
##
## @example
## layer = rnn_layer ("simple", 4, @{randn(8, 4), randn(4, 4), zeros(1, 4)@});
## size (rnn_layer_call (layer, randn (32, 10, 8)))    # 32 x 4
## @end example
## @seealso{rnn_layer_call}
## @end deftypefn

function layer = rnn_layer (cell, units, weights, varargin)
  check_nargin ("rnn_layer", nargin, 3, Inf, ...
                "layer = rnn_layer (cell, units, {kernel, recurrent_kernel, bias})");
  o = rnnkit_options (struct ("Activation", "tanh"), "rnn_layer", varargin);
  cell = check_choice (cell, fieldnames (__rnnkit__ ("schema").cell), "Cell");
  units = check_count (units, "Units", 1, 1e5);
  if (strcmp (cell, "simple"))
    act = check_choice (o.Activation, {"tanh", "relu"}, "Activation");
  else
    act = check_choice (o.Activation, {"tanh"}, "Activation");
  endif
  [k, rk, b] = check_weights (weights, cell, units);
  H = units;
  I = rows (k);
  ## Keras' gate blocks moved to the core's places, and an identity head
  ## (the head's output at every step is exactly h_t), by the C core
  cfg = model_config (cell, H, I, H, act, "linear", false, 0);
  params = __rnnkit__ ("layer_params", cfg, "keras", {k, rk, b});
  layer = struct ("cell", cell, "units", H, "activation", act, ...
                  "input_dim", I, "config", cfg, "params", params);
endfunction

function [k, rk, b] = check_weights (w, cell, H)
  G = struct ("simple", 1, "lstm", 4, "gru", 3).(cell);
  GH = G * H;
  what = sprintf ("%s of %d units", upper (cell), H);
  if (isstruct (w) && isscalar (w) && isfield (w, "kernel") ...
      && isfield (w, "recurrent_kernel"))
    k = w.kernel;
    rk = w.recurrent_kernel;
    b = [];
    if (isfield (w, "bias"))
      b = w.bias;
    endif
  elseif (iscell (w) && any (numel (w) == [2 3]))
    k = w{1};
    rk = w{2};
    b = [];
    if (numel (w) == 3)
      b = w{3};
    endif
  else
    error ("rnnkit:input", ["rnn_layer: WEIGHTS must be a cell " ...
           "{kernel, recurrent_kernel, bias} or a struct with those " ...
           "fields (Keras' layout), not %s"], describe (w));
  endif
  if (! isnumeric (k) || ! isreal (k) || ndims (k) != 2 || columns (k) != GH ...
      || rows (k) < 1)
    error ("rnnkit:dim", ["rnn_layer: KERNEL must be input_dim x %d " ...
           "(%d gate block(s) of %d columns) for a %s, not %s"], GH, G, H, ...
           what, describe (k));
  endif
  if (! isnumeric (rk) || ! isreal (rk) || ! isequal (size (rk), [H GH]))
    error ("rnnkit:dim", ["rnn_layer: RECURRENT_KERNEL must be %d x %d " ...
           "for a %s, not %s"], H, GH, what, describe (rk));
  endif
  if (isempty (b))
    if (strcmp (cell, "gru"))
      b = zeros (2, GH);
    else
      b = zeros (1, GH);
    endif
  elseif (strcmp (cell, "gru"))
    if (! isnumeric (b) || ! isreal (b) || ! isequal (size (b), [2 GH]))
      msg = "";
      if (isnumeric (b) && numel (b) == GH)
        msg = sprintf ([" (a bias of %d comes from Keras' reset_after = " ...
                        "false, a different cell that rnnkit does not " ...
                        "implement)"], GH);
      endif
      error ("rnnkit:dim", ["rnn_layer: BIAS must be 2 x %d for a %s " ...
             "(Keras' reset_after = true: input bias, recurrent bias), " ...
             "not %s%s"], GH, what, describe (b), msg);
    endif
  elseif (! isnumeric (b) || ! isreal (b) || ! isvector (b) || numel (b) != GH)
    error ("rnnkit:dim", "rnn_layer: BIAS must be a vector of %d for a %s, not %s", ...
           GH, what, describe (b));
  endif
  k = full (double (k));
  rk = full (double (rk));
  b = full (double (b));
  if (! all (isfinite ([k(:); rk(:); b(:)])))
    error ("rnnkit:input", "rnn_layer: the weights must be finite numbers");
  endif
endfunction

%!shared Wxh, Whh, bh, X
%! ## the "hello" example: a 3-unit SimpleRNN over one-hot h, e, l, l
%! Wxh = [0.5 -0.3 0.1 0.2; -0.1 0.4 0.3 -0.2; 0.2 0.1 -0.4 0.3];
%! Whh = [0.1 -0.2 0.3; 0 0.2 -0.1; -0.3 0.1 0.2];
%! bh = [0.01; -0.02; 0.03];
%! X = zeros (1, 4, 4);
%! X(1, :, :) = eye (4)([1 2 3 3], :);

%!test
%! layer = rnn_layer ("simple", 3, {Wxh.', Whh.', bh.'});
%! assert (layer.input_dim, 4);
%! assert (numel (layer.params), 3 * 4 + 9 + 3 + 9 + 3);

## Keras' GRU blocks z, r, h become the core's r, z, n
%!test
%! layer = rnn_layer ("gru", 2, {repmat([1 1 2 2 3 3], 2, 1), zeros(2, 6), zeros(2, 6)});
%! assert (layer.params(1:6).', [2 2 1 1 3 3]);

%!error <KERNEL must be input_dim x 16> rnn_layer ("lstm", 4, {ones(3, 12), ones(4, 16), zeros(1, 16)})
%!error <RECURRENT_KERNEL must be 4 x 16> rnn_layer ("lstm", 4, {ones(3, 16), ones(4, 12)})
%!error <reset_after = false> rnn_layer ("gru", 2, {ones(3, 6), ones(2, 6), zeros(1, 6)})
%!error <must be finite> rnn_layer ("simple", 1, {NaN, 1, 0})
%!error <'Activation' must be one of> rnn_layer ("lstm", 1, {ones(1, 4), ones(1, 4)}, "Activation", "relu")
%!error <WEIGHTS must be a cell> rnn_layer ("simple", 1, 3)
%!error <takes at least 3 argument> rnn_layer ("lstm", 2)
