## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{Y} =} rnn_layer_call (@var{layer}, @var{X})
## @deftypefnx {} {[@var{Y}, @var{h}] =} rnn_layer_call (@dots{})
## @deftypefnx {} {[@var{Y}, @var{h}, @var{c}] =} rnn_layer_call (@dots{})
## @deftypefnx {} {@dots{} =} rnn_layer_call (@dots{}, "ReturnSequences", @var{tf}, "InitialState", @var{s})
## Run a layer from @code{rnn_layer} over @var{X}, samples x timesteps x
## features (Keras' [batch, timesteps, features]), with Keras' shapes (R's
## @code{rnn_layer_call}).
##
## @var{Y} is the output after the last timestep, samples x units, or with
## @qcode{"ReturnSequences"} true the output at every timestep, samples x
## timesteps x units.  @var{h} is the final hidden state and, for LSTM,
## @var{c} the final cell state, both samples x units (Keras'
## return_state).  @qcode{"InitialState"} starts from @var{s} instead of
## zeros: @var{h} (samples x units) for SimpleRNN and GRU, @code{@{h, c@}}
## for LSTM, e.g. the states a previous call returned.  The whole batch
## runs in one call into the C core.
##
## @example
## [y, h, c] = rnn_layer_call (lstm, X(:, 1:5, :));
## y2 = rnn_layer_call (lstm, X(:, 6:end, :), "InitialState", @{h, c@});
## @end example
## @seealso{rnn_layer}
## @end deftypefn

function [Y, h, c] = rnn_layer_call (layer, X, varargin)
  check_nargin ("rnn_layer_call", nargin, 2, Inf, ...
                "[Y, h, c] = rnn_layer_call (layer, X, 'ReturnSequences', false, ...)");
  check_layer (layer);
  o = rnnkit_options (struct ("ReturnSequences", false, "InitialState", []), ...
                      "rnn_layer_call", varargin);
  return_seq = check_flag (o.ReturnSequences, "ReturnSequences");
  is_lstm = strcmp (layer.cell, "lstm");
  if (nargout > 2 && ! is_lstm)
    error ("rnnkit:input", ["rnn_layer_call: only an LSTM layer has a cell " ...
           "state C; ask for [Y, h]"]);
  endif
  if (isstruct (X))  # compact windows (issue 16), gathered by the core, as R
    X = compact_windows ("check", X, "X");
    d = compact_windows ("dims", X);
  else
    X = as_input_array (X, "X");
    d = [size(X, 1), size(X, 2), size(X, 3)];
  endif
  if (d(3) != layer.input_dim)
    error ("rnnkit:dim", ["rnn_layer_call: X has %d feature(s) but the layer " ...
           "reads %d; X is samples x timesteps x features"], d(3), ...
           layer.input_dim);
  endif
  N = d(1);
  H = layer.units;
  state = initial_state (o.InitialState, is_lstm, N, H);
  cfg = layer.config;
  cfg.seq_out = double (return_seq);
  [Y, st] = __rnnkit__ ("step", cfg, layer.params, X, state);
  ## the core's state: h (H x N), then c (H x N) for an LSTM
  h = reshape (st(1:H*N), H, N).';
  if (is_lstm)
    c = reshape (st(H*N+1:end), H, N).';
  endif
endfunction

## LAYER as rnn_layer makes it: its cell, sizes, config and weights agree
function check_layer (layer)
  if (! isstruct (layer) || ! isscalar (layer) ...
      || ! all (isfield (layer, {"cell", "units", "input_dim", "config", "params"})))
    error ("rnnkit:input", ["rnn_layer_call: LAYER must be a layer from " ...
           "rnn_layer, not %s"], describe (layer));
  endif
  check_model (layer, "rnn_layer_call");
  cfg = layer.config;
  whole = @(v) isnumeric (v) && isreal (v) && isscalar (v) && isfinite (v) ...
               && v == round (v) && v >= 1;
  if (! ischar (layer.cell) || rows (layer.cell) != 1 ...
      || ! isfield (__rnnkit__ ("schema").cell, layer.cell) ...
      || ! whole (layer.units) || ! whole (layer.input_dim) ...
      || cfg.n_in != layer.input_dim || ! isscalar (cfg.units) ...
      || cfg.units != layer.units || cfg.n_out != layer.units ...
      || cfg.cell_code != __rnnkit__ ("schema").cell.(layer.cell))
    error ("rnnkit:input", ["rnn_layer_call: LAYER is not intact: its cell, " ...
           "units, input_dim and config must agree as rnn_layer made them"]);
  endif
