## Cross-host test of covariates (issue 15), Octave side: the same data,
## options and seeds as covariates.R give the same calendar windows,
## weights, recursive forecasts with calendar features and with an
## exogenous column (paths included) and accuracy, exactly; R's model files
## forecast the same here.
function covariates (dir, root)
  air = rnn_example_data ("air");
  w = rnn_windows (air, "Window", 12, "Test", 24, "Calendar", "auto");
  fit = rnn_fit (w, "Cell", "lstm", "Units", 4, "Epochs", 3, "Seed", 3, "Verbose", false);
  fc = rnn_forecast (fit, 15, "NPaths", 100, "Seed", 1);
  we = rnn_windows (air, "Window", 12, "Calendar", {"month", "quarter"}, "Transform", "sdiff");
  fe = rnn_fit (we, "Cell", "gru", "Units", 3, "Epochs", 2, "Seed", 4, "Ensemble", 2, ...
                "Verbose", false);
  fce = rnn_forecast (fe, 13, "NPaths", 60, "Seed", 2);
  ax = air;
  ax.x = get (dir, "x");
  wx = rnn_windows (ax, "Target", "Passengers", "Features", {"Passengers", "x"}, ...
                    "Window", 12, "Calendar", {"month"});
  fx = rnn_fit (wx, "Units", 3, "Epochs", 2, "Seed", 5, "Verbose", false);
  fcx = rnn_forecast (fx, 4, "NPaths", 50, "Seed", 3, "Future", struct ("x", get (dir, "xf")));
  T = rnn_accuracy (fit);
  acc = [[T.RMSE]', [T.MAE]', [T.MAPE]', [T.MASE]', [T.n]'];
  checks = {"wx", w.x; "params", fit.params; "mean", fc.mean; "lower", fc.lower; ...
            "upper", fc.upper; "paths", fc.paths; "acc", acc; ...
            "e_params", fe.params; "e_mean", fce.mean; "e_paths", fce.paths; ...
            "x_params", fx.params; "x_mean", fcx.mean; "x_paths", fcx.paths};
  ok = true;
  for k = 1:rows (checks)
    r = get (dir, checks{k, 1});
    o = checks{k, 2}(:);
    if (numel (r) != numel (o))
      printf ("covariates %-9s: R has %d values, Octave %d\n", checks{k, 1}, numel (r), numel (o));
      ok = false;
      continue;
    endif
    df = max (abs (r - o));
    printf ("covariates %-9s: %5d values, largest difference %g\n", checks{k, 1}, numel (o), df);
    ok = ok && df == 0;
  endfor
  ## R's model files carry the calendar: they forecast the same here
  rm = rnn_load (fullfile (dir, "cov_r_model.rnnk"));
  fr = rnn_forecast (rm, 15, "NPaths", 100, "Seed", 1);
  rx = rnn_load (fullfile (dir, "cov_r_exo.rnnk"));
  frx = rnn_forecast (rx, 4, "NPaths", 50, "Seed", 3, "Future", struct ("x", get (dir, "xf")));
  dr = max (abs ([fr.mean; fr.paths(:); frx.mean; frx.paths(:)] ...
                 - [fc.mean; fc.paths(:); fcx.mean; fcx.paths(:)]));
  printf ("R's covariate model files in Octave: calendar %s, forecasts differ by %g\n", ...
          strjoin (cellstr (rm.prep.meta.calendar), ","), dr);
  ok = ok && dr == 0;
  rnn_save (fit, fullfile (dir, "cov_o_model.rnnk"));
  if (! ok)
    error ("cross-host: covariates differ between R and Octave");
  endif
endfunction

function v = get (dir, name)
  fid = fopen (fullfile (dir, ["cov_" name ".bin"]), "rb");
  v = fread (fid, Inf, "double", 0, "ieee-le");
  fclose (fid);
endfunction
