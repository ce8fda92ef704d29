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
  toks = __rnnkit__ ("text_tokens", texts, strcmp (tok.level, "word"), ...
                     logical (tok.lower), tok.filters);
  if (strcmp (tok.level, "char"))
    ## a vocabulary entry of several characters (an oov token) matches
    ## no single character
    vocab = -ones (numel (tok.vocab), 1);
    for k = 1:numel (tok.vocab)
      cp = utf8_decode (tok.vocab{k});
      if (isscalar (cp))
        vocab(k) = cp;
      endif
    endfor
  else
    vocab = tok.vocab;
  endif
  has_oov = ! isempty (tok.oov);
  seqs = cell (size (texts));
  for k = 1:numel (toks)
    [hit, i] = ismember (toks{k}, vocab);
    if (has_oov)
      i(! hit) = 1;
    else
      i = i(hit);
    endif
    seqs{k} = reshape (double (i), 1, []);
  endfor
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