endfunction

function state = initial_state (s, is_lstm, N, H)
  state = [];
  if (isempty (s))
    return;
  endif
  need = 1 + is_lstm;
  if (! iscell (s))
    s = {s};
  endif
  if (numel (s) != need)
    if (is_lstm)
      error ("rnnkit:input", ["rnn_layer_call: 'InitialState' of an LSTM is " ...
             "{h, c}, two %d x %d matrices"], N, H);
    endif
    error ("rnnkit:input", ["rnn_layer_call: 'InitialState' is h, a %d x %d " ...
           "matrix"], N, H);
  endif
  for k = 1:need
    m = s{k};
    if (! isnumeric (m) || ! isreal (m) || ! isequal (size (m), [N H]))
      error ("rnnkit:dim", ["rnn_layer_call: 'InitialState' must be samples " ...
             "x units = %d x %d (one row per sample of X), not %s"], N, H, ...
             describe (m));
    endif
    if (! all (isfinite (m(:))))
      error ("rnnkit:input", "rnn_layer_call: 'InitialState' must be finite");
    endif
    state = [state; reshape(full (double (m)).', [], 1)];
  endfor
endfunction

## compact windows ('Store' 'series') are read as the stored windows, as in R
%!test
%! s = 10 + sin ((0:29)' / 3);
%! w = rnn_windows (s, "Window", 4);
%! c = rnn_windows (s, "Window", 4, "Store", "series");
%! wh = 0.05 * reshape (1:16, 2, 8);
%! l = rnn_layer ("lstm", 2, {0.1 * (1:8), wh, zeros(1, 8)});
%! [Y1, h1, c1] = rnn_layer_call (l, w.x, "ReturnSequences", true);
%! [Y2, h2, c2] = rnn_layer_call (l, c.x, "ReturnSequences", true);
%! assert (isequal (Y2, Y1) && isequal (h2, h1) && isequal (c2, c1));
%! assert (size (Y1), [26 4 2]);
%!shared Wxh, Whh, bh, X, hello
%! ## the "hello" example: a 3-unit SimpleRNN over one-hot h, e, l, l
%! Wxh = [0.5 -0.3 0.1 0.2; -0.1 0.4 0.3 -0.2; 0.2 0.1 -0.4 0.3];
%! Whh = [0.1 -0.2 0.3; 0 0.2 -0.1; -0.3 0.1 0.2];
%! bh = [0.01; -0.02; 0.03];
%! X = zeros (1, 4, 4);
%! X(1, :, :) = eye (4)([1 2 3 3], :);
%! hello = rnn_layer ("simple", 3, {Wxh.', Whh.', bh.'});

## every hidden state by hand, then logits and softmax per step
%!test
%! Y = rnn_layer_call (hello, X, "ReturnSequences", true);
%! assert (size (Y), [1 4 3]);
%! Why = [0.3 -0.2 0.1; -0.4 0.5 0.2; 0.2 0.3 -0.5; 0.1 -0.1 0.4];
%! by = [0.05; -0.05; 0.02; 0];
%! h = zeros (3, 1);
%! for t = 1:4
%!   h = tanh (Wxh * squeeze (X(1, t, :)) + Whh * h + bh);
%!   assert (squeeze (Y(1, t, :)), h, 1e-15);
%!   y = Why * squeeze (Y(1, t, :)) + by;
%!   assert (y, Why * h + by, 1e-15);
%!   p = exp (y) / sum (exp (y));
%!   assert (sum (p), 1, 1e-15);
%! endfor
%! assert (rnn_layer_call (hello, X), h.', 1e-15);

## the same hidden states as R's rnn_layer_call (tests/testthat/test-layer.R)
%!test
%! Y = squeeze (rnn_layer_call (hello, X, "ReturnSequences", true));
%! assert (Y(1, :), [0.469945198933037656 -0.11942729853438591 0.22602835227867096], 1e-14);
%! assert (Y(4, :), [-0.036302444228055231 0.35742522318302972 -0.38368824050597655], 1e-14);

## Keras' shapes: SimpleRNN(4) on [32, 10, 8]
%!test
%! L = rnn_layer ("simple", 4, {reshape(0.3 * sin (1:32), 8, 4), reshape(0.3 * cos (1:16), 4, 4)});
%! x = reshape (sin (0.01 * (1:2560)), 32, 10, 8);
%! assert (size (rnn_layer_call (L, x)), [32 4]);
%! [Y, h] = rnn_layer_call (L, x, "ReturnSequences", true);
%! assert (size (Y), [32 10 4]);
%! assert (h, squeeze (Y(:, 10, :)));

## LSTM (Keras blocks i, f, c, o) and GRU (z, r, h) against Keras' equations
%!test
%! s = @(a) 1 ./ (1 + exp (-a));
%! I = 3; H = 2; N = 2; T = 3;
%! x = reshape (sin (1:N*T*I), N, T, I);
%! K = reshape (0.5 * sin (0.7 * (1:I*4*H)), I, 4*H);
%! R = reshape (0.5 * cos (0.3 * (1:H*4*H)), H, 4*H);
%! b = 0.1 * (1:4*H);
%! L = rnn_layer ("lstm", H, struct ("kernel", K, "recurrent_kernel", R, "bias", b));
%! [Y, h1, c1] = rnn_layer_call (L, x, "ReturnSequences", true);
%! h = zeros (N, H); c = zeros (N, H);
%! for t = 1:T
%!   z = reshape (x(:, t, :), N, I) * K + h * R + b;
%!   c = s (z(:, H+1:2*H)) .* c + s (z(:, 1:H)) .* tanh (z(:, 2*H+1:3*H));
%!   h = s (z(:, 3*H+1:end)) .* tanh (c);
%!   assert (reshape (Y(:, t, :), N, H), h, 1e-14);
%! endfor
%! assert (h1, h, 1e-14);
%! assert (c1, c, 1e-14);
%! K = K(:, 1:3*H); R = R(:, 1:3*H); B = [0.1 * (1:3*H); -0.05 * (1:3*H)];
%! G = rnn_layer ("gru", H, {K, R, B});
%! [Y, hT] = rnn_layer_call (G, x, "ReturnSequences", true);
%! h = zeros (N, H);
%! for t = 1:T
%!   u = reshape (x(:, t, :), N, I) * K + B(1, :);
%!   v = h * R + B(2, :);
%!   z = s (u(:, 1:H) + v(:, 1:H));
%!   r = s (u(:, H+1:2*H) + v(:, H+1:2*H));
%!   n = tanh (u(:, 2*H+1:end) + r .* v(:, 2*H+1:end));
%!   h = z .* h + (1 - z) .* n;
%!   assert (reshape (Y(:, t, :), N, H), h, 1e-14);
%! endfor
%! assert (hT, h, 1e-14);

## the returned state continues the sequences
%!test
%! L = rnn_layer ("lstm", 2, {reshape(sin (1:16), 2, 8), reshape(cos (1:16), 2, 8)});
%! x = reshape (sin (0.3 * (1:3*7*2)), 3, 7, 2);
%! [~, h, c] = rnn_layer_call (L, x(:, 1:3, :));
%! y = rnn_layer_call (L, x(:, 4:7, :), "InitialState", {h, c});
%! assert (y, rnn_layer_call (L, x), 1e-15);

%!error <reads 4> rnn_layer_call (hello, ones (1, 2, 3))
%!error <LAYER must be a layer> rnn_layer_call (struct (), ones (1, 2, 3))
%!error <only an LSTM> [y, h, c] = rnn_layer_call (hello, X)
%!error <must be samples x units = 1 x 3> rnn_layer_call (hello, X, "InitialState", zeros (2, 3))
%!error <unknown option> rnn_layer_call (hello, X, "ReturnSequence", true)
%!error <LAYER must be a layer from rnn_layer> rnn_layer_call (rmfield (hello, "cell"), X)
%!error <LAYER is not intact> rnn_layer_call (setfield (hello, "units", 5), X)
%!error <LAYER is not intact> rnn_layer_call (setfield (hello, "cell", {"a", "b"}), X)
%!error <LAYER is not intact> rnn_layer_call (setfield (hello, "cell", ["ls"; "tm"]), X)
%!test
%! assert (rnn_layer_call (hello, X, "ReturnSequences", sparse (1), "InitialState", sparse (zeros (1, 3))), ...
%!         rnn_layer_call (hello, X, "ReturnSequences", true));
