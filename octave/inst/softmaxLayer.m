## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} softmaxLayer (@var{name}, @var{value}, @dots{})
## The softmax layer of MATLAB's Deep Learning Toolbox: a softmax over the outputs of the fully connected layer before it, for a classifier (with @code{classificationLayer} for @code{trainNetwork}, or the @qcode{"crossentropy"} loss of @code{trainnet}).  Option:
## @qcode{'Name'}.
## @seealso{fullyConnectedLayer, trainNetwork, trainnet}
## @end deftypefn

function layer = softmaxLayer (varargin)
  layer = dl_layer ("softmaxLayer", "softmax", "Softmax", struct (), struct (), varargin);
endfunction

%!assert (softmaxLayer ().Type, "softmax")
%!assert (softmaxLayer ("Name", "out").Name, "out")
%!error <softmaxLayer: unknown option 'Classes'> softmaxLayer ("Classes", {"a", "b"})
