## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} sequenceInputLayer (@var{inputSize}, @var{name}, @var{value}, @dots{})
## The input layer of a network for sequences of @var{inputSize}
## channels (features), as in MATLAB's Deep Learning Toolbox; the first
## layer of the layer array that @code{trainNetwork} and @code{trainnet}
## train with rnnkit.
##
## Options: @qcode{'Name'} [@qcode{""}] and @qcode{'Normalization'}, which
## must be @qcode{'none'} (rnnkit scales series in @code{rnn_windows}, not
## in the network); @qcode{'MinLength'} is accepted and ignored.
##
## @example
## layers = [sequenceInputLayer(1) lstmLayer(16, "OutputMode", "last") ...
##           fullyConnectedLayer(1) regressionLayer];
## @end example
## @seealso{lstmLayer, gruLayer, trainNetwork, trainnet, trainingOptions}
## @end deftypefn

function layer = sequenceInputLayer (inputSize, varargin)
  check_nargin ("sequenceInputLayer", nargin, 1, Inf, ...
                "layer = sequenceInputLayer (inputSize, 'Name', value, ...)");
  sz.InputSize = check_count (inputSize, "inputSize", 1, 1e5);
  layer = dl_layer ("sequenceInputLayer", "input", "Sequence input", sz, ...
                    struct ("Normalization", "none", "MinLength", 1), varargin);
endfunction

%!test
%! L = sequenceInputLayer (3, "Name", "in");
%! assert (L.InputSize, 3);
%! assert (L.Name, "in");
%! assert (L.Type, "input");
%!error <'inputSize' must be a whole number> sequenceInputLayer (0)
%!error <unknown option 'Foo'> sequenceInputLayer (2, "Foo", 1)
%!error <'Normalization' must be one of 'none'> sequenceInputLayer (2, "Normalization", "zscore")
%!error <sequenceInputLayer takes at least 1> sequenceInputLayer ()
