## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {} rnn_summary (@var{x})
## @deftypefnx {} {@var{s} =} rnn_summary (@var{x})
## A short summary of an rnnkit result, as R's print methods show it: a
## model (from @code{rnn_fit} or @code{rnn_load}), windows (from
## @code{rnn_windows}), a forecast (from @code{rnn_forecast}),
## predictions in original units (from @code{rnn_predict} with
## @code{"Units", "original"}), an accuracy table with its baselines and
## whether the model beats the best of them (from @code{rnn_accuracy}) or
## text data (from @code{rnn_text_data}).
##
## These functions return an @code{rnnkit_object}, and typing its name
## shows this summary; @var{x} may also be the plain struct such an
## object wraps (@code{struct (x)}).  Without an output the summary is
## printed; with one, @var{s} is its text.
##
## @example
## w = rnn_windows (rnn_example_data ("air"), "Window", 12, "Test", 12);
## rnn_summary (w)
## @end example
## @seealso{rnn_fit, rnn_windows, rnn_forecast, rnn_predict, rnn_accuracy}
## @end deftypefn

function s = rnn_summary (x)
  check_nargin ("rnn_summary", nargin, 1, 1, "rnn_summary (x)");
  [x, kind] = plain (x);
  if (isempty (kind))
    kind = kind_of (x);
  endif
  switch (kind)
    case "model"
      check_model (x, "rnn_summary");
      txt = model_text (x);
    case "windows"
      txt = windows_text (check_windows (x, "X", true));
    case "forecast"
      txt = forecast_text (x);
    case "predictions"
      txt = prediction_text (x);
    case "accuracy"
      txt = accuracy_text (x);
    case "textdata"
      txt = textdata_text (x);
  endswitch
  if (nargout > 0)
    s = txt;
  else
    printf ("%s", txt);
  endif
endfunction

