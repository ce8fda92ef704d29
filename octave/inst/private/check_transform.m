## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{name}, @var{period}, @var{season}] =} check_transform (@var{transform}, @var{period}, @var{lambda}, @var{index})
## The 'Transform', 'Period' and 'Lambda' of rnn_windows checked (issue
## 15): a name of the core's schema, for "sdiff" the seasonal lag, by
## default 12 for monthly and 4 for quarterly dates (the core's
## rnn_season_period), and for "boxcox" a finite power.  A combination
## (a cell of up to 4 names, e.g. @{'log', 'sdiff'@}) comes back as a cell
## row; the core checks the order of its steps.  'Lambda', 'auto'
## (issue 16) has the core estimate lambda per series (Guerrero's method);
## @var{season} is then its group length without 'sdiff' (12 or 4 for
## monthly or quarterly dates, else 0), else 0.
## @end deftypefn

function [name, period, season] = check_transform (transform, period, lambda, index)
  season = 0;
  c = __rnnkit__ ("schema");
  choices = fieldnames (c.transform)';
  if (iscell (transform) && numel (transform) >= 1 && numel (transform) <= 4)
    name = cellfun (@(t) check_choice (t, choices, "Transform"), transform(:)', ...
                    "UniformOutput", false);
    if (numel (name) == 1)
      name = name{1};
    endif
  elseif (iscell (transform))
    error ("rnnkit:input", ["rnn_windows: 'Transform' is a name or a cell of up to 4 names " ...
           "(e.g. {'log', 'sdiff'}), not %s"], describe (transform));
  else
    name = check_choice (transform, choices, "Transform");
  endif
  steps = cellstr (name);
  label = strjoin (steps, "', '");
  if (any (strcmp (steps, "boxcox")))
    if (! (isnumeric (lambda) && isreal (lambda) && isscalar (lambda) && isfinite (lambda)) ...
        && ! isequal (lambda, "auto"))
      error ("rnnkit:input", ["rnn_windows: 'Transform', 'boxcox' needs 'Lambda', " ...
             "one finite number (0 is the log, 0.5 a square root, 1 a shift) or 'auto' " ...
             "(estimated per series on its training rows, Guerrero's method), not %s"], ...
             describe (lambda));
    endif
  elseif (! isempty (lambda))
    error ("rnnkit:input", ["rnn_windows: 'Lambda' is the power of a Box-Cox " ...
           "transform; it needs 'Transform', 'boxcox', not '%s'"], label);
  endif
  if (! any (strcmp (steps, "sdiff")))
    if (! isempty (period))
      error ("rnnkit:input", ["rnn_windows: 'Period' is the lag of a seasonal " ...
             "difference; it needs 'Transform', 'sdiff', not '%s'"], label);
    endif
    period = 0;
    if (isequal (lambda, "auto") && numel (index) > 1)
      season = __rnnkit__ ("season_period", index(:) - 719529);
    endif
    return;
  endif
  if (isempty (period))
    if (numel (index) > 1)
      ## day counts for the core's calendar: datenum - 719529
      period = __rnnkit__ ("season_period", index(:) - 719529);
    endif
    if (isempty (period) || period < 1)
      error ("rnnkit:input", ["rnn_windows: 'Transform', 'sdiff' needs a seasonal " ...
             "period: the data have no monthly or quarterly dates; give 'Period' " ...
             "(e.g. 12 for monthly data, 5 for trading days in a week)"]);
    endif
  endif
  period = check_count (period, "Period", 1, 1e6);
endfunction
