## Cross-host test of the time-series workflow, Octave side: the same data
## and options as forecast.R; windows, weights, forecast (mean, 80/95%
## bounds, paths, dates) and the accuracy table must equal R's exactly (the
## core computes them for both hosts), and R's saved model must forecast
## the same numbers here.
function forecast (dir, root)
  fid = fopen (fullfile (root, "inst", "extdata", "djia.csv"));
  fgetl (fid);
  ## read as text and convert with str2double, which rounds like R's
  ## read.csv; textscan's %f is off by an ulp on about a third of the rows
  c = textscan (fid, "%s %s %s %s %s %s", "Delimiter", ",");
  fclose (fid);
  d = struct ("Date", datenum (c{1}(1:400), "yyyy-mm-dd"), ...
              "Close", str2double (c{5}(1:400)));
  w = rnn_windows (d, "Target", "Close", "Features", {"Close"}, "Window", 20, "Test", 50);
  fit = rnn_fit (w, "Cell", "lstm", "Units", 8, "Epochs", 3, "Seed", 1, "Verbose", false);
  fc = rnn_forecast (fit, 5, "NPaths", 200, "Seed", 1);
  T = rnn_accuracy (fit);
  acc = [[T.RMSE]', [T.MAE]', [T.MAPE]', [T.MASE]', [T.n]'];
  ## the series engine (issue 14): plans and accuracy tables, exactly
  code = @(set) cellfun (@(s) find (strcmp (s, {"train", "gap", "test"})), set);
  plan = [w.index.start; w.index.target_row; code(w.index.set); w.data.split_row; ...
          w.scaler.n_rows; w.scaler.center(:); w.scaler.scale(:); w.naive(:)];
  d2 = struct ("Date", datenum (c{1}(1:300), "yyyy-mm-dd"), "Open", str2double (c{2}(1:300)), ...
               "Close", str2double (c{5}(1:300)));
  w2 = rnn_windows (d2, "Target", {"Open", "Close"}, "Features", {"Open", "Close"}, ...
                    "Window", 10, "Horizon", 3, "Stride", 2, "Test", 20, "Scale", "zscore");
  fit2 = rnn_fit (w2, "Cell", "gru", "Units", 4, "Epochs", 2, "Seed", 1, "Verbose", false);
  T2 = rnn_accuracy (fit2);
  plan2 = [w2.x(:); w2.y(:); w2.index.start; code(w2.index.set); w2.data.split_row; ...
           w2.scaler.n_rows; w2.scaler.center(:); w2.scaler.scale(:); w2.naive(:)];
  acc2 = [[T2.RMSE]', [T2.MAE]', [T2.MAPE]', [T2.MASE]', [T2.n]'];
  ok = true;
  checks = {"x", w.x, 0; "y", w.y, 0; "params", fit.params, 0; ...
            "residuals", fit.residuals, 1e-12; "mean", fc.mean, 0; ...
            "lower", fc.lower, 0; "upper", fc.upper, 0; "paths", fc.paths, 0; ...
            "dates", fc.dates, 0; "acc", acc, 0; "plan", plan, 0; ...
            "plan2", plan2, 0; "params2", fit2.params, 0; "acc2", acc2, 0};
  ## issue 14: a direct model of two targets on month-end dates (see
  ## forecast.R): slicing, unscaling, quantiles, calendar and matching
  ## actuals by month, all from the core
  k = (0:59)';
  mo = struct ("Date", datenum (2015, 2:61, 1)' - 1, "a", 100 + mod (k, 7) * 1.5, ...
               "b", 50 - mod (k, 5) * 2.25);
  wm = rnn_windows (mo, "Target", {"a", "b"}, "Features", {"a", "b"}, "Window", 6, ...
                    "Horizon", 3);
  fm = rnn_fit (wm, "Cell", "gru", "Units", 3, "Epochs", 2, "Seed", 2, "Verbose", false);
  fcm = rnn_forecast (fm, 3, "NPaths", 60, "Seed", 4, "Level", [50 90], "Series", "b");
  am = rnn_accuracy (fcm, struct ("Date", datenum (2020, 1:3, 1)', "b", [49; 48; 47]));
  checks = [checks; {"mo_mean", fcm.mean, 0; "mo_lower", fcm.lower, 0; ...
            "mo_upper", fcm.upper, 0; "mo_paths", fcm.paths, 0; "mo_dates", fcm.dates, 0; ...
            "mo_acc", [[am.RMSE]', [am.MAE]', [am.MAPE]', [am.MASE]', [am.n]'], 0}];
  ## ---- issue 15: target transforms (see forecast.R) ----
  wt = rnn_windows (d, "Target", "Close", "Features", {"Close"}, "Window", 20, "Test", 50, ...
                    "Transform", "logdiff");
  ft = rnn_fit (wt, "Cell", "lstm", "Units", 4, "Epochs", 2, "Seed", 1, "Verbose", false);
  fct = rnn_forecast (ft, 5, "NPaths", 100, "Seed", 2);
  Tt = rnn_accuracy (ft);
  ws = rnn_windows (mo, "Target", "a", "Features", {"a"}, "Window", 6, "Horizon", 3, ...
                    "Test", 6, "Transform", "sdiff");
  fs = rnn_fit (ws, "Cell", "gru", "Units", 3, "Epochs", 2, "Seed", 3, "Verbose", false);
  Ts = rnn_accuracy (fs);
  fcs = rnn_forecast (fs, [], "NPaths", 50, "Seed", 5, "Level", 80);
  checks = [checks; {"tf_plan", [wt.x(:); wt.y(:); wt.index.start; code(wt.index.set); ...
                       wt.data.split_row; wt.scaler.n_rows; wt.scaler.center(:); ...
                       wt.scaler.scale(:); wt.naive(:)], 0; ...
            "tf_params", ft.params, 0; ...
            "tf_fc", [fct.mean; fct.lower(:); fct.upper(:); fct.paths(:)], 0; ...
            "tf_acc", [[Tt.RMSE]', [Tt.MAE]', [Tt.MAPE]', [Tt.MASE]', [Tt.n]'], 0; ...
            "sd_plan", [ws.x(:); ws.y(:); ws.index.start; ws.scaler.center(:); ...
                        ws.scaler.scale(:); ws.meta.period], 0; ...
            "sd_fc", fcs.mean, 0; ...
            "sd_acc", [[Ts.RMSE]', [Ts.MAE]', [Ts.MAPE]', [Ts.MASE]', [Ts.n]'], 0}];
  wb = rnn_windows (d, "Target", "Close", "Features", {"Close"}, "Window", 20, "Test", 50, ...
                    "Transform", "boxcox", "Lambda", 0.5);
  fb = rnn_fit (wb, "Cell", "gru", "Units", 3, "Epochs", 2, "Seed", 4, "Verbose", false);
  fcb = rnn_forecast (fb, 4, "NPaths", 60, "Seed", 6);
  Tb = rnn_accuracy (fb);
  checks = [checks; {"bc", [wb.x(:); wb.y(:); wb.scaler.center(:); wb.scaler.scale(:); ...
                      fcb.mean; fcb.lower(:); fcb.upper(:); [Tb.RMSE]'; [Tb.MAE]'; ...
                      [Tb.MAPE]'; [Tb.MASE]'; [Tb.n]'], 0}];
  ## R's model file carries the transform: the same forecast here
  rt = rnn_load (fullfile (dir, "ts_r_tf_model.rnnk"));
  frt = rnn_forecast (rt, 5, "NPaths", 100, "Seed", 2);
  checks = [checks; {"tf_fc", [frt.mean; frt.lower(:); frt.upper(:); frt.paths(:)], 0}];
  rnn_save (ft, fullfile (dir, "ts_o_tf_model.rnnk"));
  ## the baselines (issue 15, item 2; see forecast.R)
  wl = rnn_windows (mo, "Target", {"a", "b"}, "Features", {"a", "b"}, "Window", 6, ...
                    "Horizon", 2, "Test", 6);
  fl = rnn_fit (wl, "Cell", "gru", "Units", 3, "Epochs", 2, "Seed", 5, "Verbose", false);
  Tl = rnn_accuracy (fl);
  [~, mk] = ismember ({Tl.model}, {"naive", "snaive", "drift"});
  checks = [checks; {"bl_acc", [[Tl.RMSE]'; [Tl.MAE]'; [Tl.MAPE]'; [Tl.MASE]'; [Tl.n]'; ...
                                mk(:)], 0}];
  ## conformal intervals (issue 15, item 4; see forecast.R), also from R's
  ## model file
  conf = @(fc) [fc.mean; fc.lower(:); fc.upper(:); fc.n_calib(:)];
  cf = [conf(rnn_forecast (fit, 5, "Intervals", "conformal")); ...
        conf(rnn_forecast (ft, 5, "Level", [50 80 95], "Intervals", "conformal")); ...
        conf(rnn_forecast (fs, [], "Intervals", "conformal", "Level", [60 80]))];
  cfr = [conf(rnn_forecast (rnn_load (fullfile (dir, "ts_r_model.rnnk")), 5, ...
                            "Intervals", "conformal")); ...
         conf(rnn_forecast (rt, 5, "Level", [50 80 95], "Intervals", "conformal")); ...
         conf(rnn_forecast (fs, [], "Intervals", "conformal", "Level", [60 80]))];
  checks = [checks; {"cf", cf, 0; "cf", cfr, 0}];
  ## ---- end of issue 15 block ----
  for k = 1:rows (checks)
    r = get (dir, checks{k, 1});
    o = checks{k, 2}(:);
    if (numel (r) != numel (o))
      printf ("%-9s: R has %d values, Octave %d\n", checks{k, 1}, numel (r), numel (o));
      ok = false;
      continue;
    endif
    df = max (abs (r - o));
    printf ("%-9s: %5d values, largest difference %g\n", checks{k, 1}, numel (o), df);
    ok = ok && df <= checks{k, 3};
  endfor
  printf ("forecast (Octave):  %s\n", sprintf ("%.10f ", fc.mean));
  printf ("95%% lower:          %s\n", sprintf ("%.10f ", fc.lower(:, 2)));
  printf ("95%% upper:          %s\n", sprintf ("%.10f ", fc.upper(:, 2)));
  printf ("dates:              %s\n", strjoin (cellstr (datestr (fc.dates, "yyyy-mm-dd"))', " "));
  for k = 1:numel (T)
    printf ("accuracy %-8s RMSE %.12g MAE %.12g MAPE %.12g MASE %.12g n %d\n", ...
            T(k).model, T(k).RMSE, T(k).MAE, T(k).MAPE, T(k).MASE, T(k).n);
  endfor
  ## R's model file carries prep and residuals: it forecasts the same here
  rm = rnn_load (fullfile (dir, "ts_r_model.rnnk"));
  fr = rnn_forecast (rm, 5, "NPaths", 200, "Seed", 1);
  dr = max (abs ([fr.mean; fr.lower(:); fr.upper(:)] - [fc.mean; fc.lower(:); fc.upper(:)]));
  tr = rnn_accuracy (rm);
  da = max (abs ([[tr.RMSE], [tr.MAE], [tr.MAPE], [tr.MASE]] - [[T.RMSE], [T.MAE], [T.MAPE], [T.MASE]]));
  printf ("R's model file in Octave: forecast differs by %g, accuracy by %g\n", dr, da);
  ok = ok && dr == 0 && da == 0;
  rnn_save (fit, fullfile (dir, "ts_o_model.rnnk"));
  ## column numbers index the columns as given, the date and a text field
  ## counted: the same numbers select the same columns as in R
  px = struct ("Date", datenum (c{1}(1:60), "yyyy-mm-dd"), "Open", str2double (c{2}(1:60)), ...
               "Symbol", {repmat({"DJIA"}, 60, 1)});
  px.High = str2double (c{3}(1:60));
  px.Low = str2double (c{4}(1:60));
  px.Close = str2double (c{5}(1:60));
  px.Volume = str2double (c{6}(1:60));
  sel = {6, 2; 6, [2 4 6]; 7, 7; [4 6], [6 4]; 5, []};
  r_picked = strtrim (strsplit (fileread (fullfile (dir, "ts_columns.txt")), "\n"));
  for k = 1:rows (sel)
    w = rnn_windows (px, "Target", sel{k, 1}, "Features", sel{k, 2}, "Window", 5);
    o_picked = sprintf ("%s %s", strjoin (w.meta.target, ","), strjoin (w.meta.features, ","));
    printf ("columns by number %-14s R: %-24s Octave: %s\n", mat2str (sel{k, 1}), r_picked{k}, o_picked);
    ok = ok && strcmp (r_picked{k}, o_picked);
  endfor
  if (! ok)
    error ("cross-host: the time-series workflow differs between R and Octave");
  endif
endfunction

function v = get (dir, name)
  fid = fopen (fullfile (dir, ["ts_" name ".bin"]), "rb");
  v = fread (fid, Inf, "double", 0, "ieee-le");
  fclose (fid);
endfunction
