## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{h} =} rnn_plot (@var{x})
## @deftypefnx {} {@var{h} =} rnn_plot (@var{x}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {[@var{h}, @var{lgd}] =} rnn_plot (@dots{})
## @deftypefnx {} {@var{s} =} rnn_plot (@var{x}, @dots{}, "Draw", false)
## Plot an rnnkit result, as R's @code{plot()} methods do:
## @table @asis
## @item a model from @code{rnn_fit}
## its training history: the training loss (solid) and the validation
## loss (dashed, where measured) by epoch, the other members of an
## ensemble in grey, a dotted line at the best epoch of early stopping;
## the loss axis is logarithmic when every loss is positive;
## @item a prediction from @code{rnn_predict (model, w, "Units", "original")}
## the actual values against the predicted ones over the test rows (all
## rows when the windows have no test part), dated;
## @item a forecast from @code{rnn_forecast}
## the last @qcode{'History'} values of the series, the point forecast and
## its interval bands (the widest lightest), dated.
## @end table
## Every number drawn is read from @var{x}; nothing is recomputed.  Dates
## (@code{datenum}s, from year 1000 on) are labelled with their year
## (@qcode{"2016"}, @qcode{"Feb 2016"} or @qcode{"03 Feb 2016"} by the
## span shown); undated data show row numbers.  The legend sits outside
## the axes, to their right, so it never covers the data.
##
## Options:
## @table @asis
## @item @qcode{'Parent'}
## the axes to draw into [a new axes in the current figure, as @code{plot}]
## @item @qcode{'Title'}
## the title [as R's: @qcode{"Training history"}, @qcode{"Close: actual vs
## predicted (test)"}, @qcode{"Forecast of Close by LSTM(16) (recursive)"}]
## @item @qcode{'History'}
## a forecast's history values shown [120]
## @item @qcode{'Output'}
## a prediction's output shown, by number or name [1]
## @item @qcode{'Draw'}
## false returns, instead of drawing, the struct @var{s} of what would
## be drawn (fields @code{kind}, @code{title}, @code{xlabel},
## @code{ylabel}, @code{logy}, @code{dates}, @code{lines} (each
## @code{x}, @code{y}, @code{label}, @code{color}, @code{width},
## @code{style}), @code{bands} (each @code{x}, @code{lower},
## @code{upper}, @code{label}, @code{color}) and @code{vline}), e.g. for
## one's own plots [true]
## @item @qcode{'Key'}
## for the predictions or forecasts of a model fit on a panel (issue 16):
## the key or keys (a cellstr) to draw [all keys, up to 'MaxKeys']
## @item @qcode{'MaxKeys'}
## the most keys drawn when 'Key' is not given: beyond it the first
## 'MaxKeys' are drawn and a message says how to choose others [9]
## @end table
##
## The predictions of a panel model (@code{rnn_predict (model, w, "Units",
## "original")}, with a first field of keys named as the key column, e.g.
## @code{Name}) and its forecasts of several
## keys (@code{rnn_forecast (model, h)}, a struct array) are drawn one key
## per subplot, in a grid of up to three columns, each titled with its
## key, as R's @code{plot()} draws them with @code{par (mfrow)}; then
## @var{h} holds the axes and @var{lgd} their legends, and with
## @qcode{'Draw'} false @var{s} is a struct array of the keys' specs (with
## a @code{key} field).
##
## @var{h} holds the handles of the drawn lines and patches, in legend
## order; @var{lgd} is the legend's.  Drawing needs a graphics toolkit
## (@code{available_graphics_toolkits}): gnuplot (headless, e.g. with
## @code{figure ("visible", "off")} and @code{print ("-dpng", file)}) or
## qt (with a display).  On a headless Debian machine, @code{gnuplot-nox},
## @code{ghostscript} (through which Octave prints gnuplot's PNGs) and
## @code{fonts-freefont-otf} (Octave's default font, without which no
## axes can be made) suffice; the package's @code{tools/install-deps.sh}
## installs them.
##
## @example
## w = rnn_windows (rnn_example_data ("air"), "Window", 12, "Test", 24);
## m = rnn_fit (w, "Units", 8, "Epochs", 30, "Seed", 1, "Verbose", false);
## rnn_plot (m);
## figure; rnn_plot (rnn_predict (m, w, "Units", "original"));
## figure; rnn_plot (rnn_forecast (m, 12, "Seed", 1));
## @end example
## @seealso{rnn_fit, rnn_predict, rnn_forecast}
## @end deftypefn

