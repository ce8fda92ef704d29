## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{tf} =} transform_code (@var{meta})
## The target transform of windows or a model (issue 15) for the core:
## [code, period, lambda, codes of further steps] from the core's schema,
## or [] for none (and for models made before transforms).
## @end deftypefn

function tf = transform_code (meta)
  tf = [];
  if (! isfield (meta, "transform") || isequal (meta.transform, "none"))
    return;
  endif
  c = __rnnkit__ ("schema");
  steps = meta.transform;
  if (ischar (steps))
    steps = {steps};
  endif
  if (! iscellstr (steps) || ! all (cellfun (@(t) isfield (c.transform, t), steps)))
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
  codes = cellfun (@(t) c.transform.(t), steps);
  ## [code, period, lambda, codes of further steps] (issue 15)
  tf = [codes(1), period, lambda, codes(2:end)(:)'];
endfunction
