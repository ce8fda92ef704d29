## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{p} =} season_of (@var{prep})
## The seasonal period of a model's data for its accuracy table (issue 15):
## the period of an @qcode{'sdiff'} transform, else 12 for monthly and 4
## for quarterly dates (the core's rnn_season_period), else 0 (none
## known: no @qcode{'snaive'} row, MASE on the one-step naive scale), as
## R's @code{season_of()}.
## @end deftypefn

function p = season_of (prep)
  p = 0;
  meta = prep.meta;
  if (isfield (meta, "transform") && any (strcmp (cellstr (meta.transform), "sdiff")) ...
      && isfield (meta, "period"))
    p = double (meta.period);
  elseif (isfield (prep.data, "index") && isnumeric (prep.data.index) ...
          && numel (prep.data.index) > 1)
    ## day counts for the core's calendar: datenum - 719529
    p = __rnnkit__ ("season_period", double (prep.data.index(:)) - 719529);
  endif
endfunction
