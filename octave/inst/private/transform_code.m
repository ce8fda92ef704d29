## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{tf} =} transform_code (@var{meta})
## The target transform of windows or a model (issue 15) for the core:
## [code, period, lambda] from the core's schema, or [] for none (and for
## models made before transforms).
## @end deftypefn

function tf = transform_code (meta)
  tf = [];
  if (! isfield (meta, "transform") || strcmp (meta.transform, "none"))
    return;
  endif
  c = __rnnkit__ ("schema");
  if (! ischar (meta.transform) || ! isfield (c.transform, meta.transform))
    error ("rnnkit:input", "the model's target transform %s is not one this rnnkit knows", ...
           describe (meta.transform));
  endif
  period = 0;
  if (isfield (meta, "period"))
    period = double (meta.period);
  endif
  lambda = 0;
  if (isfield (meta, "lambda"))
    lambda = double (meta.lambda);
  endif
  tf = [c.transform.(meta.transform), period, lambda];
endfunction