function [h, lgd] = rnn_plot (x, varargin)
  check_nargin ("rnn_plot", nargin, 1, Inf, "h = rnn_plot (x, 'Title', t, 'Parent', ax)");
  o = rnnkit_options (struct ("Parent", [], "Title", [], "History", 120, ...
                              "Output", 1, "Draw", true, "Key", [], "MaxKeys", 9), ...
                      "rnn_plot", varargin);
  draw = check_flag (o.Draw, "Draw");
  if (panel_result (x))
    [h, lgd] = plot_keys (x, o, draw);  # issue 16
    return;
  endif
  if (! isempty (o.Key))
    error ("rnnkit:input", ["rnn_plot: 'Key' is for the predictions or forecasts of " ...
           "a model fit on a panel (they have a key field)"]);
  endif
  if (is_kind (x, {"mean", "lower", "upper", "level", "dates", "history_dates", "x"}))
    s = forecast_spec (x, check_count (o.History, "History", 0, Inf));
  elseif (is_kind (x, {"date", "actual", "predicted", "set", "outputs"}))
    s = prediction_spec (x, o.Output);
  elseif (is_kind (x, {"history", "config", "params", "loss"}))
    s = model_spec (x);
  else
    error ("rnnkit:input", ["rnn_plot: X must be a model from rnn_fit, a prediction " ...
           "from rnn_predict (model, w, 'Units', 'original') or a forecast from " ...
           "rnn_forecast, not %s"], describe (x));
  endif
  if (! isempty (o.Title))
    s.title = check_string (o.Title, "Title");
  endif
  if (! draw)
    h = s;
    lgd = [];
    return;
  endif
  ax = o.Parent;
  if (isempty (ax))
    ax = newplot ();
  elseif (! (isscalar (ax) && isaxes (ax)))
    error ("rnnkit:input", "rnn_plot: 'Parent' must be an axes handle, not %s", describe (ax));
  endif
  [h, lgd] = draw_spec (ax, s);
endfunction

## issue 16: forecasts of several keys (a struct array with a key field,
## named as the key column)
## or a panel's predictions (a key per row)
function tf = panel_result (x)
  x = plain (x);
  k = panel_key (x);  # the key field, named as the key column
  tf = ! isempty (k) ...
       && ((numel (x) > 1 && isfield (x, "mean")) ...
           || (isscalar (x) && isfield (x, "predicted") && iscellstr (x.(k))));
endfunction

