## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} dropoutLayer ()
## @deftypefnx {} {@var{layer} =} dropoutLayer (@var{probability}, @var{name}, @var{value}, @dots{})
## A dropout layer, as in MATLAB's Deep Learning Toolbox: while training,
## outputs of the layer before are set to zero with @var{probability}
## [0.5] (and the others scaled by 1/(1-p)).  rnnkit's core applies one
## dropout rate to the output of every recurrent layer
## (@code{rnn_fit (..., 'Dropout', p)}), so @code{trainNetwork} takes a
## dropout layer after every recurrent layer, all with the same
## probability (after the last one alone when there is one).  Option:
## @qcode{'Name'}.
## @seealso{lstmLayer, trainNetwork}
## @end deftypefn

function layer = dropoutLayer (probability = 0.5, varargin)
  check_nargin ("dropoutLayer", nargin, 0, Inf, "layer = dropoutLayer (probability, 'Name', value)");
  if (ischar (probability)) # dropoutLayer ("Name", "d")
    varargin = [{probability}, varargin];
    probability = 0.5;
  endif
  d.Probability = check_number (probability, "Probability", 0, 1);
  layer = dl_layer ("dropoutLayer", "dropout", "Dropout", struct (), d, varargin);
endfunction

%!assert (dropoutLayer ().Probability, 0.5)
%!assert (dropoutLayer (0.2, "Name", "d").Name, "d")
%!assert (dropoutLayer ("Name", "d").Probability, 0.5)
%!error <'Probability' must be in \[0, 1\)> dropoutLayer (1)
%!error <'Probability' must be one number> dropoutLayer (-0.1)
%!error <'Probability' must be one number> dropoutLayer ({1, 2})
