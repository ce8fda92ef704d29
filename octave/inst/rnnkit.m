## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {} rnnkit
## LSTM, GRU and SimpleRNN networks for Octave; predictAndUpdateState too.
##
## rnnkit trains recurrent neural networks by backpropagation through
## time in a small C core shared with the R package rnnkit: the same
## data, options and seed give the same weights, forecasts and accuracy
## tables in R and Octave, and a model saved in either loads in the
## other.  @code{help @var{name}} describes each function; @code{pkg test
## rnnkit} runs their tests.  Typing @code{rnnkit} shows this page.
##
## Time series:
## @table @code
## @item rnn_example_data
## the bundled DJIA prices and monthly airline passengers
## @item rnn_read_csv
## a CSV file as a struct of columns (numbers, text, dates), read as R
## reads it
## @item rnn_windows
## a series cut into scaled windows with dates and a train/test split
## @item rnn_fit
## fit a SimpleRNN, LSTM or GRU network (on windows, arrays or text data)
## @item rnn_predict
## predictions; on windows with @code{"Units", "original"}, a dated table
## with the actual values and the naive forecast
## @item rnn_forecast
## the next values, with prediction intervals and dates
## @item rnn_accuracy
## RMSE, MAE, MAPE, MASE and DA against the naive, seasonal naive and
## drift baselines, and whether the model beats them
## @item rnn_summary
## a short summary of a model, windows, predictions, a forecast, an
## accuracy table or text data: what typing their name shows
## @item rnn_member
## one member of an ensemble as a model of its own
## @item rnn_plot
## loss curves, actual against predicted, or a forecast with its bands
## @end table
##
## Step-wise prediction, as MATLAB's @code{predictAndUpdateState} and
## @code{resetState}:
## @table @code
## @item rnn_predict_and_update_state
## predict from the state the previous call left, and keep the new one
## @item rnn_reset_state
## clear that state
## @end table
##
## MATLAB's Deep Learning Toolbox names, on rnnkit's core (sequences as
## C x T matrices, a cell of them, or an N x C x T array):
## @table @code
## @item sequenceInputLayer
## @itemx lstmLayer
## @itemx gruLayer
## @itemx fullyConnectedLayer
## @itemx dropoutLayer
## @itemx regressionLayer
## @itemx softmaxLayer
## @itemx classificationLayer
## @itemx wordEmbeddingLayer
## layers, joined with [ ... ] into a layer array
## @item trainingOptions
## "adam", "sgdm" or "rmsprop" and MATLAB's training options
## @item trainNetwork
## @itemx trainnet
## train a sequence-to-one or sequence-to-sequence network
## @item predict
## @itemx predictAndUpdateState
## @itemx resetState
## predictions, with and without carrying the network's state
## @end table
##
## Model files:
## @table @code
## @item rnn_save
## @itemx rnn_load
## the portable model file shared with R
## @end table
##
## Layers with given weights (Keras' layout):
## @table @code
## @item rnn_layer
## @itemx rnn_layer_call
## one recurrent layer and running it over sequences
## @end table
##
## Sequences and text:
## @table @code
## @item rnn_tokenizer
## @itemx rnn_encode
## @itemx rnn_decode
## @itemx rnn_pad_sequences
## @itemx rnn_vocab_size
## character and word tokenizers, as R's and Keras'
## @item rnn_text_data
## a text arranged for a language model
## @item rnn_generate
## text sampled from a language model
## @end table
##
## What rnnkit's functions return (models, windows, predictions,
## forecasts, accuracy tables, text data) are @code{rnnkit_object}s: their
## names show a short summary, their fields read as a struct's
## (@code{model.history.loss(end)}), @code{struct (x)} is the plain
## struct, and Octave's @code{save}/@code{load} keep them.
## @seealso{rnn_fit, rnn_windows, rnn_forecast, rnn_accuracy, rnn_summary, rnnkit_object}
## @end deftypefn

function rnnkit ()
  help ("rnnkit");
endfunction

## the page lists every function of the package
%!test
%! txt = help ("rnnkit");
%! d = fileparts (which ("rnn_fit"));
%! fns = setdiff (regexprep ({dir(fullfile (d, "*.m")).name}, '\.m$', ''), {"rnnkit"});
%! assert (numel (fns) >= 37);
%! for f = fns
%!   assert (! isempty (regexp (txt, ['\<' f{1} '\>'], "once")), true, ["help rnnkit lacks " f{1}]);
%! endfor
%! assert (evalc ("rnnkit"), evalc ("help rnnkit"));

## lookfor predictAndUpdateState finds the page and the function
%!test
%! fns = lookfor ("predictAndUpdateState");
%! assert (any (strcmp (fns, "rnnkit")));
%! assert (any (strcmp (fns, "rnn_predict_and_update_state")));