## issue 16: one subplot per key in a grid (as R's par (mfrow)), every key
## up to 'MaxKeys' by default, beyond that the first 'MaxKeys' with a
## message; 'Key' picks them.  H holds the axes, LGD their legends; with
## 'Draw' false, the struct array of the keys' specs (a key field first)
function [h, lgd] = plot_keys (x, o, draw)
  x = plain (x);
  kn = panel_key (x);
  fcs = isfield (x, "mean");
  if (fcs)
    keys = {x.(kn)};
  else
    keys = unique (x.(kn), "stable")(:)';
  endif
  maxk = check_count (o.MaxKeys, "MaxKeys", 1, Inf);
  sel = check_keys (o.Key, keys, "rnn_plot");
  if (isempty (o.Key) && numel (sel) > maxk)
    fprintf (stderr, ["rnnkit: plotting the first %d of %d keys; choose others " ...
                      "with 'Key' (or raise 'MaxKeys').\n"], maxk, numel (sel));
    sel = sel(1:maxk);
  endif
  specs = [];
  for i = 1:numel (sel)
    if (fcs)
      s = forecast_spec (x(strcmp (keys, sel{i})), check_count (o.History, "History", 0, Inf));
    else
      r = strcmp (x.(kn), sel{i});
      p = x;
      for f = {"date", "actual", "predicted", "naive", "set"}
        p.(f{1}) = x.(f{1})(r, :);
      endfor
      s = prediction_spec (p, o.Output);
    endif
    s.title = [sel{i} ": " s.title];
    if (! isempty (o.Title))
      s.title = [sel{i} ": " check_string(o.Title, "Title")];
    endif
    s = orderfields (s);
    s.key = sel{i};
    specs = [specs; s];
  endfor
  lgd = [];
  if (! draw)
    h = specs;
    return;
  endif
  n = numel (specs);
  nc = 1 + (n > 3) + (n > 6);
  nr = ceil (n / nc);
  h = zeros (n, 1);
  lgd = zeros (n, 1);
  for i = 1:n
    h(i) = subplot (nr, nc, i);
    [~, lgd(i)] = draw_spec (h(i), specs(i));
    set (get (h(i), "title"), "interpreter", "none");  # keys as written (air_x10)
    ## in a grid, a legend to the right of each axes took half of its
    ## width: it goes inside, in a band above the data (as R's)
    if (n > 1)
      yl = get (h(i), "ylim");
      set (h(i), "ylim", [yl(1), yl(2) + 0.4 * diff(yl)]);
      set (lgd(i), "location", "north", "orientation", "horizontal", "fontsize", 7);
    endif
  endfor
endfunction

## true if every field of NAMES reads from X (a struct or an object
## with field reads)
function tf = is_kind (x, names)
  tf = true;
  for k = 1:numel (names)
    try
      x.(names{k});
    catch
      tf = false;
      return;
    end_try_catch
  endfor
endfunction

## colours of R's plots
function c = colour (name)
  switch (name)
    case "grey20"     c = [0.2 0.2 0.2];
    case "grey60"     c = [0.6 0.6 0.6];
    case "firebrick"  c = [178 34 34] / 255;
    case "steelblue4" c = [54 100 139] / 255;
    case "steelblue"  c = [70 130 180] / 255;
  endswitch
endfunction

function L = line_spec (x, y, label, col, width, style)
  L = struct ("x", x(:), "y", y(:), "label", label, "color", colour (col), ...
              "width", width, "style", style);
endfunction

function s = new_spec (kind, ttl, xl, yl, dates)
  s = struct ("kind", kind, "title", ttl, "xlabel", xl, "ylabel", yl, "logy", false, ...
              "dates", dates, "lines", struct ("x", {}, "y", {}, "label", {}, ...
              "color", {}, "width", {}, "style", {}), "bands", ...
              struct ("x", {}, "lower", {}, "upper", {}, "label", {}, "color", {}), ...
              "vline", []);
endfunction

## datenums from year 1000 on are dates; smaller numbers are rows
function tf = are_dates (d)
  d = d(isfinite (d));
  tf = ! isempty (d) && min (d) >= 365243;
endfunction

## R's plot.rnnkit_model
function s = model_spec (m)
  hs = m.history;
  ep = hs.epoch(:);
  if (isempty (ep))
    error ("rnnkit:input", "rnn_plot: the model has no training history to plot");
  endif
  s = new_spec ("model", "Training history", "epoch", sprintf ("loss (%s)", m.loss), false);
  s.lines(end+1) = line_spec (ep, hs.loss, "training", "grey20", 2, "-");
  allv = hs.loss(:);
  try
    e = m.ensemble;   # issue 15: the other members in grey
    for j = 2:e.k
      n = e.epochs_run(j);
      s.lines(end+1) = line_spec ((1:n)', e.loss(1:n, j), sprintf ("member %d", j), ...
                                  "grey60", 1, "-");
      allv = [allv; e.loss(1:n, j)];
    endfor
  catch
  end_try_catch
  vl = hs.val_loss(:);
  if (any (! isna (vl)))
    s.lines(end+1) = line_spec (ep, vl, "validation", "firebrick", 2, "--");
    allv = [allv; vl];
    be = m.status.best_epoch;
    if (be > 0)
      s.vline = be;
    endif
  endif
  allv = allv(! isnan (allv));
  s.logy = ! isempty (allv) && all (allv > 0);
