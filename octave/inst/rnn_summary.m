## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {} rnn_summary (@var{x})
## @deftypefnx {} {@var{s} =} rnn_summary (@var{x})
## A short summary of an rnnkit result, as R's print methods show it,
## where typing the variable's name prints every number it holds: a
## model (from @code{rnn_fit} or @code{rnn_load}), windows (from
## @code{rnn_windows}), a forecast (from @code{rnn_forecast}) or
## predictions in original units (from @code{rnn_predict} with
## @code{"Units", "original"}).  Accuracy tables print themselves:
## call @code{rnn_accuracy} without an output.
##
## Without an output the summary is printed; with one, @var{s} is its
## text.  The objects stay plain structs, so @code{save}, @code{load} and
## the model file work as before.
##
## @example
## w = rnn_windows (rnn_example_data ("air"), "Window", 12, "Test", 12);
## rnn_summary (w)
## @end example
## @seealso{rnn_fit, rnn_windows, rnn_forecast, rnn_predict, rnn_accuracy}
## @end deftypefn

function s = rnn_summary (x)
  check_nargin ("rnn_summary", nargin, 1, 1, "rnn_summary (x)");
  if (! (isstruct (x) && isscalar (x)))
    error ("rnnkit:input", ["rnn_summary: X must be an rnnkit model, windows, a " ...
           "forecast or predictions, not %s"], describe (x));
  endif
  if (all (isfield (x, {"config", "params"})))
    check_model (x, "rnn_summary");
    txt = model_text (x);
  elseif (all (isfield (x, {"x", "index", "meta", "scaler", "data"})))
    txt = windows_text (check_windows (x, "X", true));
  elseif (all (isfield (x, {"mean", "naive_mae", "series", "dates"})))
    txt = forecast_text (x);
  elseif (all (isfield (x, {"date", "actual", "predicted", "naive", "set", "outputs"})))
    txt = prediction_text (x);
  else
    error ("rnnkit:input", ["rnn_summary: X must be an rnnkit model, windows, a " ...
           "forecast or predictions; a struct with fields %s is none of them"], ...
           strjoin (fieldnames (x)', ", "));
  endif
  if (nargout > 0)
    s = txt;
  else
    printf ("%s", txt);
  endif
endfunction

function s = date_text (d)
  if (isnan (d))
    s = "NA";
  elseif (d > 100000)  # a datenum
    s = datestr (d, "yyyy-mm-dd");
  else                 # a row number
    s = sprintf ("row %d", d);
  endif
endfunction

function s = plural (n, word)
  s = sprintf ("%d %s%s", n, word, merge (n == 1, "", "s"));
endfunction

function s = model_text (m)
  c = m.config;
  s = sprintf ("rnnkit model: %s%s -> Dense(%d, %s)%s\n", layer_label (c), ...
               ensemble_label (m), c.n_out, c.output_activation, ...
               merge (logical (c.seq_out), " on every step", ""));
  if (isfield (m, "n_time") && isnumeric (m.n_time) && isscalar (m.n_time) ...
      && ! isnan (m.n_time) && m.n_time > 0)
    steps = sprintf ("%d timesteps", m.n_time);
  else
    steps = "any number of timesteps";
  endif
  if (isfield (c, "n_vocab") && c.n_vocab > 0)
    inp = sprintf ("%s of tokens 0..%d (0 = padding)", steps, c.n_vocab - 1);
  else
    inp = sprintf ("%s x %s", steps, plural (c.n_in, "feature"));
  endif
  s = [s sprintf("  inputs: %s; %d parameters\n", inp, numel (m.params))];
  if (isfield (m, "prep") && isstruct (m.prep) && isfield (m.prep, "meta"))
    mt = m.prep.meta;
    s = [s sprintf("  fit on windows of %s -> %s, window %d, horizon %d\n", ...
                   strjoin (cellstr (mt.features), ", "), strjoin (cellstr (mt.target), ", "), ...
                   mt.window, mt.horizon)];
  endif
  h = m.history;
  if (! isstruct (h) || ! isfield (h, "loss") || isempty (h.loss))
    s = [s "  not trained\n"];
    return;
  endif
  n = numel (h.loss);
  t = m.training;
  st = m.status;
  extra = "";
  if (isfield (st, "stopped_early") && st.stopped_early)
    extra = sprintf ("; stopped early, best epoch %d", st.best_epoch);
  endif
  if (isfield (st, "interrupted") && st.interrupted)
    extra = [extra "; interrupted"];
  endif
  s = [s sprintf("  trained %s (%s, lr %g, batch %d, loss %s)%s\n", plural (n, "epoch"), ...
                 t.optimizer, t.lr, t.batch_size, m.loss, extra)];
  s = [s sprintf("  final loss %.5g", h.loss(end))];
  if (isfield (h, "val_loss") && ! isnan (h.val_loss(end)))
    s = [s sprintf(", val_loss %.5g", h.val_loss(end))];
  endif
  s = [s "\n"];
endfunction

function s = windows_text (w)
  d = size (w.x);
  d(end+1:3) = 1;
  m = w.meta;
  s = sprintf ("rnnkit windows: %d windows x %d timesteps x %d feature(s) (%s) -> %s, horizon %d\n", ...
               d(1), d(2), d(3), strjoin (cellstr (m.features), ", "), ...
               strjoin (cellstr (m.target), ", "), m.horizon);
  idx = w.data.index;
  for set = {"train", "test", "gap"}
    k = find (strcmp (w.index.set, set{1}));
    if (isempty (k) && ! strcmp (set{1}, "train"))
      continue;
    endif
    span = "";
    if (! isempty (k) && ! isempty (idx))
      rows = w.index.target_row(k);
      span = sprintf (" (targets %s to %s)", date_text (idx(min (rows))), ...
                      date_text (idx(max (rows))));
    endif
    label = struct ("train", "training windows:", "test", "test windows:    ", ...
                    "gap", "gap windows:     ").(set{1});
    s = [s sprintf("  %s %d%s\n", label, numel (k), span)];
  endfor
  if (isfield (m, "transform") && ! strcmp (m.transform, "none"))
    s = [s sprintf("  target transform: %s (undone in predictions and forecasts)\n", ...
                   m.transform)];
  endif
  sc = w.scaler;
  s = [s sprintf("  scaling: %s", sc.method)];
  if (! strcmp (sc.method, "none"))
    s = [s sprintf(", fitted on the first %d rows", sc.n_rows)];
  endif
  s = [s "\n"];
endfunction

function s = forecast_text (fc)
  h = numel (fc.mean);
  s = sprintf ("Forecast of %s by %s, %s", fc.series, fc.method, plural (h, "step"));
  if (! isempty (fc.level))
    s = [s sprintf("; intervals from %d simulated paths", fc.npaths)];
  endif
  s = [s "\n" sprintf("  %-10s %12s", "Date", "Point")];
  for k = 1:numel (fc.level)
    s = [s sprintf(" %12s %12s", sprintf ("Lo %g", fc.level(k)), sprintf ("Hi %g", fc.level(k)))];
  endfor
  s = [s "\n"];
  for i = 1:h
    s = [s sprintf("  %-10s %12.6g", date_text (fc.dates(i)), fc.mean(i))];
    for k = 1:numel (fc.level)
      s = [s sprintf(" %12.6g %12.6g", fc.lower(i, k), fc.upper(i, k))];
    endfor
    s = [s "\n"];
  endfor
endfunction

function s = prediction_text (p)
  n = numel (p.date);
  s = sprintf ("Predictions of %s in original units: %s", strjoin (p.outputs, ", "), ...
               plural (n, "window"));
  sets = {};
  for set = {"train", "gap", "test"}
    k = sum (strcmp (p.set, set{1}));
    if (k > 0)
      sets{end+1} = sprintf ("%d %s", k, set{1});
    endif
  endfor
  if (! isempty (sets))
    s = [s " (" strjoin(sets, ", ") ")"];
  endif
  s = [s "\n" sprintf("  %-10s %12s %12s %12s  %s\n", "date", "actual", "predicted", "naive", "set")];
  show = unique ([1:min(3, n), max(1, n - 2):n]);
  for i = 1:numel (show)
    r = show(i);
    if (i > 1 && r > show(i - 1) + 1)
      s = [s "  ...\n"];
    endif
    s = [s sprintf("  %-10s %12.6g %12.6g %12.6g  %s\n", date_text (p.date(r)), ...
                   p.actual(r, 1), p.predicted(r, 1), p.naive(r, 1), p.set{r})];
  endfor
  if (numel (p.outputs) > 1)
    s = [s sprintf("  (the first output shown; %d in all)\n", numel (p.outputs))];
  endif
endfunction

%!shared w, m
%! px = rnn_example_data ("air");
%! w = rnn_windows (px, "Window", 12, "Test", 12);
%! m = rnn_fit (w, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);

%!test
%! s = rnn_summary (w);
%! assert (strsplit (s, "\n")(1:4), ...
%!   {"rnnkit windows: 132 windows x 12 timesteps x 1 feature(s) (Passengers) -> Passengers, horizon 1", ...
%!    "  training windows: 120 (targets 1950-01-01 to 1959-12-01)", ...
%!    "  test windows:     12 (targets 1960-01-01 to 1960-12-01)", ...
%!    "  scaling: minmax, fitted on the first 132 rows"});
%!test
%! s = rnn_summary (m);
%! assert (! isempty (strfind (s, "rnnkit model: LSTM(3) -> Dense(1, linear)")));
%! assert (! isempty (strfind (s, "inputs: 12 timesteps x 1 feature; ")));
%! assert (! isempty (strfind (s, "trained 2 epochs (adam")));
%! assert (numel (strfind (s, "\n")) <= 6);
%! ## a model saved and loaded summarizes the same
%! f = [tempname() ".rnnk"];
%! rnn_save (m, f);
%! assert (rnn_summary (rnn_load (f)), s);
%! delete (f);
%!test
%! fc = rnn_forecast (m, 3, "Seed", 1);
%! s = rnn_summary (fc);
%! assert (strncmp (s, "Forecast of Passengers by LSTM(3)", 33));
%! assert (! isempty (strfind (s, ", 3 steps; intervals from 1000 simulated paths")));
%! assert (! isempty (strfind (s, "1961-01-01")));
%! assert (numel (strfind (s, "\n")), 5);
%!test
%! p = rnn_predict (m, w, "Units", "original");
%! s = rnn_summary (p);
%! assert (strncmp (s, "Predictions of Passengers in original units: 132 windows (120 train, 12 test)", 77));
%! assert (numel (strfind (s, "\n")), 9);
%! out = evalc ("rnn_summary (p)");
%! assert (out, s);
%!error <X must be an rnnkit model, windows> rnn_summary (1)
%!error <a struct with fields a is none of them> rnn_summary (struct ("a", 1))
%!error <rnn_summary takes 1 argument\(s\), not 0> rnn_summary ()