## a plain struct's kind, from its fields
function kind = kind_of (x)
  what = ["an rnnkit model, windows, a forecast, predictions, an accuracy table " ...
          "or text data"];
  if (! isstruct (x) || (! isscalar (x) && ! isvector (x)))
    error ("rnnkit:input", "rnn_summary: X must be %s, not %s", what, describe (x));
  endif
  kinds = {"model", {"config", "params"};
           "windows", {"x", "index", "meta", "scaler", "data"};
           "forecast", {"mean", "naive_mae", "series", "dates"};
           "predictions", {"date", "actual", "predicted", "naive", "set", "outputs"};
           "accuracy", {"model", "RMSE", "MAE", "MAPE", "MASE", "DA", "n"};
           "textdata", {"x", "y", "tokenizer", "seq_len", "batch_size", "n_tokens"}};
  for k = 1:rows (kinds)
    if (all (isfield (x, kinds{k, 2})) && (isscalar (x) || strcmp (kinds{k, 1}, "accuracy") ...
                                           || (strcmp (kinds{k, 1}, "forecast") && ! isempty (panel_key (x)))))
      kind = kinds{k, 1};
      return;
    endif
  endfor
  if (! isscalar (x))
    error ("rnnkit:input", "rnn_summary: X must be %s, not %s", what, describe (x));
  endif
  error ("rnnkit:input", "rnn_summary: X must be %s; a struct with fields %s is none of them", ...
         what, strjoin (fieldnames (x)', ", "));
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
  if (isfield (c, "precision") && isequal (c.precision, 1))  # issue 19
    s = [s "  computed in single precision (float32)\n"];
  endif
  if (isfield (m, "prep") && isstruct (m.prep) && isfield (m.prep, "meta"))
    mt = m.prep.meta;
    s = [s sprintf("  fit on windows of %s -> %s, window %d, horizon %d\n", ...
                   strjoin (cellstr (mt.features), ", "), strjoin (cellstr (mt.target), ", "), ...
                   mt.window, mt.horizon)];
    if (isfield (mt, "transform") && ! isequal (mt.transform, "none"))
      s = [s sprintf("  target transform: %s\n", transform_text (mt))];
    endif
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
  sched = "";
  if (isfield (t, "lr_schedule") && ! strcmp (t.lr_schedule, "none"))
    sched = sprintf (" %s x%g every %s", t.lr_schedule, t.lr_drop_factor, ...
                     plural (t.lr_drop_period, "epoch"));
  endif
  s = [s sprintf("  trained %s (%s, lr %g%s, batch %d, loss %s)%s\n", plural (n, "epoch"), ...
                 t.optimizer, t.lr, sched, t.batch_size, m.loss, extra)];
  s = [s sprintf("  final loss %.5g", h.loss(end))];
  if (isfield (h, "val_loss") && ! isnan (h.val_loss(end)))
    s = [s sprintf(", val_loss %.5g", h.val_loss(end))];
  endif
  s = [s "\n"];
endfunction

function s = windows_text (w)
  if (isstruct (w.x))  # issue 16: compact windows
    d = compact_windows ("dims", w.x);
  else
    d = size (w.x);
    d(end+1:3) = 1;
  endif
  m = w.meta;
  s = sprintf ("rnnkit windows: %d windows x %d timesteps x %d feature(s) (%s) -> %s, horizon %d\n", ...
               d(1), d(2), d(3), strjoin (cellstr (m.features), ", "), ...
               strjoin (cellstr (m.target), ", "), m.horizon);
  if (isfield (m, "keys"))  # issue 16: panel windows
    k = cellstr (m.keys);
    s = [s sprintf("  %d series (key %s: %s%s)\n", numel (k), m.key, ...
                   strjoin (k(1:min (5, end)), ", "), merge (numel (k) > 5, ", ...", ""))];
  endif
  if (isstruct (w.x))
    s = [s compact_windows("label", w.x)];
  endif
  idx = [];
  if (isfield (w.data, "index"))
    idx = w.data.index;
  endif
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
  if (isfield (m, "transform") && ! isequal (m.transform, "none"))
    s = [s sprintf("  target transform: %s (undone in predictions and forecasts)\n", ...
                   transform_text (m))];
  endif
  sc = w.scaler;
  s = [s sprintf("  scaling: %s", sc.method)];
  if (isfield (m, "keys") && ! strcmp (sc.method, "none"))
    s = [s ", each series' own, fitted on its training rows"];
  elseif (! strcmp (sc.method, "none"))
    s = [s sprintf(", fitted on the first %d rows", sc.n_rows)];
  endif
  s = [s "\n"];
endfunction

function s = forecast_text (fc)
  if (numel (fc) > 1)  # issue 16: a panel's forecasts, the first keys shown
    s = sprintf ("Forecasts of %d series by %s, %s (fc(i) is key i's)\n", numel (fc), ...
                 fc(1).method, plural (numel (fc(1).mean), "step"));
    for i = 1:min (3, numel (fc))
      s = [s forecast_text(fc(i))];
    endfor
    if (numel (fc) > 3)
      s = [s sprintf("... (%d keys in all)\n", numel (fc))];
    endif
    return;
  endif
  h = numel (fc.mean);
  s = sprintf ("Forecast of %s by %s, %s", fc.series, fc.method, plural (h, "step"));
  kn = panel_key (fc);  # issue 16: one key's forecast, "Name air: ..."
  if (! isempty (kn))
    s = [kn " " fc.(kn) ": " s];
  endif
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
  kn = panel_key (p);  # issue 16: a panel's predictions, per key
  ky = ! isempty (kn);
  if (ky)
    s = [s sprintf(" of %d series", numel (unique (p.(kn))))];
  endif
  s = [s "\n" merge(ky, sprintf("  %-12s", kn), "") ...
       sprintf("  %-10s %12s %12s %12s  %s\n", "date", "actual", "predicted", "naive", "set")];
  show = unique ([1:min(3, n), max(1, n - 2):n]);
  for i = 1:numel (show)
    r = show(i);
    if (i > 1 && r > show(i - 1) + 1)
      s = [s "  ...\n"];
    endif
    if (ky)
      s = [s sprintf("  %-12s", p.(kn){r})];
    endif
    s = [s sprintf("  %-10s %12.6g %12.6g %12.6g  %s\n", date_text (p.date(r)), ...
                   p.actual(r, 1), p.predicted(r, 1), p.naive(r, 1), p.set{r})];
  endfor
  if (numel (p.outputs) > 1)
    s = [s sprintf("  (the first output shown; %d in all)\n", numel (p.outputs))];
  endif
endfunction

## the table and the baseline the model must beat: the best baseline by
## RMSE (R's print.rnnkit_accuracy says the same)
function s = accuracy_text (T)
  multi = isfield (T, "target");
  kn = panel_key (T);  # issue 16: per key, sMAPE, pooled rows
  panel = ! isempty (kn);
  s = sprintf ("  %s%-16s%s %12s %12s %12s%s %10s %8s %6s\n", ...
               merge (panel, sprintf ("%-12s", kn), ""), "model", ...
               merge (multi, "  target      ", ""), "RMSE", "MAE", "MAPE", ...
               merge (panel, sprintf (" %10s", "sMAPE"), ""), "MASE", "DA %", "n");
  for i = 1:numel (T)
    tg = "";
    if (multi)
      tg = sprintf ("  %-12s", T(i).target);
    endif
    sm = "";
    if (panel)
      s = [s sprintf("  %-12s", T(i).(kn))];
      sm = sprintf (" %10.4g", T(i).sMAPE);
    else
      s = [s "  "];
    endif
    s = [s sprintf("%-16s%s %12.4g %12.4g %12.4g%s %10.4g %8.4g %6d\n", T(i).model, tg, ...
                   T(i).RMSE, T(i).MAE, T(i).MAPE, sm, T(i).MASE, T(i).DA, T(i).n)];
  endfor
  s = [s "naive = the last observed value; snaive = the value one season back; " ...
       "drift = the last value plus the mean training change per step; MAPE in %; " ...
       "MASE < 1 beats the in-sample (seasonal) naive forecast; DA % = the share of " ...
       "up/down moves from the last value called right.\n"];
  crit = "RMSE";
  rowsel = true (1, numel (T));
  over = "";
  if (panel)
    ## the best pooled row by the scale-free MASE, as R's print
    crit = "MASE";
    rowsel = strcmp ({T.(kn)}, "(pooled)");
    over = " over the panel";
    s = [s sprintf("(pooled) = the mean over the %d series of the scale-free sMAPE and MASE.\n", ...
                   numel (unique ({T(! rowsel).(kn)})))];
  endif
  if (multi)
    tg = {T.target};
  else
    tg = repmat ({""}, 1, numel (T));
  endif
  base = {"naive", "snaive", "drift"};
  for t = unique (tg(rowsel), "stable")
    k = find (strcmp (tg, t{1}) & rowsel);
    m = k(! ismember ({T(k).model}, base));
    b = k(ismember ({T(k).model}, base));
    if (isempty (m) || isempty (b))
      continue;
    endif
    cb = [T(b).(crit)];
    if (all (isnan (cb)))
      continue;
    endif
    [~, i] = min (cb);
    b = b(i);
    on = merge (multi, [" on " t{1}], "");
    s = [s sprintf("The baseline to beat%s%s is %s (%s %.4g); the model %s it (%s %.4g).\n", ...
                   over, on, T(b).model, crit, T(b).(crit), ...
                   merge (T(m).(crit) < T(b).(crit), "beats", "does NOT beat"), crit, T(m).(crit))];
  endfor
endfunction

## R's print.rnnkit_text_data
function s = textdata_text (d)
  s = sprintf (["rnnkit text data: %d training and %d validation tokens; vocabulary %d " ...
                "(+ padding 0)\n  %d training chunks of %d steps in %d streams"], ...
               d.n_tokens.train, d.n_tokens.validation, d.n_vocab - 1, rows (d.x), ...
               d.seq_len, d.batch_size);
  if (! isempty (d.x_val))
    s = [s sprintf(", %d validation chunks", rows (d.x_val))];
  endif
  s = [s "\n"];
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
## typing a name shows the summary, every kind in a few lines (issue 18:
## a model printed 6,920 lines, windows about 44,000)
%!test
%! out = evalc ("w");
%! assert (out, ["w =\n\n" rnn_summary(w) "\n"]);
%! out = evalc ("m");
%! assert (strfind (out, "m =\n\nrnnkit model: LSTM(3) -> Dense(1, linear)\n")(1), 1);
%! assert (numel (strfind (out, "\n")) <= 9);
%! assert (evalc ("disp (m)"), rnn_summary (m));
%! fc = rnn_forecast (m, 3, "Seed", 1);
%! out = evalc ("fc");
%! assert (strfind (out, "fc =\n\nForecast of Passengers by LSTM(3)")(1), 1);
%! assert (numel (strfind (out, "\n")), 8);
%! p = rnn_predict (m, w, "Units", "original");
%! out = evalc ("p");
%! assert (strfind (out, "p =\n\nPredictions of Passengers in original units: 132 windows")(1), 1);
%! assert (numel (strfind (out, "\n")), 12);
%!test
%! acc = rnn_accuracy (m, w);
%! out = strsplit (evalc ("acc"), "\n", "CollapseDelimiters", false);
%! assert (out(1:3), {"acc =", "", sprintf("  %-16s %12s %12s %12s %10s %8s %6s", ...
%!                    "model", "RMSE", "MAE", "MAPE", "MASE", "DA %", "n")});
%! assert (cellfun (@strtok, out(4:7), "UniformOutput", false), {"LSTM(3)", "naive", "snaive", "drift"});
%! assert (regexp (out{9}, '^The baseline to beat is (naive|snaive|drift) \(RMSE [0-9.]+\); the model (beats|does NOT beat) it \(RMSE [0-9.]+\)\.$'), 1);
%! assert (numel (out), 11);
%! ## the same text as rnn_accuracy without an output
%! assert (strjoin (out(3:end-1), "\n"), evalc ("rnn_accuracy (m, w)"));
%!test
%! d = rnn_text_data (repmat ("the cat sat on the mat. ", 1, 20), "SeqLen", 8, ...
%!                    "BatchSize", 2, "Validation", 0.2);
%! ## R's print of the same text data says the same numbers
%! assert (evalc ("d"), ["d =\n\nrnnkit text data: 384 training and 96 validation tokens; " ...
%!                      "vocabulary 11 (+ padding 0)\n  46 training chunks of 8 steps in 2 " ...
%!                      "streams, 10 validation chunks\n\n"]);
%!error <X must be an rnnkit model, windows> rnn_summary (1)
%!error <a struct with fields a is none of them> rnn_summary (struct ("a", 1))
%!error <rnn_summary takes 1 argument\(s\), not 0> rnn_summary ()

## issue 19: a model that computes in single precision says so
%!test
%! x = reshape (sin ((1:240) / 7), 40, 6);
%! y = x(:, end) * 0.5;
%! ms = rnn_fit (x, y, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false, "Precision", "single");
%! md = rnn_fit (x, y, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%! assert (! isempty (strfind (rnn_summary (ms), "computed in single precision (float32)")));
%! assert (isempty (strfind (rnn_summary (md), "precision")));