endfunction

## R's plot.rnnkit_prediction, over the test rows
function s = prediction_spec (p, output)
  outs = cellstr (p.outputs);
  if (ischar (output))
    k = find (strcmp (output, outs), 1);
  elseif (isnumeric (output) && isscalar (output) && any (output == 1:numel (outs)))
    k = output;
  else
    k = [];
  endif
  if (isempty (k))
    error ("rnnkit:input", "rnn_plot: 'Output' must be one of %s (or 1..%d), not %s", ...
           strjoin (outs, ", "), numel (outs), describe (output));
  endif
  r = strcmp (cellstr (p.set), "test");
  part = "test";
  if (! any (r))
    r(:) = true;
    part = "all windows";
  endif
  d = p.date(r);
  s = new_spec ("prediction", sprintf ("%s: actual vs predicted (%s)", outs{k}, part), ...
                "", outs{k}, are_dates (d));
  s.lines(end+1) = line_spec (d, p.actual(r, k), "actual", "grey20", 1.5, "-");
  s.lines(end+1) = line_spec (d, p.predicted(r, k), "predicted", "firebrick", 1.5, "-");
endfunction

## R's plot.rnnkit_forecast
function s = forecast_spec (f, n_history)
  hv = f.x(:);
  hd = f.history_dates(:);
  keep = max (1, numel (hv) - n_history + 1):numel (hv);
  if (n_history == 0)
    keep = [];
  endif
  fd = f.dates(:);
  s = new_spec ("forecast", sprintf ("Forecast of %s by %s", f.series, f.method), ...
                "", f.series, are_dates ([hd(keep); fd]));
  lev = f.level(:)';
  nl = numel (lev);
  for k = nl:-1:1   # the widest band first, lightest
    a = 0.2 + 0.15 * (nl - k);
    s.bands(end+1) = struct ("x", fd, "lower", f.lower(:, k), "upper", f.upper(:, k), ...
                             "label", sprintf ("%g%% interval", lev(k)), ...
                             "color", 1 - a * (1 - colour ("steelblue")));
  endfor
  if (! isempty (keep))
    s.lines(end+1) = line_spec (hd(keep), hv(keep), "history", "grey20", 1, "-");
    s.lines(end+1) = line_spec ([hd(end); fd(1)], [hv(end); f.mean(1)], "", ...
                                "steelblue4", 1, ":");
  endif
  s.lines(end+1) = line_spec (fd, f.mean, "forecast", "steelblue4", 2, "-");
endfunction

## the tick format of a date axis spanning SPAN days, always with the year
function fmt = date_format (span)
  if (span > 3 * 365)
    fmt = "yyyy";
  elseif (span > 90)
    fmt = "mmm yyyy";
  else
    fmt = "dd mmm yyyy";
  endif
endfunction

