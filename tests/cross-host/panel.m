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
  try
    rnn_forecast (m, 2);
    error ("cross-host: Octave forecast R's panel model as one series");
  catch e
    if (! strcmp (e.identifier, "rnnkit:input"))
      rethrow (e);
    endif
  end_try_catch
  printf ("panel: R's model file in Octave keeps its key and per-series scalers\n");
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
endfunction
