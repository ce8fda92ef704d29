## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{n} =} rnn_vocab_size (@var{tok})
## The number of token indices of tokenizer @var{tok} including padding 0:
## @code{numel (@var{tok}.vocab) + 1}, the first element of a model's
## @code{'Embedding'} (as R's @code{rnn_vocab_size()}).
## @seealso{rnn_tokenizer, rnn_fit}
## @end deftypefn

function n = rnn_vocab_size (tok, varargin)
  check_nargin ("rnn_vocab_size", nargin, 1, 1, "n = rnn_vocab_size (tokenizer)");
  tok = check_tokenizer (tok);
  n = numel (tok.vocab) + 1;
endfunction

%!assert (rnn_vocab_size (rnn_tokenizer ("abca")), 4)
%!error <made by rnn_tokenizer> rnn_vocab_size ("abc")
%!error <takes 1 argument\(s\), not 2> rnn_vocab_size (rnn_tokenizer ("ab"), 1)
