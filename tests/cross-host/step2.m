## Cross-host test, Octave side: the same fits must be bit-identical to
## R's; R's models must predict and forecast the same numbers here; the
## Octave models and predictions are written for R to check.
function step2 (dir)
  fid = fopen (fullfile (dir, "data.bin"), "rb");
  d = fread (fid, 3, "double", 0, "ieee-le")';
  x = reshape (fread (fid, prod (d), "double", 0, "ieee-le"), d);
  y = fread (fid, d(1), "double", 0, "ieee-le");
  fclose (fid);
  ok = true;
  o = fits (x, y);
  for k = 1:numel (o)
    r = rnn_load (fullfile (dir, sprintf ("r_fit%d.rnnk", k)));
    same_w = isequal (o{k}.params, r.params);
    same_h = same_nan (o{k}.history.loss, r.history.loss) && ...
             same_nan (o{k}.history.val_loss, r.history.val_loss);
    if (isfield (r.history, "lr") || isfield (o{k}.history, "lr"))
      ## the learning-rate schedule: the same rates and options recorded
      same_h = same_h && isfield (r.history, "lr") && isfield (o{k}.history, "lr") ...
               && isequal (o{k}.history.lr, r.history.lr) ...
               && isequal (o{k}.training.lr_schedule, r.training.lr_schedule) ...
               && isequal (o{k}.training.lr_drop_period, r.training.lr_drop_period);
    endif
    fid = fopen (fullfile (dir, sprintf ("r_pred%d.bin", k)), "rb");
    rp = fread (fid, Inf, "double", 0, "ieee-le");
    fclose (fid);
    op = rnn_predict (r, x);
    dp = max (abs (op(:) - rp(:)));
    printf ("fit %d (%s): weights %s, loss history %s, R model predicts here to %g\n", ...
            k, o{k}.config.cell, ifs (same_w), ifs (same_h), dp);
    ok = ok && same_w && same_h && dp <= 1e-12;
    rnn_save (o{k}, fullfile (dir, sprintf ("o_fit%d.rnnk", k)));
    fid = fopen (fullfile (dir, sprintf ("o_pred%d.bin", k)), "wb");
    fwrite (fid, rnn_predict (o{k}, x), "double", 0, "ieee-le");
    fclose (fid);
  endfor
  m = rnn_load (fullfile (dir, "r_model_fc.rnnk"));
  last = squeeze (x(end, :, :));
  resid = reshape (((1:20) - 10.5) / 1000, 10, 2);
  spec = struct ("values", last, "window", rows (last), "locf", 0, "center", [1 -2], "scale", [2 0.5], "direct", 0, ...
                 "horizon", 1, "h", 5, "target", 2, "target_center", -2, ...
                 "target_scale", 0.5, "history", [1 2 3], "resid", resid, ...
                 "npaths", 50, "levels", [80 95]);
  [pt, paths, lo, up] = __rnnkit__ ("forecast", m.config, m.params, spec, [0 11]);
  fid = fopen (fullfile (dir, "r_fc.bin"), "rb");
  rf = fread (fid, Inf, "double", 0, "ieee-le");
  fclose (fid);
  of = [pt(:); paths(:); lo(:); up(:)];
  df = max (abs (of - rf));
  printf ("forecast of an R model (point, 50 paths, 80/95%% bounds): largest difference %g\n", df);
  ok = ok && numel (rf) == numel (of) && df == 0;
  ## ---- Keras' layout through the core (issue 14): R's rnn_layer params
  ## and outputs of the same weights (step1.R), exactly
  fid = fopen (fullfile (dir, "r_layers.bin"), "rb");
  for cell = {"simple", "lstm", "gru"}
    G = struct ("simple", 1, "lstm", 4, "gru", 3).(cell{1});
    nb = merge (strcmp (cell{1}, "gru"), [2 3*G], [1 3*G]);
    w = {reshape(fread (fid, 6*G, "double", 0, "ieee-le"), 2, 3*G), ...
         reshape(fread (fid, 9*G, "double", 0, "ieee-le"), 3, 3*G), ...
         reshape(fread (fid, prod (nb), "double", 0, "ieee-le"), nb)};
    x = reshape (fread (fid, 40, "double", 0, "ieee-le"), 4, 5, 2);
    L = rnn_layer (cell{1}, 3, w);
    rp = fread (fid, numel (L.params), "double", 0, "ieee-le");
    ry = fread (fid, 60, "double", 0, "ieee-le");
    same = isequal (L.params, rp) ...
           && isequal (reshape (rnn_layer_call (L, x, "ReturnSequences", true), [], 1), ry);
    printf ("rnn_layer (%s) of Keras' weights: parameters and outputs %s\n", ...
            cell{1}, ifs (same));
    ok = ok && same;
  endfor
  fclose (fid);
  ## ----
  if (! ok)
    error ("cross-host: Octave and R disagree");
  endif
endfunction

function t = same_nan (a, b)
  t = isequal (size (a), size (b)) && isequal (isnan (a), isnan (b)) && ...
      isequal (a(! isnan (a)), b(! isnan (b)));
endfunction

function s = ifs (t)
  if (t)
    s = "identical";
  else
    s = "DIFFER";
  endif
endfunction
