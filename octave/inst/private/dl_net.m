## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{A}, @var{form}] =} dl_net (@var{fname}, @var{net}, @var{X}, @var{args})
## Check that @var{net} comes from @code{trainNetwork} or @code{trainnet},
## check the options of @code{predict} (accepted for MATLAB code; rnnkit
## predicts every sequence at its own length) and put the sequences
## @var{X} into rnnkit's layout (@code{dl_data}).
## @end deftypefn
function [A, form] = dl_net (fname, net, X = [], args = {})
  if (! isstruct (net) || ! isscalar (net) || ! isfield (net, "Model") ...
      || ! isfield (net, "OutputMode"))
    error ("rnnkit:input", "%s: NET must come from trainNetwork or trainnet, not %s", ...
           fname, describe (net));
  endif
  o = rnnkit_options (struct ("MiniBatchSize", 128, "SequenceLength", "longest", ...
                              "SequencePaddingDirection", "right", ...
                              "SequencePaddingValue", 0, ...
                              "ExecutionEnvironment", "auto"), fname, args);
  check_choice (o.SequencePaddingDirection, {"right", "left"}, "SequencePaddingDirection");
  if (nargout > 0)
    [A, form] = dl_data (X, "X");
  endif
endfunction
