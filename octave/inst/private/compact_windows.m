## -*- texinfo -*-
## @deftypefn {} {@var{r} =} compact_windows (@var{op}, @var{x}, @dots{})
## Compact windows (issue 16, rnn_windows (..., 'Store', 'series')), as
## R's R/compact.R: @var{x} is a struct with @code{values} (the scaled
## series, rows x features), @code{start} (each window's first row there,
## 0-based), @code{n_time} (the window) and @code{rows} (the rows of each
## series); the C core gathers the windows from it batch by batch.
## @var{op}: @qcode{"is"} (true for such a struct), @qcode{"dims"}
## (samples, timesteps, features), @qcode{"take"} (windows @var{idx}),
## @qcode{"array"} (the samples x timesteps x features array it stands
## for: indexing only, so the same numbers), @qcode{"index"} (the series
## index @var{idx}, one per window or one for all, appended as the last
## feature on each window's series' rows; -1 elsewhere), @qcode{"check"}
## (error @code{rnnkit:input} unless well formed; @var{idx} is the name)
## and @qcode{"label"} (the line print and rnn_summary show).
## @end deftypefn
function r = compact_windows (op, x, idx)
  is = isstruct (x) && isscalar (x) && all (isfield (x, {"values", "start", "n_time"}));
  switch (op)
    case "is"
      r = is;
    case "dims"
      r = [numel(x.start), x.n_time, columns(x.values)];
    case "take"
      r = x;
      r.start = x.start(idx);
    case "array"
      d = compact_windows ("dims", x);
      rw = x.start(:) + 1 + (0:d(2) - 1);
      r = reshape (x.values(rw(:), :), d);
    case "index"
      rs = repelem ((1:numel (x.rows))', x.rows(:));
      map = -ones (numel (x.rows), 1);
      map(rs(x.start + 1)) = idx;
      r = x;
      r.values = [x.values, map(rs)];
    case "check"
      if (! is || ! isnumeric (x.values) || ! isreal (x.values) || ndims (x.values) != 2 ...
          || ! isnumeric (x.n_time) || ! isscalar (x.n_time) || ! (x.n_time >= 1) ...
          || x.n_time != round (x.n_time) ...
          || ! isnumeric (x.start) || isempty (x.start) || any (x.start(:) < 0) ...
          || any (x.start(:) != round (x.start(:))) ...
          || any (x.start(:) + x.n_time > rows (x.values)))
        error ("rnnkit:input", ["%s must be compact windows as rnn_windows (..., 'Store', " ...
               "'series') makes them (values, start, n_time); pass them unchanged"], idx);
      endif
      r = x;
      r.values = double (x.values);
      r.start = double (x.start(:));
      if (! isfield (x, "rows"))
        r.rows = rows (x.values);
      endif
    case "label"
      d = compact_windows ("dims", x);
      r = sprintf (["  inputs not stored ('Store' 'series'): read from %d rows of the " ...
                    "scaled series, batch by batch (%.3g MB instead of %.3g MB)\n"], ...
                   rows (x.values), 8 * (numel (x.values) + d(1)) / 2^20, 8 * prod (d) / 2^20);
  endswitch
endfunction
