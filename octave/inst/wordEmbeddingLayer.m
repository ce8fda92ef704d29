## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} wordEmbeddingLayer (@var{dimension}, @var{numWords}, @var{name}, @var{value}, @dots{})
## A word embedding layer, as in MATLAB's Text Analytics Toolbox: the
## word indices 1..@var{numWords} of a sequence are mapped to learned
## vectors of @var{dimension} numbers.  It follows
## @code{sequenceInputLayer(1)}; the sequences hold word indices, and 0
## is padding, masked as in @code{rnn_fit (..., 'Embedding', [numWords+1
## dimension])} (rnnkit's token 0), so sequences of different lengths
## can be padded with zeros on the left (@code{rnn_pad_sequences}).
## Option: @qcode{'Name'}.
## @seealso{sequenceInputLayer, lstmLayer, rnn_tokenizer, trainNetwork}
## @end deftypefn

function layer = wordEmbeddingLayer (dimension, numWords, varargin)
  check_nargin ("wordEmbeddingLayer", nargin, 2, Inf, ...
                "layer = wordEmbeddingLayer (dimension, numWords, 'Name', value)");
  sz = struct ("Dimension", check_count (dimension, "dimension", 1, 1e5), ...
               "NumWords", check_count (numWords, "numWords", 1, 1e8));
  layer = dl_layer ("wordEmbeddingLayer", "embedding", "Word embedding", sz, ...
                    struct (), varargin);
endfunction

%!test
%! L = wordEmbeddingLayer (8, 100);
%! assert ([L.Dimension, L.NumWords], [8 100]);
%!error <wordEmbeddingLayer takes at least 2> wordEmbeddingLayer (8)
%!error <'numWords' must be a whole number> wordEmbeddingLayer (8, 0)
