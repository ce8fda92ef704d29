## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} classificationLayer (@var{name}, @var{value}, @dots{})
## The classification output layer of MATLAB's Deep Learning Toolbox: the cross-entropy between the softmax output and the class labels (@code{rnn_fit (..., 'Loss', 'sparse_ce')}); the last layer of a classifier for @code{trainNetwork}, after @code{softmaxLayer}. The classes are the sorted distinct labels of the responses.  Option:
## @qcode{'Name'}.
## @seealso{fullyConnectedLayer, trainNetwork, trainnet}
## @end deftypefn

function layer = classificationLayer (varargin)
  layer = dl_layer ("classificationLayer", "classification", "Classification output", struct (), struct (), varargin);
endfunction

%!assert (classificationLayer ().Type, "classification")
%!assert (classificationLayer ("Name", "out").Name, "out")
%!error <classificationLayer: unknown option 'Classes'> classificationLayer ("Classes", {"a", "b"})
