## Cross-host test of ensembles (issue 15), Octave side: the same data,
## options and seeds as ensemble.R give the same members, mean predictions,
## forecasts (paths draw members and residuals in the core) and accuracy,
## exactly; R's model files forecast the same here.
function ensemble (dir, root)
  fid = fopen (fullfile (root, "inst", "extdata", "djia.csv"));
  fgetl (fid);
  c = textscan (fid, "%s %s %s %s %s %s", "Delimiter", ",");
  fclose (fid);
  d = struct ("Date", datenum (c{1}(1:400), "yyyy-mm-dd"), ...
              "Close", str2double (c{5}(1:400)));
  w = rnn_windows (d, "Target", "Close", "Features", {"Close"}, "Window", 20, "Test", 50);
  fit = rnn_fit (w, "Cell", "lstm", "Units", 4, "Epochs", 2, "Seed", 3, ...
                 "Ensemble", 3, "Verbose", false);
  fc = rnn_forecast (fit, 5, "NPaths", 100, "Seed", 1);
  wd = rnn_windows (d, "Target", "Close", "Features", {"Close"}, "Window", 20, ...
                    "Horizon", 3, "Test", 50);
  fd = rnn_fit (wd, "Cell", "gru", "Units", 3, "Epochs", 2, "Seed", 5, ...
                "Ensemble", 2, "Verbose", false);
  fcd = rnn_forecast (fd, 3, "NPaths", 100, "Seed", 2);
  T = rnn_accuracy (fit);
  acc = [[T.RMSE]', [T.MAE]', [T.MAPE]', [T.MASE]', [T.n]'];
  pred = rnn_predict (fit, w.x);
  checks = {"params", fit.params; "seeds", fit.ensemble.seeds; ...
            "pred", pred; "mean", fc.mean; "lower", fc.lower; ...
            "upper", fc.upper; "paths", fc.paths; "acc", acc; ...
            "d_params", fd.params; "d_mean", fcd.mean; "d_paths", fcd.paths};
  ok = true;
  for k = 1:rows (checks)
    r = get (dir, checks{k, 1});
    o = checks{k, 2}(:);
    if (numel (r) != numel (o))
      printf ("ensemble %-9s: R has %d values, Octave %d\n", checks{k, 1}, numel (r), numel (o));
      ok = false;
      continue;
    endif
    df = max (abs (r - o));
    printf ("ensemble %-9s: %5d values, largest difference %g\n", checks{k, 1}, numel (o), df);
    ok = ok && df == 0;
  endfor
  ## R's model files carry every member: they forecast the same here
  rm = rnn_load (fullfile (dir, "ens_r_model.rnnk"));
  fr = rnn_forecast (rm, 5, "NPaths", 100, "Seed", 1);
  rd = rnn_load (fullfile (dir, "ens_r_direct.rnnk"));
  frd = rnn_forecast (rd, 3, "NPaths", 100, "Seed", 2);
  dr = max (abs ([fr.mean; fr.lower(:); fr.upper(:); fr.paths(:); frd.mean; frd.paths(:)] ...
                 - [fc.mean; fc.lower(:); fc.upper(:); fc.paths(:); fcd.mean; fcd.paths(:)]));
  dp = max (abs (rnn_predict (rm, w.x)(:) - get (dir, "pred")));
  printf ("R's ensemble file in Octave: %d members, forecast differs by %g, predictions by %g\n", ...
          columns (rm.params), dr, dp);
  ok = ok && dr == 0 && dp == 0 && columns (rm.params) == 3;
  rnn_save (fit, fullfile (dir, "ens_o_model.rnnk"));
  if (! ok)
    error ("cross-host: the ensemble differs between R and Octave");
  endif
endfunction

function v = get (dir, name)
  fid = fopen (fullfile (dir, ["ens_" name ".bin"]), "rb");
  v = fread (fid, Inf, "double", 0, "ieee-le");
  fclose (fid);
endfunction
