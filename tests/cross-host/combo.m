## Cross-host test of combined target transforms (issue 15), Octave side:
## the same data and options as combo.R; windows, weights, forecasts and
## accuracy tables must equal R's exactly, and R's model file must
## forecast the same here.
function combo (dir)
  air = rnn_example_data ("air");
  w1 = rnn_windows (air, "Target", "Passengers", "Features", {"Passengers"}, "Window", 12, ...
                    "Test", 24, "Transform", {"log", "sdiff"});
  f1 = rnn_fit (w1, "Cell", "lstm", "Units", 4, "Epochs", 3, "Seed", 1, "Verbose", false);
  fc1 = rnn_forecast (f1, 15, "NPaths", 50, "Seed", 2);
  w2 = rnn_windows (air, "Target", "Passengers", "Features", {"Passengers"}, "Window", 12, ...
                    "Horizon", 2, "Test", 12, "Transform", {"boxcox", "diff", "sdiff"}, ...
                    "Lambda", 0.3);
  f2 = rnn_fit (w2, "Cell", "gru", "Units", 3, "Epochs", 2, "Seed", 3, "Verbose", false);
  fc2 = rnn_forecast (f2, [], "NPaths", 40, "Seed", 4, "Level", 80);
  px = rnn_example_data ();
  px = struct ("Date", px.Date(1:400), "Close", px.Close(1:400));
  w3 = rnn_windows (px, "Target", "Close", "Features", {"Close"}, "Window", 20, "Test", 50, ...
                    "Transform", {"log", "diff"});
  f3 = rnn_fit (w3, "Cell", "lstm", "Units", 4, "Epochs", 2, "Seed", 1, "Verbose", false);
  fc3 = rnn_forecast (f3, 5, "NPaths", 30, "Seed", 2);
  rm = rnn_load (fullfile (dir, "cb_r_model.rnnk"));
  fr = rnn_forecast (rm, 15, "NPaths", 50, "Seed", 2);
  checks = {"ls_plan", [w1.x(:); w1.y(:); w1.index.start; w1.scaler.center(:); ...
                        w1.scaler.scale(:); w1.meta.period]; ...
            "ls_params", f1.params; ...
            "ls_fc", [fc1.mean; fc1.lower(:); fc1.upper(:); fc1.paths(:)]; ...
            "ls_acc", acc_cols(rnn_accuracy (f1)); ...
            "bc_plan", [w2.x(:); w2.y(:); w2.index.start; w2.scaler.center(:); w2.scaler.scale(:)]; ...
            "bc_fc", [fc2.mean; fc2.lower(:); fc2.upper(:); fc2.paths(:)]; ...
            "bc_acc", acc_cols(rnn_accuracy (f2)); ...
            "ls_fc", [fr.mean; fr.lower(:); fr.upper(:); fr.paths(:)]; ...
            "ld_acc", acc_cols(rnn_accuracy (f3)); ...
            "ld_fc", fc3.mean};
  ok = iscellstr (rm.prep.meta.transform) ...
       && isequal (rm.prep.meta.transform(:)', {"log", "sdiff"});
  printf ("R's model file in Octave: transform %s\n", strjoin (cellstr (rm.prep.meta.transform), ", "));
  for k = 1:rows (checks)
    r = get (dir, checks{k, 1});
    o = checks{k, 2}(:);
    if (numel (r) != numel (o))
      printf ("%-9s: R has %d values, Octave %d\n", checks{k, 1}, numel (r), numel (o));
      ok = false;
      continue;
    endif
    df = max (abs (r - o));
    ## NaN (a missing value) on both sides is the same
    same = all ((r == o) | (isnan (r) & isnan (o)));
    printf ("%-9s: %5d values, largest difference %g\n", checks{k, 1}, numel (o), df);
    ok = ok && same;
  endfor
  rnn_save (f1, fullfile (dir, "cb_o_model.rnnk"));
  if (! ok)
    error ("cross-host: combined transforms differ between R and Octave");
  endif
  printf ("combined transforms: R and Octave agree\n");
endfunction

## the numeric columns of an accuracy table, column-major as R's as.matrix
function m = acc_cols (T)
  f = setdiff (fieldnames (T), {"model", "target"}, "stable");
  m = [];
  for k = 1:numel (f)
    m = [m, [T.(f{k})]'];
  endfor
endfunction

function v = get (dir, name)
  fid = fopen (fullfile (dir, ["cb_" name ".bin"]), "rb");
  v = fread (fid, Inf, "double", 0, "ieee-le");
  fclose (fid);
endfunction
