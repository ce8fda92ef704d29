## Cross-host, issue 16: the panel windows of panel.R, cut in Octave from
## the same CSV, must be the same bits; R's model file keeps its key.
function panel (dir)
  d = rnn_read_csv (fullfile (dir, "panel.csv"));
  w = rnn_windows (d, "Key", "Name", "Target", "Sales", "Window", 6, ...
                   "Split", "2017-01-01", "Transform", "log");
  fid = fopen (fullfile (dir, "panel.bin"), "r", "ieee-le");
  v = fread (fid, Inf, "double");
  fclose (fid);
  dx = v(1:3)';
  N = dx(1);
  nk = numel (w.meta.keys);
  parts = mat2cell (v(4:end), [prod(dx), N, N, N, N, nk, nk, nk], 1);
  [xr, yr, nr, sr, tr, cr, scr, fr] = parts{:};
  xr = reshape (xr, dx);
  txt = strsplit (fileread (fullfile (dir, "panel.txt")), "\n");
  sep = find (strcmp (txt, "--"));
  keys = txt(1:sep(1) - 1);
  wkey = txt(sep(1) + 1:sep(2) - 1);
  wset = txt(sep(2) + 1:sep(2) + N);
  same = isequal (size (w.x, 1:3), dx) && isequal (w.x, xr) && isequal (w.y, yr) ...
         && isequal (w.naive, nr) && isequal (w.index.start, sr) ...
         && isequal (w.index.target_row, tr) && isequal (w.scaler.center(:), cr) ...
         && isequal (w.scaler.scale(:), scr) && isequal (w.scaler.n_rows(:), fr) ...
         && isequal (w.meta.keys(:), keys(:)) && isequal (w.index.key(:), wkey(:)) ...
         && isequal (w.index.set(:), wset(:));
  if (! same)
    error ("cross-host: the panel windows differ between R and Octave");
  endif
  printf ("panel: Octave's windows of %d series (%d windows) are R's, bit for bit\n", nk, N);
  m = rnn_load (fullfile (dir, "panel.rnnk"));
  p = m.prep;
  if (! isequal (p.meta.key, "Name") || ! isequal (p.meta.keys(:), keys(:)) ...
      || ! isequal (p.scaler.center(:), cr))
    error ("cross-host: the panel model's key differs between R and Octave");
  endif
  printf ("panel: R's model file in Octave keeps its key and per-series scalers\n");
  ## R's panel of air.csv: Octave's answers for R's model are R's, to the bit
  pa = rnn_read_csv (fullfile (dir, "panel_air.csv"));
  un = rnn_read_csv (fullfile (dir, "panel_new.csv"));
  wa = rnn_windows (pa, "Key", "Name", "Target", "Passengers", "Window", 12, ...
                    "Split", "1960-01-01", "Transform", "log");
  ma = rnn_load (fullfile (dir, "panel_air.rnnk"));
  [v, txt] = panel_answers (ma, wa, un);
  for f = fieldnames (v)'
    r = get (dir, ["panel_air_" f{1}]);
    if (! same_bits (v.(f{1}), r))
      error ("cross-host: the panel's %s differ between R and Octave (max %g)", f{1}, ...
             max (abs (v.(f{1})(:) - r(:))));
    endif
  endfor
  for f = {"pred", "acc"}
    t = strsplit (strtrim (fileread (fullfile (dir, ["panel_air_" f{1} ".txt"]))), "\n");
    if (! isequal (t(:), txt.(f{1})(:)))
      error ("cross-host: the panel's %s keys or labels differ between R and Octave", f{1});
    endif
  endfor
  printf ("panel: R's air.csv panel model in Octave: predictions, accuracy, forecasts (all keys, one key, an unseen series) are R's, bit for bit\n");
  ## an Octave-fitted panel model, for panel_back.R
  mo = rnn_fit (wa, "Units", 3, "Epochs", 2, "Seed", 5, "Verbose", false);
  rnn_save (mo, fullfile (dir, "panel_oct.rnnk"));
  v = panel_answers (mo, wa, un);
  for f = fieldnames (v)'
    fid = fopen (fullfile (dir, ["panel_oct_" f{1} ".bin"]), "w", "ieee-le");
    fwrite (fid, v.(f{1})(:), "double");
    fclose (fid);
  endfor
  printf ("panel: Octave's panel model and its answers written\n");
  ## issue 16: R's model with a series embedding
  m = rnn_load (fullfile (dir, "panel_emb.rnnk"));
  fid = fopen (fullfile (dir, "panel_emb.bin"), "r", "ieee-le");
  v = fread (fid, Inf, "double");
  fclose (fid);
  dx = v(1:3)';
  xe = reshape (v(4:3 + prod (dx)), dx);
  pe = v(4 + prod (dx):end);
  po = __rnnkit__ ("predict", m.config, m.params, xe);
  if (m.config.n_series != 2 || m.config.series_embed != 2 ...
      || ! isequal (m.prep.meta.keys(:), keys(:)) || ! isequal (po(:), pe(:)))
    error ("cross-host: the series embedding's predictions differ between R and Octave");
  endif
  printf ("panel: R's series embedding in Octave: the same %d predictions, bit for bit\n", numel (pe));
  ## h16-octemb: R's air.csv panel model with a series embedding: Octave's
  ## per-key answers (the key's index appended, -1 for the unseen series,
  ## key air's vector with 'NewData') are R's, and so is Octave's own fit
  me = rnn_load (fullfile (dir, "panel_airemb.rnnk"));
  [v, txt] = panel_answers (me, wa, un);
  f = struct (rnn_forecast (me, 4, "Key", "air", "NewData", un, "NPaths", 100, "Seed", 5));
  v.fckn = [f.mean(:); f.lower(:); f.upper(:); f.paths(:)];
  for f = fieldnames (v)'
    r = get (dir, ["panel_airemb_" f{1}]);
    if (! same_bits (v.(f{1}), r))
      error ("cross-host: the embedding panel's %s differ between R and Octave (max %g)", f{1}, ...
             max (abs (v.(f{1})(:) - r(:))));
    endif
  endfor
  for f = {"pred", "acc"}
    t = strsplit (strtrim (fileread (fullfile (dir, ["panel_airemb_" f{1} ".txt"]))), "\n");
    if (! isequal (t(:), txt.(f{1})(:)))
      error ("cross-host: the embedding panel's %s keys or labels differ between R and Octave", f{1});
    endif
  endfor
  mo = rnn_fit (wa, "Units", 4, "Epochs", 3, "Seed", 6, "Verbose", false, "SeriesEmbedding", 2);
  if (! isequal (mo.params, me.params) || ! isequal (mo.config.n_series, me.config.n_series))
    error ("cross-host: the embedding panel's fitted parameters differ between R and Octave");
  endif
  ## issue 16, item 5: compact windows ('Store', 'series') fit as R's do
  wc = rnn_windows (pa, "Key", "Name", "Target", "Passengers", "Window", 12, ...
                    "Split", "1960-01-01", "Transform", "log", "Store", "series");
  mc = rnn_fit (wc, "Units", 4, "Epochs", 3, "Seed", 6, "Verbose", false, ...
                "SeriesEmbedding", 2, "Validation", 0.2);
  rc = rnn_load (fullfile (dir, "panel_aircomp.rnnk"));
  if (! isstruct (wc.x) || ! isequal (mc.params, rc.params) || ! isequal (mc.residuals(:), rc.residuals(:)))
    error ("cross-host: the compact panel's fitted parameters differ between R and Octave (max %g)", ...
           max (abs (mc.params(:) - rc.params(:))));
  endif
  printf ("panel: R's and Octave's fits on compact panel windows: the same %d parameters, bit for bit\n", ...
          numel (mc.params));
  printf ("panel: R's air.csv panel with a series embedding in Octave: predictions, accuracy, forecasts (all keys, one key, an unseen series, a key's vector with new data) and Octave's own fit are R's, bit for bit\n");
  ## h16-octave: R's models of panels of 1 and 3 series, saved again by
  ## Octave for panel_back.R (a 1 x 1 scaler must stay a matrix in R)
  for ns = [1 3]
    mn = rnn_load (fullfile (dir, sprintf ("panel_n%d.rnnk", ns)));
    if (! isequal (size (mn.prep.scaler.center), [1 ns]) || numel (cellstr (mn.prep.meta.keys)) != ns)
      error ("cross-host: R's panel of %d series has a %s scaler in Octave", ns, ...
             mat2str (size (mn.prep.scaler.center)));
    endif
    rnn_save (mn, fullfile (dir, sprintf ("panel_n%d_oct.rnnk", ns)));
  endfor
  printf ("panel: R's models of panels of 1 and 3 series saved again by Octave\n");
  ## h16-h12: 'Lambda', 'auto' -- the same lambdas and windows as R's, and
  ## R's model keeps its lambdas and forecasts R's numbers
  wl = rnn_windows (pa, "Key", "Name", "Target", "Passengers", "Window", 12, ...
                    "Split", "1960-01-01", "Transform", {"boxcox", "sdiff"}, "Lambda", "auto");
  r = get (dir, "panel_lambda");
  nl = r(1);
  lam = r(2:1 + nl);
  dx = r(2 + nl:4 + nl)';
  o = 4 + nl;
  xr = reshape (r(o + 1:o + prod (dx)), dx);
  o += prod (dx);
  yr = r(o + 1:o + dx(1));
  o += dx(1);
  ml = rnn_load (fullfile (dir, "panel_lambda.rnnk"));
  fc = rnn_forecast (ml, 4, "NPaths", 50, "Seed", 2);
  v = [];
  for i = 1:numel (fc)
    f = fc(i);
    v = [v; f.mean(:); f.lower(:); f.upper(:)];
  endfor
  if (! same_bits (wl.meta.lambda(:), lam) || ! same_bits (wl.x, xr) || ! same_bits (wl.y(:), yr) ...
      || ! same_bits (ml.prep.meta.lambda(:), lam) || ! strcmp (ml.prep.meta.lambda_method, "guerrero") ...
      || ! same_bits (v, r(o + 1:end)))
    error ("cross-host: the panel with 'Lambda', 'auto' differs between R and Octave");
  endif
  printf ("panel: 'Lambda', 'auto' in Octave: the lambdas, windows and R's model's forecasts are R's, bit for bit\n");
  ## the labels of per-series lambdas (the core's rnn_lambda_summary): wl
  ## (3 series), R's model and a panel of 4 series (an even count)
  air = rnn_example_data ("air");
  n4 = numel (air.Passengers);
  t4 = (1:n4)';
  p4 = double (air.Passengers);
  nm = {"air", "lin", "sq", "ex"};
  d4 = struct ("Date", repmat (air.Date, 4, 1), "Name", {repelem(nm, n4)'}, ...
               "y", [p4; 50 + t4 + 5 * sin(t4 * pi / 6); p4 .^ 2 / 100; 100 * exp(p4 / 200)]);
  w4 = rnn_windows (d4, "Key", "Name", "Target", "y", "Window", 12, "Split", "1958-01-01", ...
                    "Transform", {"boxcox", "sdiff"}, "Lambda", "auto");
  mine = {tf_label(rnn_summary (wl)), tf_label(rnn_summary (ml)), tf_label(rnn_summary (w4))};
  theirs = strsplit (strtrim (fileread (fullfile (dir, "panel_lambda_labels.txt"))), "\n");
  if (! isequal (mine, theirs))
    error ("cross-host: the lambda labels differ between R and Octave:\n  R:      %s\n  Octave: %s", ...
           strjoin (theirs, " | "), strjoin (mine, " | "));
  endif
  printf ("panel: the per-series lambda labels (3 and 4 series, R's model) print alike in R and Octave: %s\n", ...
          mine{3});
endfunction

## the target transform line of rnn_summary, without its "(undone ...)"
function s = tf_label (txt)
  l = regexp (txt, 'target transform: ([^\n]*)', "tokens", "once");
  s = "";
  if (! isempty (l))
    s = regexprep (l{1}, ' \(undone in predictions and forecasts\)$', '');
  endif
endfunction

## the answers panel.R writes, as vectors (dates as days since 1970)
function [v, txt] = panel_answers (m, w, un)
  p = struct (rnn_predict (m, w, "Units", "original"));
  v.pred = [p.date - 719529; p.actual; p.predicted; p.naive];
  T = struct (rnn_accuracy (m));
  v.acc = [[T.RMSE]'; [T.MAE]'; [T.MAPE]'; [T.sMAPE]'; [T.MASE]'; [T.DA]'; [T.n]'];
  txt.pred = [p.Name; p.set];  # the key field named as R's column
  txt.acc = [{T.Name}'; {T.model}'];
  fc = rnn_forecast (m, 4, "NPaths", 100, "Seed", 1);
  v.fc = [];
  for i = 1:numel (fc)
    f = fc(i);
    v.fc = [v.fc; f.mean(:); f.lower(:); f.upper(:); f.paths(:); f.dates(:) - 719529];
  endfor
  f = struct (rnn_forecast (m, 4, "Key", "air_late", "NPaths", 100, "Seed", 3));
  v.fc1 = [f.mean(:); f.lower(:); f.upper(:); f.paths(:)];
  f = struct (rnn_forecast (m, 4, "NewData", un, "NPaths", 100, "Seed", 4));
  v.fcnew = [f.mean(:); f.lower(:); f.upper(:); f.paths(:); f.dates(:) - 719529];
endfunction

function v = get (dir, name)
  fid = fopen (fullfile (dir, [name ".bin"]), "r", "ieee-le");
  v = fread (fid, Inf, "double");
  fclose (fid);
endfunction

function tf = same_bits (a, b)
  tf = numel (a) == numel (b) && all (a(:) == b(:) | (isnan (a(:)) & isnan (b(:))));
endfunction
