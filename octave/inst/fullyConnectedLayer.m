## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} fullyConnectedLayer (@var{outputSize}, @var{name}, @var{value}, @dots{})
## A fully connected layer of @var{outputSize} outputs, as in MATLAB's
## Deep Learning Toolbox.  In the networks that @code{trainNetwork} and
## @code{trainnet} train with rnnkit it is the one dense head after the
## recurrent layers (the number of responses or of classes).  Option:
## @qcode{'Name'}.
## @seealso{lstmLayer, regressionLayer, softmaxLayer, trainNetwork}
## @end deftypefn

function layer = fullyConnectedLayer (outputSize, varargin)
  check_nargin ("fullyConnectedLayer", nargin, 1, Inf, ...
                "layer = fullyConnectedLayer (outputSize, 'Name', value)");
  sz.OutputSize = check_count (outputSize, "outputSize", 1, 1e5);
  layer = dl_layer ("fullyConnectedLayer", "fc", "Fully connected", sz, struct (), varargin);
endfunction

%!assert (fullyConnectedLayer (3).OutputSize, 3)
%!assert (fullyConnectedLayer (3, "Name", "fc1").Name, "fc1")
%!error <'outputSize' must be a whole number> fullyConnectedLayer ("a")