function [h, lgd] = draw_spec (ax, s)
  held = ishold (ax);
  h = [];
  labels = {};
  for b = s.bands
    ok = isfinite (b.lower) & isfinite (b.upper);   # conformal bands may be infinite
    if (sum (ok) < 1)
      continue;
    endif
    xb = b.x(ok);
    hb = fill (ax, [xb; flipud(xb)], [b.lower(ok); flipud(b.upper(ok))], b.color, ...
               "edgecolor", "none");
    hold (ax, "on");
    h(end+1) = hb;
    labels{end+1} = b.label;
  endfor
  ## gnuplot lengthens dashes and gaps with the line width: at width 2 a
  ## dashed line shows a few long dashes far apart, and its legend sample
  ## one dash; it draws broken lines 1 wide
  gp = strcmp (get (ancestor (ax, "figure"), "__graphics_toolkit__"), "gnuplot");
  for L = s.lines
    w = merge (gp && ! strcmp (L.style, "-"), 1, L.width);
    hl = plot (ax, L.x, L.y, "color", L.color, "linewidth", w, "linestyle", L.style);
    hold (ax, "on");
    if (! isempty (L.label) && ! strncmp (L.label, "member ", 7))
      h(end+1) = hl;
      labels{end+1} = L.label;
    endif
  endfor
  if (! isempty (s.vline))   # the best epoch, across the data's range
    ys = vertcat (s.lines.y);
    ys = ys(isfinite (ys) & (ys > 0 | ! s.logy));
    plot (ax, [s.vline s.vline], [min(ys) max(ys)], "color", colour ("grey60"), ...
          "linestyle", ":");
  endif
  if (! held)
    hold (ax, "off");
  endif
  ## legend order: lines first (as R's), then the bands
  nb = numel (s.bands) - sum (arrayfun (@(b) ! any (isfinite (b.lower) & isfinite (b.upper)), s.bands));
  order = [nb+1:numel(h), nb:-1:1];
  h = h(order)(:);
  labels = labels(order);
  title (ax, s.title);
  xlabel (ax, s.xlabel);
  ylabel (ax, s.ylabel);
  grid (ax, "on");
  box (ax, "on");
  if (s.dates)
    xs = vertcat (s.lines.x);
    xs = xs(isfinite (xs));
    xlim (ax, [min(xs), max(xs)]);
    datetick (ax, "x", date_format (max (xs) - min (xs)), "keeplimits");
    ## at most five date labels: under qt seven month labels ran into
    ## each other ("Nov 2015Dec 2015...")
    t = get (ax, "xtick");
    if (numel (t) > 5)
      set (ax, "xtick", t(1:ceil (numel (t) / 5):end));
      datetick (ax, "x", date_format (max (xs) - min (xs)), "keeplimits", "keepticks");
    endif
  else
    xs = vertcat (s.lines.x);
    xlim (ax, [min(xs), max(xs) + (max (xs) == min (xs))]);
  endif
  lgd = legend (ax, h, labels, "location", "northeastoutside");
  legend (ax, "boxoff");
  if (s.logy)   # after the legend, whose text would warn on a log axis
    set (ax, "yscale", "log");
  endif
endfunction

%!shared w, m, P, fc, d
%! t = (0:119)';
%! d = struct ("Date", datenum (2016, 1, 4) + t, "Close", 100 + 10 * sin (t / 8) + t / 10);
%! w = rnn_windows (d, "Window", 8, "Test", 20);
%! m = rnn_fit (w, "Units", 3, "Epochs", 4, "Validation", 0.2, "Seed", 1, "Verbose", false);
%! P = rnn_predict (m, w, "Units", "original");
%! fc = rnn_forecast (m, 10, "Seed", 1, "NPaths", 200);

