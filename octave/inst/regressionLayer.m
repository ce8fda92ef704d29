## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} regressionLayer (@var{name}, @var{value}, @dots{})
## The regression output layer of MATLAB's Deep Learning Toolbox: the mean squared error between the network's outputs and the responses (@code{rnn_fit (..., 'Loss', 'mse')}); the last layer of a regression network for @code{trainNetwork}.  Option:
## @qcode{'Name'}.
## @seealso{fullyConnectedLayer, trainNetwork, trainnet}
## @end deftypefn

function layer = regressionLayer (varargin)
  layer = dl_layer ("regressionLayer", "regression", "Regression output", struct (), struct (), varargin);
endfunction

%!assert (regressionLayer ().Type, "regression")
%!assert (regressionLayer ("Name", "out").Name, "out")
%!error <regressionLayer: unknown option 'Classes'> regressionLayer ("Classes", {"a", "b"})
