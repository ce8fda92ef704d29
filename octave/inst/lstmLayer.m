## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} lstmLayer (@var{numHiddenUnits}, @var{name}, @var{value}, @dots{})
## An LSTM layer of @var{numHiddenUnits} units, as in MATLAB's Deep
## Learning Toolbox, for @code{trainNetwork} and @code{trainnet}.
##
## Options: @qcode{'OutputMode'}, @qcode{'sequence'} (an output at every
## time step: a sequence-to-sequence network, or a layer stacked under
## another) or @qcode{'last'} (the last step's output: sequence-to-one)
## [@qcode{'sequence'}], and @qcode{'Name'} [@qcode{""}].  rnnkit trains
## the layer with its C core (@code{rnn_fit (..., 'Cell', 'lstm')}); all
## recurrent layers of a network are of one type.
## @seealso{sequenceInputLayer, gruLayer, trainNetwork}
## @end deftypefn

function layer = lstmLayer (numHiddenUnits, varargin)
  check_nargin ("lstmLayer", nargin, 1, Inf, ...
                "layer = lstmLayer (numHiddenUnits, 'OutputMode', 'sequence' or 'last', ...)");
  sz.NumHiddenUnits = check_count (numHiddenUnits, "numHiddenUnits", 1, 1e5);
  layer = dl_layer ("lstmLayer", "lstm", "LSTM", sz, ...
                    struct ("OutputMode", "sequence"), varargin);
endfunction

%!test
%! L = lstmLayer (8, "OutputMode", "last", "Name", "r");
%! assert ([L.NumHiddenUnits, strcmp(L.OutputMode, "last"), strcmp(L.Type, "lstm")], [8 1 1]);
%! assert (lstmLayer (4).OutputMode, "sequence");
%! ## layers of every type concatenate into a layer array
%! layers = [sequenceInputLayer(1) lstmLayer(4) dropoutLayer(0.1) fullyConnectedLayer(1) regressionLayer];
%! assert (size (layers), [1 5]);
%! assert ({layers.Type}, {"input", "lstm", "dropout", "fc", "regression"});
%!error <'OutputMode' must be one of 'sequence', 'last'> lstmLayer (4, "OutputMode", "all")
%!error <'numHiddenUnits' must be a whole number> lstmLayer (2.5)
%!error <unknown option> lstmLayer (4, "StateActivationFunction", "softsign")
