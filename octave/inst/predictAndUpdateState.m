## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{net}, @var{Y}] =} predictAndUpdateState (@var{net}, @var{X}, @var{name}, @var{value}, @dots{})
## Predict from the recurrent state left by the previous call and keep
## the new state in @var{net}, as MATLAB's @code{predictAndUpdateState},
## for a network from @code{trainNetwork} or @code{trainnet} (rnnkit's
## @code{rnn_predict_and_update_state}).  @var{X} and @var{Y} are in the
## layouts of @code{predict}; for example one time step of C channels is
## a C x 1 column and gives an R x 1 column.  Feeding a sequence in
## pieces gives the outputs of @code{predict} on the whole sequence.  The
## number of sequences must stay the same until @code{resetState}.
## Sequences of unequal length in a cell are padded together to the
## longest, with @qcode{'SequencePaddingValue'} after their steps or
## (@qcode{'SequencePaddingDirection'} @qcode{'left'}) before them, as
## MATLAB does; a sequence-to-sequence network gives each sequence's
## outputs without those of the padding, in a cell.
##
## For open-loop forecasting feed the observed values, for closed-loop
## forecasting the predictions:
## @example
## net = resetState (net);
## [net, Z] = predictAndUpdateState (net, x);
## xt = Z(:, end);
## for t = 1:20
##   [net, y(:, t)] = predictAndUpdateState (net, xt);
##   xt = y(:, t);
## endfor
## @end example
## @seealso{resetState, predict, trainNetwork}
## @end deftypefn

