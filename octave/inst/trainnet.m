## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{net} =} trainnet (@var{X}, @var{Y}, @var{layers}, @var{lossFcn}, @var{options})
## Train a recurrent network as MATLAB's @code{trainnet} (R2024a) does,
## with rnnkit's C core: as @code{trainNetwork}, but the layers end with
## the @code{fullyConnectedLayer} (and a @code{softmaxLayer} for a
## classifier) and @var{lossFcn} names the loss, @qcode{"mse"} or
## @qcode{"crossentropy"}.  @var{X}, @var{Y} and @var{options} are as for
## @code{trainNetwork}, and so is @var{net}.
##
## @example
## x = sin (0.1 * (1:201));
## layers = [sequenceInputLayer(1) lstmLayer(8) fullyConnectedLayer(1)];
## net = trainnet (x(1:end-1), x(2:end), layers, "mse", ...
##                 trainingOptions ("adam", "MaxEpochs", 50, "Verbose", false));
## @end example
## @seealso{trainNetwork, trainingOptions, predict}
## @end deftypefn

function net = trainnet (X, Y, layers, lossFcn, options)
  check_nargin ("trainnet", nargin, 5, 5, "net = trainnet (X, Y, layers, 'mse' or 'crossentropy', options)");
  net = dl_train ("trainnet", X, Y, layers, options, lossFcn);
endfunction

%!test
%! X = arrayfun (@(i) sin (0.3 * (i:i+9)), (1:12)', "UniformOutput", false);
%! o = trainingOptions ("adam", "MaxEpochs", 2, "MiniBatchSize", 4, "Verbose", false);
%! rand ("seed", 3);
%! a = trainnet (X, X, [sequenceInputLayer(1) lstmLayer(3) fullyConnectedLayer(1)], "mse", o);
%! rand ("seed", 3);
%! b = trainNetwork (X, X, [sequenceInputLayer(1) lstmLayer(3) fullyConnectedLayer(1) ...
%!                          regressionLayer], o);
%! assert (a.Model.params, b.Model.params);
%! assert (a.Model.loss, "mse");
%! c = trainnet (X, repmat ([1; 2], 6, 1), [sequenceInputLayer(1) ...
%!               lstmLayer(3, "OutputMode", "last") fullyConnectedLayer(2) softmaxLayer], ...
%!               "crossentropy", o);
%! assert (c.Model.loss, "sparse_ce");
%! assert (c.Task, "classification");
%!error <'lossFcn' must be one of 'mse', 'crossentropy'> trainnet ({1}, {1}, [sequenceInputLayer(1) lstmLayer(2) fullyConnectedLayer(1)], "huber", trainingOptions ("adam"))
%!error <for "crossentropy" a softmaxLayer> trainnet ({1}, {1}, [sequenceInputLayer(1) lstmLayer(2) fullyConnectedLayer(1) regressionLayer], "mse", trainingOptions ("adam"))
%!error <trainnet takes 5 argument> trainnet (1, 2, 3, 4)
