## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{A}, @var{form}, @var{o}, @var{len}] =} dl_net (@var{fname}, @var{net}, @var{X}, @var{args})
## Check that @var{net} comes from @code{trainNetwork} or @code{trainnet},
## check the options @var{o} of @code{predict} and put the sequences
## @var{X} into rnnkit's layout (@code{dl_data}), sequences of unequal
## length padded to the longest as the options say (@var{len}: their
## lengths, or empty).
## @end deftypefn
function [A, form, o, len] = dl_net (fname, net, X = [], args = {})
  if (! isstruct (net) || ! isscalar (net) || ! isfield (net, "Model") ...
      || ! isfield (net, "OutputMode"))
    error ("rnnkit:input", "%s: NET must come from trainNetwork or trainnet, not %s", ...
           fname, describe (net));
  endif
  o = rnnkit_options (struct ("MiniBatchSize", 128, "SequenceLength", "longest", ...
                              "SequencePaddingDirection", "right", ...
                              "SequencePaddingValue", 0, ...
                              "ExecutionEnvironment", "auto"), fname, args);
  o.SequencePaddingDirection = check_choice (o.SequencePaddingDirection, ...
                                             {"right", "left"}, "SequencePaddingDirection");
  o.MiniBatchSize = check_count (o.MiniBatchSize, "MiniBatchSize", 1, 1e9);
  o.SequenceLength = trainingOptions ("adam", "SequenceLength", o.SequenceLength, ...
                                      "SequencePaddingValue", o.SequencePaddingValue).SequenceLength;
  A = form = len = [];
  if (! isempty (X))
    [A, form, len] = dl_data (X, "X", struct ("left", strcmp (o.SequencePaddingDirection, "left"), ...
                                               "value", o.SequencePaddingValue, "T", 0));
  endif
endfunction
