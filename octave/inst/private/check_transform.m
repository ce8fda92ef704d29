## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{name}, @var{period}] =} check_transform (@var{transform}, @var{period}, @var{index})
## The 'Transform' and 'Period' of rnn_windows checked (issue 15): a name
## of the core's schema, and for "sdiff" the seasonal lag, by default 12
## for monthly and 4 for quarterly dates (the core's rnn_season_period).
## @end deftypefn

function [name, period] = check_transform (transform, period, index)
  c = __rnnkit__ ("schema");
  name = check_choice (transform, fieldnames (c.transform)', "Transform");
  if (! strcmp (name, "sdiff"))
    if (! isempty (period))
      error ("rnnkit:input", ["rnn_windows: 'Period' is the lag of a seasonal " ...
             "difference; it needs 'Transform', 'sdiff', not '%s'"], name);
    endif
    period = 0;
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
