## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{Y} =} predict (@var{net}, @var{X}, @var{name}, @var{value}, @dots{})
## Predictions of a network from @code{trainNetwork} or @code{trainnet}
## for the sequences @var{X}, in MATLAB's layouts, with rnnkit's C core
## (@code{rnn_predict}); every sequence starts from a zero state.
##
## @var{X} is a cell of C x T matrices, one C x T matrix or an N x C x T
## array.  A sequence-to-sequence network gives outputs in the same
## layout (a cell of R x T matrices, an R x T matrix, or N x R x T); a
## sequence-to-one network gives an N x R matrix (1 x R for one
## sequence).  A classifier gives the class scores (probabilities), in
## the order of @code{net.Model.classes}.  The sequences of a cell may
## differ in length: as in MATLAB, each mini-batch of
## @qcode{'MiniBatchSize'} [128] sequences is padded with
## @qcode{'SequencePaddingValue'} [0] to its longest sequence, after the
## time steps or (@qcode{'SequencePaddingDirection'} @qcode{'left'})
## before them, or truncated to its shortest (@qcode{'SequenceLength'}
## @qcode{'shortest'}); the outputs of the padded steps are removed, so
## a sequence-to-sequence network gives R x T_i (R x the shortest) per
## sequence.  A sequence-to-one network reads the padding too: pad on
## the left to end every sequence at its last step.  A number of steps
## for @qcode{'SequenceLength'} gives the outputs of @qcode{'longest'}
## (the state is carried from chunk to chunk).
## @qcode{'ExecutionEnvironment'} is accepted and changes nothing.
## @seealso{trainNetwork, trainnet, predictAndUpdateState, rnn_predict}
## @end deftypefn

function Y = predict (net, X, varargin)
  check_nargin ("predict", nargin, 2, Inf, "Y = predict (net, X, 'Name', value, ...)");
  if (iscell (X) && numel (unique (cellfun ("columns", X(:)))) > 1)
    [~, ~, o] = dl_net ("predict", net, [], varargin);
    left = strcmp (o.SequencePaddingDirection, "left");
    X = X(:);
    n = numel (X);
    Y = cell (n, 1);
    for i0 = 1:o.MiniBatchSize:n # MATLAB's mini-batches, each padded alone
      k = i0:min (n, i0 + o.MiniBatchSize - 1);
      t = cellfun ("columns", X(k));
      if (strcmp (o.SequenceLength, "shortest"))
        X(k) = cellfun (@(s) s(:, merge (left, end-min (t)+1:end, 1:min (t))), ...
                        X(k), "UniformOutput", false);
        t(:) = min (t);
      endif
      A = dl_data (X(k), "X", struct ("left", left, "value", o.SequencePaddingValue, "T", 0));
      P = rnn_predict (net.Model, A);
      if (strcmp (net.OutputMode, "last"))
        Y(k) = num2cell (reshape (P, numel (k), []), 2);
      else
        T = size (A, 2);
        P = reshape (P, numel (k), T, []);
        for j = 1:numel (k)
          Y{k(j)} = permute (P(j, merge (left, T-t(j)+1:T, 1:t(j)), :), [3 2 1]);
        endfor
      endif
    endfor
    if (strcmp (net.OutputMode, "last"))
      Y = vertcat (Y{:});
    endif
    return;
  endif
  [A, form] = dl_net ("predict", net, X, varargin);
  Y = out (rnn_predict (net.Model, A), form, net, size (A));
endfunction

## the model's outputs in the layout of X
function Y = out (P, form, net, d)
  if (strcmp (net.OutputMode, "last"))
    Y = reshape (P, d(1), []);
  else
    Y = dl_data (P, form, d(1), d(2), numel (P) / (d(1) * d(2)));
  endif
endfunction

%!test
%! X = arrayfun (@(i) sin (0.3 * (i:i+9)), (1:6)', "UniformOutput", false);
%! o = trainingOptions ("adam", "MaxEpochs", 2, "Verbose", false);
%! net = trainNetwork (X, X, [sequenceInputLayer(1) lstmLayer(3) ...
%!                            fullyConnectedLayer(1) regressionLayer], o);
%! Y = predict (net, X, "SequencePaddingDirection", "left");
%! assert (iscell (Y) && size (Y{1}, 1) == 1 && size (Y{1}, 2) == 10);
%! ## sequences of other lengths are predicted one by one
%! Z = predict (net, {X{1}(1:4); X{2}});
%! assert (Z{1}, Y{1}(1:4), 1e-14);
%! assert (Z{2}, Y{2}, 1e-14);
%! A = predict (net, reshape (cell2mat (X), 6, 1, 10));
%! assert (size (A), [6 1 10]);
%! assert (squeeze (A(2, 1, :))', Y{2}, 1e-14);
%!error <NET must come from trainNetwork> predict (struct ("a", 1), {1})
%!error id=rnnkit:input predict (struct ("Model", 1, "OutputMode", "last"), sparse ([1 2]))
%!error <predict: unknown option 'Foo'> predict (struct ("Model", 1, "OutputMode", "last"), {1}, "Foo", 1)

## predict is a plain function: the predict methods of other classes
## (e.g. the statistics package's ClassificationKNN) still dispatch first
%!test
%! d = tempname ();
%! mkdir (fullfile (d, "@rnnkit_test_cls"));
%! unwind_protect
%!   fid = fopen (fullfile (d, "@rnnkit_test_cls", "rnnkit_test_cls.m"), "w");
%!   fputs (fid, "function o = rnnkit_test_cls ()\n o = class (struct (), 'rnnkit_test_cls');\nend\n");
%!   fclose (fid);
%!   fid = fopen (fullfile (d, "@rnnkit_test_cls", "predict.m"), "w");
%!   fputs (fid, "function y = predict (o, x)\n y = 'the class method';\nend\n");
%!   fclose (fid);
%!   addpath (d);
%!   assert (predict (rnnkit_test_cls (), 1), "the class method");
%! unwind_protect_cleanup
%!   rmpath (d);
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect
