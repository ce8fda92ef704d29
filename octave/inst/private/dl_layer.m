## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{L} =} dl_layer (@var{fname}, @var{type}, @var{label}, @var{sizes}, @var{defaults}, @var{args})
## The layer description behind the Deep Learning Toolbox names
## (@code{lstmLayer} @dots{}): a struct with the same fields for every
## type, so that layers concatenate with @code{[ ... ]} into a layer
## array.  @var{sizes} holds the positional sizes already checked;
## @var{defaults} the layer's name/value options, parsed from @var{args}.
## @end deftypefn
function L = dl_layer (fname, type, label, sizes, defaults, args)
  defaults.Name = "";
  o = rnnkit_options (defaults, fname, args);
  L = struct ("Name", check_string (o.Name, "Name", true), "Type", type, ...
              "Description", label, "InputSize", [], "NumHiddenUnits", [], ...
              "OutputMode", "", "OutputSize", [], "Probability", [], ...
              "Dimension", [], "NumWords", [], "Normalization", "");
  for f = fieldnames (sizes)'
    L.(f{1}) = sizes.(f{1});
  endfor
  if (isfield (o, "OutputMode"))
    L.OutputMode = check_choice (o.OutputMode, {"sequence", "last"}, "OutputMode");
  endif
  if (isfield (o, "Probability"))
    L.Probability = check_number (o.Probability, "Probability", 0, 1);
    if (L.Probability >= 1)
      error ("rnnkit:input", "%s: 'Probability' must be in [0, 1), not %g", ...
             fname, L.Probability);
    endif
  endif
  if (isfield (o, "Normalization"))
    ## rnnkit normalises data in rnn_windows, not in the network
    L.Normalization = check_choice (o.Normalization, {"none"}, "Normalization");
  endif
endfunction
