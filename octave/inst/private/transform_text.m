## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{s} =} transform_text (@var{meta})
## How rnn_summary names the target transform of windows or a model, as
## R's print(): "boxcox, then sdiff, period 12, lambda 0.2788 (Guerrero)",
## for a panel's estimated lambdas "lambda -0.12 .. 1.3 (Guerrero, per
## series, median 0.4)"; its smallest, median and largest lambda are the
## C core's (rnn_lambda_summary), as R's.
## @end deftypefn

function s = transform_text (meta)
  tf = cellstr (meta.transform);
  s = strjoin (tf, ", then ");
  if (any (strcmp (tf, "sdiff")))
    s = [s sprintf(", period %d", meta.period)];
  endif
  if (any (strcmp (tf, "boxcox")) && isfield (meta, "lambda"))
    est = isfield (meta, "lambda_method") && strcmp (meta.lambda_method, "guerrero");
    l = meta.lambda;
    if (isscalar (l))
      s = [s sprintf(", lambda %.4g", l) merge(est, " (Guerrero)", "")];
    else
      ## smallest, median, largest (NaN ones left out): the core's
      ## (rnn_lambda_summary), the numbers R prints
      r = __rnnkit__ ("lambda_summary", double (l(:)));
      s = [s sprintf(", lambda %.3g .. %.3g (%sper series, median %.3g)", r(1), r(3), ...
                     merge (est, "Guerrero, ", ""), r(2))];
    endif
  endif
endfunction