## what is drawn is read from the objects, unchanged
%!test
%! s = rnn_plot (m, "Draw", false);
%! assert (s.kind, "model");
%! assert ({s.lines.label}, {"training", "validation"});
%! assert (s.lines(1).y, m.history.loss);
%! assert (s.lines(2).y, m.history.val_loss);
%! assert (s.lines(1).x, (1:4)');
%! assert (s.xlabel, "epoch");
%! assert (s.ylabel, "loss (mse)");
%! assert (s.logy, true);
%! assert (s.dates, false);
%!test
%! s = rnn_plot (P, "Draw", false);
%! k = strcmp (P.set, "test");
%! assert (sum (k), 20);
%! assert (s.lines(1).x, P.date(k));
%! assert (s.lines(1).y, P.actual(k));
%! assert (s.lines(2).y, P.predicted(k));
%! assert ({s.lines.label}, {"actual", "predicted"});
%! assert (s.title, "Close: actual vs predicted (test)");
%! assert (s.dates, true);
%!test
%! s = rnn_plot (fc, "Draw", false, "History", 30, "Title", "DJIA");
%! assert (s.title, "DJIA");
%! assert ({s.bands.label}, {"95% interval", "80% interval"});
%! assert (s.bands(1).lower, fc.lower(:, 2));
%! assert (s.bands(2).upper, fc.upper(:, 1));
%! assert (s.bands(1).x, fc.dates);
%! assert (s.lines(1).y, fc.x(end-29:end));
%! assert (s.lines(1).x, fc.history_dates(end-29:end));
%! assert (s.lines(end).y, fc.mean);
%! assert (s.lines(end).label, "forecast");
%! ## the lighter band is the wider one
%! assert (all (s.bands(1).color > s.bands(2).color));
%! assert (s.dates, true);
%!test
%! ## undated data: row numbers, no date axis; no history shown
%! wu = rnn_windows (struct ("y", d.Close), "Window", 8);
%! mu = rnn_fit (wu, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! s = rnn_plot (rnn_forecast (mu, 3, "Level", []), "Draw", false, "History", 0);
%! assert (s.dates, false);
%! assert (isempty (s.bands));
%! assert (numel (s.lines), 1);
%! s = rnn_plot (rnn_predict (mu, wu, "Units", "original"), "Draw", false);
%! assert (s.title, "y: actual vs predicted (all windows)");
%! assert (s.dates, false);

## each plot drawn to a PNG (needs a graphics toolkit: gnuplot headless)
%!test
%! tk = available_graphics_toolkits ();
%! if (isempty (tk))
%!   printf ("rnn_plot: no graphics toolkit (install gnuplot): PNGs not drawn\n");
%!   return;
%! endif
%! want = getenv ("RNNKIT_TEST_TOOLKIT");  # "qt": make test runs this under xvfb-run
%! if (! isempty (want))
%!   assert (any (strcmp (tk, want)), "rnn_plot: toolkit %s is not available", want);
%!   old = graphics_toolkit (want);
%! elseif (any (strcmp (tk, "gnuplot")))
%!   if (isempty (file_in_path (getenv ("PATH"), merge (ispc (), "gswin64c.exe", "gs"))))
%!     printf ("rnn_plot: gnuplot prints PNGs through ghostscript (gs), which is missing: PNGs not drawn\n");
%!     return;
%!   endif
%!   old = graphics_toolkit ("gnuplot");
%! else
%!   old = graphics_toolkit ();
%! endif
%! warning ("off", "Octave:gnuplot-graphics", "local");
%! tmp = tempname ();
%! mkdir (tmp);
%! f = figure ("visible", "off");
%! unwind_protect
%!   items = {m, P, fc};
%!   names = {"loss", "prediction", "forecast"};
%!   for k = 1:3
%!     clf (f);
%!     ax = axes ("parent", f);
%!     [h, lgd] = rnn_plot (items{k}, "Parent", ax);
%!     assert (all (ishghandle (h)));
%!     assert (graphics_toolkit (f), graphics_toolkit ());
%!     if (k == 1 && strcmp (graphics_toolkit (), "gnuplot"))
%!       ## the dashed validation loss 1 wide: gnuplot scales dashes by the width
%!       assert (get (h(2), "linestyle"), "--");
%!       assert (get (h(2), "linewidth"), 1);
%!       assert (get (h(1), "linewidth"), 2);
%!     endif
%!     assert (ishghandle (lgd));
%!     file = fullfile (tmp, [names{k} ".png"]);
%!     print (f, "-dpng", "-r80", file);
%!     s = dir (file);
%!     assert (numel (s), 1);
%!     assert (s.bytes > 5000);
%!   endfor
%!   ## the date axis carries the year
%!   assert (any (! cellfun (@isempty, regexp (cellstr (get (ax, "xticklabel")), "20\\d\\d"))));
%!   ## six months of daily history: at most five date labels (seven ran
%!   ## into each other under qt)
%!   dj = rnn_example_data ("djia");
%!   dj = struct ("Date", {dj.Date}, "Close", {dj.Close});
%!   m2 = rnn_fit (rnn_windows (dj, "Window", 5, "Test", 20), "Units", 2, ...
%!                 "Epochs", 1, "Seed", 1, "Verbose", false);
%!   clf (f);
%!   ax = axes ("parent", f);
%!   rnn_plot (rnn_forecast (m2, 5, "NPaths", 50, "Seed", 1), "Parent", ax);
%!   assert (numel (get (ax, "xtick")) <= 5);
%!   assert (numel (get (ax, "xtick")) >= 2);
%! unwind_protect_cleanup
%!   close (f);
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (tmp, "s");
%!   graphics_toolkit (old);
%! end_unwind_protect

%!error <X must be a model from rnn_fit> rnn_plot (struct ("a", 1))
%!error id=rnnkit:input rnn_plot (1:3)
%!error <'Output' must be one of Close> rnn_plot (P, "Output", 2)
%!error <'Parent' must be an axes handle> rnn_plot (fc, "Parent", "x")
%!error <unknown option 'Colour'> rnn_plot (m, "Colour", "red")
%!error <rnn_plot takes at least 1 argument> rnn_plot ()

## issue 16: a panel's predictions and forecasts, one subplot per key
%!shared Pp, fp, mp
%! t = (0:59)';
%! a = 100 + 10 * sin (t / 3) + t;
%! d = struct ("Date", datenum (2015, [1 + t; 1 + t; 1 + t], 1), ...
%!             "Name", {[repmat({"a"}, 60, 1); repmat({"b"}, 60, 1); repmat({"c"}, 60, 1)]}, ...
%!             "v", [a; 1000 * a + 7; 50 + a .^ 1.5]);
%! wp = rnn_windows (d, "Key", "Name", "Window", 6, "Split", "2019-01-01");
%! mp = rnn_fit (wp, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%! Pp = rnn_predict (mp, wp, "Units", "original");
%! fp = rnn_forecast (mp, 4, "NPaths", 50, "Seed", 1);
%!test
%! s = rnn_plot (Pp, "Draw", false);
%! assert ({s.key}, {"a", "b", "c"});
%! assert (s(2).title, "b: v: actual vs predicted (test)");
%! k = strcmp (Pp.Name, "b") & strcmp (Pp.set, "test");
%! assert (s(2).lines(2).y, Pp.predicted(k));
%! s = rnn_plot (fp, "Draw", false, "Key", {"c", "a"});
%! assert ({s.key}, {"c", "a"});
%! assert (s(1).lines(end).y, fp(3).mean);
%! assert (s(2).title, ["a: Forecast of v by " fp(1).method]);
%! s = rnn_plot (fp, "Draw", false, "MaxKeys", 2);  # the first 2, with a message
%! assert ({s.key}, {"a", "b"});
%!test
%! ## drawn to PNG, a subplot per key
%! old = graphics_toolkit ();
%! if (! any (strcmp (available_graphics_toolkits (), "gnuplot")))
%!   return;
%! endif
%! graphics_toolkit ("gnuplot");
%! f = figure ("visible", "off");
%! unwind_protect
%!   for x = {Pp, fp}
%!     clf (f);
%!     [h, lgd] = rnn_plot (x{1});
%!     assert (numel (h), 3);
%!     assert (all (isaxes (h)));
%!     ## a one-line legend inside each axes, above the data: to the
%!     ## right, it took half the width of every key's axes
%!     assert (get (lgd(2), "location"), "north");
%!     assert (get (lgd(2), "orientation"), "horizontal");
%!     yl = get (h(2), "ylim");
%!     ys = [];
%!     for c = get (h(2), "children")'
%!       if (strcmp (get (c, "type"), "line"))
%!         ys = [ys; get(c, "ydata")(:)];
%!       endif
%!     endfor
%!     assert (yl(2) > max (ys) + 0.3 * (max (ys) - yl(1)));
%!     assert (strncmp (get (get (h(3), "title"), "string"), "c: ", 3));
%!     file = [tempname() ".png"];
%!     print (f, "-dpng", "-r60", file);
%!     assert (dir (file).bytes > 5000);
%!     delete (file);
%!   endfor
%! unwind_protect_cleanup
%!   close (f);
%!   graphics_toolkit (old);
%! end_unwind_protect
%!error id=rnnkit:input rnn_plot (fp, "Key", "zz")
%!error id=rnnkit:input rnn_plot (Pp, "Key", 1)
%!error <'Key' is for the predictions> rnn_plot (mp, "Key", "a")