function [net, Y] = predictAndUpdateState (net, X, varargin)
  check_nargin ("predictAndUpdateState", nargin, 2, Inf, ...
                "[net, Y] = predictAndUpdateState (net, X, 'Name', value, ...)");
  [A, form, o, len] = dl_net ("predictAndUpdateState", net, X, varargin);
  [net.Model, P] = rnn_predict_and_update_state (net.Model, A);
  d = size (A);
  if (! isempty (len) && strcmp (net.OutputMode, "sequence"))
    ## sequences of unequal length: padded together (the state runs
    ## through the padding), the outputs of the padded steps removed
    left = strcmp (o.SequencePaddingDirection, "left");
    P = reshape (P, d(1), d(2), []);
    Y = arrayfun (@(j) permute (P(j, merge (left, d(2)-len(j)+1:d(2), 1:len(j)), :), ...
                                [3 2 1]), (1:d(1))', "UniformOutput", false);
  elseif (strcmp (net.OutputMode, "last"))
    Y = reshape (P, d(1), []);
    if (strcmp (form, "one"))
      Y = Y.';  # R x 1 for one sequence, as MATLAB
    endif
  else
    Y = dl_data (P, form, d(1), d(2), numel (P) / (d(1) * d(2)));
  endif
endfunction

%!test
%! x = [sin(0.3 * (1:30)); cos(0.3 * (1:30))];
%! o = trainingOptions ("adam", "MaxEpochs", 2, "Verbose", false);
%! net = trainNetwork (x(:, 1:end-1), x(:, 2:end), [sequenceInputLayer(2) ...
%!                     gruLayer(3) fullyConnectedLayer(2) regressionLayer], o);
%! whole = predict (net, x);
%! net = resetState (net);
%! [net, y1] = predictAndUpdateState (net, x(:, 1:10));
%! assert (y1, whole(:, 1:10), 1e-14);
%! for t = 11:30
%!   [net, y(:, t)] = predictAndUpdateState (net, x(:, t));
%! endfor
%! assert (y(:, 11:30), whole(:, 11:30), 1e-14);
%! ## a reset starts afresh
%! [~, y2] = predictAndUpdateState (resetState (net), x(:, 1:10));
%! assert (y2, y1, 1e-14);
%!error <NET must come from trainNetwork> predictAndUpdateState (1, 2)

%!test
%! ## MathWorks' example "Time Series Forecasting Using Deep Learning"
%! ## (trainNetwork version), verbatim but for: the data-loading lines
%! ## (synthetic waveforms of unequal lengths instead of "load WaveformData"),
%! ## "Name",value pairs for MATLAB's Name=value syntax (Octave 7.3 reads
%! ## Name=value in a call as an assignment and passes the value alone),
%! ## "Plots","none" (this test draws nothing) and mean(x(:)) for
%! ## mean(x,"all") (Octave 7.3 has no "all"); the figures are left out
%! ## (see the demo for them).  The MathWorks page could be checked only
%! ## for its prose (LSTM with sequence output, targets shifted by one step,
%! ## open- and closed-loop forecasting); its code is as remembered from the
%! ## trainNetwork release (C x T sequences, numChannels = size(data{1},1)).
%! %% data: replaces "load WaveformData" (MathWorks' synthetic waveforms of
%! %% 3 channels of 103 to 200 steps) by synthetic waveforms of 3 channels
%! %% and unequal lengths (80 to 140 steps), made here
%! rand ("seed", 1); randn ("seed", 1);
%! data = cell (20, 1);
%! for i = 1:20
%!   n = 80 + floor (61 * rand ());   # 80..140 time steps
%!   f = 0.05 + 0.1 * rand (3, 1); ph = 2 * pi * rand (3, 1);
%!   data{i} = sin (f * (1:n) + ph) + 0.05 * randn (3, n);
%! end
%! %% MathWorks' code from here on
%! numChannels = size(data{1},1)
%!
%! numObservations = numel(data);
%! idxTrain = 1:floor(0.9*numObservations);
%! idxTest = floor(0.9*numObservations)+1:numObservations;
%! dataTrain = data(idxTrain);
%! dataTest = data(idxTest);
%!
%! for n = 1:numel(dataTrain)
%!     X = dataTrain{n};
%!     XTrain{n} = X(:,1:end-1);
%!     TTrain{n} = X(:,2:end);
%! end
%!
%! muX = mean(cat(2,XTrain{:}),2);
%! sigmaX = std(cat(2,XTrain{:}),0,2);
%!
%! muT = mean(cat(2,TTrain{:}),2);
%! sigmaT = std(cat(2,TTrain{:}),0,2);
%!
%! for n = 1:numel(XTrain)
%!     XTrain{n} = (XTrain{n} - muX) ./ sigmaX;
%!     TTrain{n} = (TTrain{n} - muT) ./ sigmaT;
%! end
%!
%! layers = [
%!     sequenceInputLayer(numChannels)
%!     lstmLayer(128)
%!     fullyConnectedLayer(numChannels)
%!     regressionLayer];
%!
%! options = trainingOptions("adam", ...
%!     "MaxEpochs",200, ...
%!     "SequencePaddingDirection","left", ...
%!     "Shuffle","every-epoch", ...
%!     "Plots","none", ...
%!     "Verbose",0);
%!
%! net = trainNetwork(XTrain,TTrain,layers,options);
%!
%! for n = 1:size(dataTest,1)
%!     X = dataTest{n};
%!     XTest{n} = (X(:,1:end-1) - muX) ./ sigmaX;
%!     TTest{n} = (X(:,2:end) - muT) ./ sigmaT;
%! end
%!
%! YTest = predict(net,XTest,"SequencePaddingDirection","left");
%!
%! for i = 1:size(YTest,1)
%!     rmse(i) = sqrt(mean((YTest{i}(:) - TTest{i}(:)).^2));
%! end
%!
%! mean(rmse)
%!
%! idx = 2;
%! X = XTest{idx};
%! T = TTest{idx};
%!
%! net = resetState(net);
%! offset = 75;
%! [net,~] = predictAndUpdateState(net,X(:,1:offset));
%!
%! numTimeSteps = size(X,2);
%! numPredictionTimeSteps = numTimeSteps - offset;
%! Y = zeros(numChannels,numPredictionTimeSteps);
%!
%! for t = 1:numPredictionTimeSteps
%!     Xt = X(:,offset+t);
%!     [net,Y(:,t)] = predictAndUpdateState(net,Xt);
%! end
%!
%! net = resetState(net);
%! offset = size(X,2);
%! [net,Z] = predictAndUpdateState(net,X);
%!
%! numPredictionTimeSteps = 200;
%! Xt = Z(:,end);
%! Y = zeros(numChannels,numPredictionTimeSteps);
%!
%! for t = 1:numPredictionTimeSteps
%!     [net,Y(:,t)] = predictAndUpdateState(net,Xt);
%!     Xt = Y(:,t);
%! end
%!
%! numTimeSteps = offset + numPredictionTimeSteps;
%! ## checks: a one-step error well below the spread of the standardised
%! ## data, open-loop steps equal to predict on the whole sequence, and
%! ## closed-loop forecasts of the right size that stay bounded
%! assert (mean (rmse) < 0.5);
%! net = resetState (net);
%! whole = predict (net, X);
%! [net, open] = predictAndUpdateState (net, X(:, 1:75));
%! assert (open, whole(:, 1:75), 1e-12);
%! [net, y76] = predictAndUpdateState (net, X(:, 76));
%! assert (y76, whole(:, 76), 1e-12);
%! assert (size (Y), [numChannels 200]);
%! assert (all (isfinite (Y(:))) && max (abs (Y(:))) < 5);

%!demo
%! %% data: replaces "load WaveformData" (MathWorks' synthetic waveforms of
%! %% 3 channels of 103 to 200 steps) by synthetic waveforms of 3 channels
%! %% and unequal lengths (80 to 140 steps), made here
%! rand ("seed", 1); randn ("seed", 1);
%! data = cell (20, 1);
%! for i = 1:20
%!   n = 80 + floor (61 * rand ());   # 80..140 time steps
%!   f = 0.05 + 0.1 * rand (3, 1); ph = 2 * pi * rand (3, 1);
%!   data{i} = sin (f * (1:n) + ph) + 0.05 * randn (3, n);
%! end
%! %% MathWorks' code from here on ("Name",value pairs for its Name=value
%! %% syntax, which Octave 7.3 reads as an assignment; mean(x(:)) for mean(x,"all"); Octave's hist,
%! %% subplot and sprintf for histogram, tiledlayout and string "+")
%! numChannels = size(data{1},1)
%!
%! numObservations = numel(data);
%! idxTrain = 1:floor(0.9*numObservations);
%! idxTest = floor(0.9*numObservations)+1:numObservations;
%! dataTrain = data(idxTrain);
%! dataTest = data(idxTest);
%!
%! for n = 1:numel(dataTrain)
%!     X = dataTrain{n};
%!     XTrain{n} = X(:,1:end-1);
%!     TTrain{n} = X(:,2:end);
%! end
%!
%! muX = mean(cat(2,XTrain{:}),2);
%! sigmaX = std(cat(2,XTrain{:}),0,2);
%!
%! muT = mean(cat(2,TTrain{:}),2);
%! sigmaT = std(cat(2,TTrain{:}),0,2);
%!
%! for n = 1:numel(XTrain)
%!     XTrain{n} = (XTrain{n} - muX) ./ sigmaX;
%!     TTrain{n} = (TTrain{n} - muT) ./ sigmaT;
%! end
%!
%! layers = [
%!     sequenceInputLayer(numChannels)
%!     lstmLayer(128)
%!     fullyConnectedLayer(numChannels)
%!     regressionLayer];
%!
%! options = trainingOptions("adam", ...
%!     "MaxEpochs",200, ...
%!     "SequencePaddingDirection","left", ...
%!     "Shuffle","every-epoch", ...
%!     "Plots","training-progress", ...
%!     "Verbose",0);
%!
%! net = trainNetwork(XTrain,TTrain,layers,options);
%!
%! for n = 1:size(dataTest,1)
%!     X = dataTest{n};
%!     XTest{n} = (X(:,1:end-1) - muX) ./ sigmaX;
%!     TTest{n} = (X(:,2:end) - muT) ./ sigmaT;
%! end
%!
%! YTest = predict(net,XTest,"SequencePaddingDirection","left");
%!
%! for i = 1:size(YTest,1)
%!     rmse(i) = sqrt(mean((YTest{i}(:) - TTest{i}(:)).^2));
%! end
%!
%! figure
%! hist(rmse)            % MATLAB: histogram(rmse)
%! xlabel("RMSE")
%! ylabel("Frequency")
%!
%! mean(rmse)
%!
%! idx = 2;
%! X = XTest{idx};
%! T = TTest{idx};
%!
%! net = resetState(net);
%! offset = 75;
%! [net,~] = predictAndUpdateState(net,X(:,1:offset));
%!
%! numTimeSteps = size(X,2);
%! numPredictionTimeSteps = numTimeSteps - offset;
%! Y = zeros(numChannels,numPredictionTimeSteps);
%!
%! for t = 1:numPredictionTimeSteps
%!     Xt = X(:,offset+t);
%!     [net,Y(:,t)] = predictAndUpdateState(net,Xt);
%! end
%!
%! figure                % MATLAB: tiledlayout and nexttile
%! for i = 1:numChannels
%!     subplot(numChannels,1,i)
%!     plot(T(i,:))
%!     hold on
%!     plot(offset:numTimeSteps,[T(i,offset) Y(i,:)],'--')
%!     ylabel(sprintf("Channel %d", i))
%!     if i == 1, title("Open Loop Forecasting"), legend({"Input" "Forecasted"}), end
%! end
%! xlabel("Time Step")
%!
%! net = resetState(net);
%! offset = size(X,2);
%! [net,Z] = predictAndUpdateState(net,X);
%!
%! numPredictionTimeSteps = 200;
%! Xt = Z(:,end);
%! Y = zeros(numChannels,numPredictionTimeSteps);
%!
%! for t = 1:numPredictionTimeSteps
%!     [net,Y(:,t)] = predictAndUpdateState(net,Xt);
%!     Xt = Y(:,t);
%! end
%!
%! numTimeSteps = offset + numPredictionTimeSteps;
%!
%! figure
%! for i = 1:numChannels
%!     subplot(numChannels,1,i)
%!     plot(T(i,1:offset))
%!     hold on
%!     plot(offset:numTimeSteps,[T(i,offset) Y(i,:)],'--')
%!     ylabel(sprintf("Channel %d", i))
%!     if i == 1, title("Closed Loop Forecasting"), legend({"Input" "Forecasted"}), end
%! end
%! xlabel("Time Step")
