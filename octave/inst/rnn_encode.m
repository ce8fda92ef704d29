## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{seqs} =} rnn_encode (@var{tok}, @var{texts})
## Token indices of @var{texts} (a string or a cell array of strings)
## under tokenizer @var{tok}, as R's @code{rnn_encode()}: a cell array of
## the shape of @var{texts} (1x1 for a string) holding one row of indices
## (doubles, 1..@code{numel (@var{tok}.vocab)}) per text.
##
## The texts are lower-cased and filtered as the tokenizer was fitted.
## Tokens the tokenizer does not know are dropped, or become index 1 when
## it has an @qcode{'Oov'} token.  @code{rnn_pad_sequences} turns the
## rows into the samples x timesteps matrix a token model reads.
## @seealso{rnn_tokenizer, rnn_decode, rnn_pad_sequences}
## @end deftypefn

function seqs = rnn_encode (tok, texts, varargin)
  check_nargin ("rnn_encode", nargin, 2, 2, "seqs = rnn_encode (tokenizer, texts)");
  tok = check_tokenizer (tok);
  texts = check_texts (texts);
  ## split and looked up by the core (rnn_text_encode, as in R)
  seqs = __rnnkit__ ("text_encode", texts, tok.level, ...
                     logical (tok.lower), tok.filters, tok.vocab, ! isempty (tok.oov));
endfunction

%!test
%! tok = rnn_tokenizer ("abc");
%! assert (rnn_encode (tok, "cab"), {[3 1 2]});
%! assert (rnn_encode (tok, {"a"; "zz"; ""}), {1; zeros(1, 0); zeros(1, 0)});
%! assert (rnn_encode (tok, {"a", "b"}), {1, 2});

%!error <the arguments are \(tokenizer, texts\)> rnn_encode ("abc", rnn_tokenizer ("abc"))
%!error <must be a string or a cell array> rnn_encode (rnn_tokenizer ("abc"), 3)
%!error <'TOKENIZER.lower' must be true or false> rnn_encode (setfield (rnn_tokenizer ("abc"), "lower", "yes"), "a")
%!error <'TOKENIZER' must be a tokenizer> rnn_encode (setfield (rnn_tokenizer ("abc"), "level", {}), "a")
%!error <'TOKENIZER.oov' must be a string> rnn_encode (setfield (rnn_tokenizer ("abc"), "oov", 3), "a")
%!error <takes 2 argument\(s\), not 3> rnn_encode (rnn_tokenizer ("abc"), "a", 1)
