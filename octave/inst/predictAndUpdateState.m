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
## outputs without those of the padding, in a cell.  As in MATLAB, each
## mini-batch of @qcode{'MiniBatchSize'} [128] sequences is padded alone,
## to its own longest sequence (the state runs through the padding, so
## the size can change the outputs of sequences of unequal length); each
## sequence's state is kept in @var{net} all the same.
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
  if (iscell (X) && numel (unique (cellfun ("columns", X(:)))) > 1)
    [~, ~, o] = dl_net ("predictAndUpdateState", net, [], varargin);
    if (numel (X) > o.MiniBatchSize)
      [net, Y] = minibatches (net, X(:), o.MiniBatchSize, varargin);
      return;
    endif
  endif
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

## MATLAB's mini-batches of sequences of unequal length, each padded
## alone, with each sequence's state kept: the state of N sequences is
## per layer (h, then c for an LSTM) H x N, a column per sequence
function [net, Y] = minibatches (net, X, b, args)
  m = plain (net.Model);
  n = numel (X);
  H = m.config.units(:)';
  if (strcmp (m.config.cell, "lstm"))
    H = [H H];
  endif
  state = [];
  if (isfield (m, "state"))
    state = m.state;
  endif
  if (isempty (state))
    state = zeros (sum (H) * n, 1);  # zeros: a fresh start
  elseif (numel (state) != sum (H) * n)
    error ("rnnkit:dim", ["predictAndUpdateState: the network's state is for %d " ...
           "sequence(s), not %d; call resetState to start new sequences"], ...
           numel (state) / sum (H), n);
  endif
  S = blocks (state, H, n);  # S{l}: H(l) x n
  Y = cell (n, 1);
  for i0 = 1:b:n
    k = i0:min (n, i0 + b - 1);
    sub = net;
    sub.Model.state = unblocks (cellfun (@(s) s(:, k), S, "UniformOutput", false));
    [sub, Yk] = predictAndUpdateState (sub, X(k), args{:});
    Sk = blocks (sub.Model.state, H, numel (k));
    for l = 1:numel (S)
      S{l}(:, k) = Sk{l};
    endfor
    if (iscell (Yk))
      Y(k) = Yk(:);
    else
      Y(k) = num2cell (Yk, 2);
    endif
  endfor
  if (! strcmp (net.OutputMode, "sequence"))
    Y = vertcat (Y{:});
  endif
  net.Model.state = unblocks (S);
endfunction

## the state vector [h_1 | ... | c_L] as blocks H(l) x n, and back
function S = blocks (state, H, n)
  S = mat2cell (state(:), H(:) * n, 1);
  for l = 1:numel (S)
    S{l} = reshape (S{l}, H(l), n);
  endfor
endfunction

function state = unblocks (S)
  state = cell2mat (cellfun (@(s) s(:), S(:), "UniformOutput", false));
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

## 'MiniBatchSize' as MATLAB: mini-batches of sequences of unequal length
## are padded alone (here sequence 3 reads no padding in a batch of 1,
## 2 steps of it in one batch of all), and each sequence keeps its state
%!test
%! X = {sin(0.3 * (1:8)); cos(0.2 * (1:6)); sin(0.5 * (1:6)) + 0.1};
%! o = trainingOptions ("adam", "MaxEpochs", 2, "Verbose", false);
%! for mode = {"sequence", "last"}
%!   net = trainNetwork (X, cellfun (@(s) s(end), X), [sequenceInputLayer(1) ...
%!                       lstmLayer(3, "OutputMode", "last") fullyConnectedLayer(1) regressionLayer], o);
%!   if (strcmp (mode{1}, "sequence"))
%!     net = trainNetwork (X, X, [sequenceInputLayer(1) lstmLayer(3) fullyConnectedLayer(1) ...
%!                                regressionLayer], o);
%!   endif
%!   [n1, y1] = predictAndUpdateState (resetState (net), X, "MiniBatchSize", 1);
%!   [na, ya] = predictAndUpdateState (resetState (net), X);
%!   for i = 1:3  # a batch of one: no padding, the sequence alone
%!     [~, yi] = predictAndUpdateState (resetState (net), X(i));
%!     if (iscell (y1))
%!       assert (y1{i}, yi{1}, 1e-14);
%!     else
%!       assert (y1(i, :), yi, 1e-14);
%!     endif
%!   endfor
%!   ## batches of 2: {1, 2} padded to 8 steps together, {3} alone
%!   [n2, y2] = predictAndUpdateState (resetState (net), X, "MiniBatchSize", 2);
%!   [~, y12] = predictAndUpdateState (resetState (net), X(1:2));
%!   if (iscell (y2))
%!     assert (y2(1:2), y12, 1e-14);
%!     assert (y2{3}, y1{3}, 1e-14);
%!   else
%!     assert (y2(1:2, :), y12, 1e-14);
%!     assert (y2(3, :), y1(3, :), 1e-14);
%!   endif
%!   ## the state of each sequence is kept: one more step of all three
%!   z = {0.1; 0.2; 0.3};
%!   [~, s1] = predictAndUpdateState (n1, z);
%!   [~, si] = predictAndUpdateState (predictAndUpdateState (resetState (net), X(3)), z(3));
%!   if (iscell (s1))
%!     assert (s1{3}, si{1}, 1e-14);
%!   else
%!     assert (s1(3, :), si, 1e-14);
%!   endif
%!   assert (numel (n1.Model.state), numel (na.Model.state));
%! endfor

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
