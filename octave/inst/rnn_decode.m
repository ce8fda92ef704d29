## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{texts} =} rnn_decode (@var{tok}, @var{seqs})
## Texts from token indices under tokenizer @var{tok}, as R's
## @code{rnn_decode()}: characters are joined without a separator, words
## with single spaces, and padding 0 is dropped.
##
## @var{seqs} is a cell array of index vectors (as from
## @code{rnn_encode}; the result is a cellstr of its shape), a matrix
## with one sequence per row (as from @code{rnn_pad_sequences}; a cellstr
## column), or a row vector: one sequence, decoded to a string.
## @seealso{rnn_encode, rnn_tokenizer}
## @end deftypefn

function texts = rnn_decode (tok, seqs, varargin)
  check_nargin ("rnn_decode", nargin, 2, 2, "texts = rnn_decode (tokenizer, seqs)");
  tok = check_tokenizer (tok);
  one = false;
  if (isnumeric (seqs) && ndims (seqs) == 2)
    one = rows (seqs) == 1;
    seqs = num2cell (seqs, 2);
  elseif (! iscell (seqs))
    error ("rnnkit:input", ["'SEQS' must be a cell array of index vectors (as " ...
           "rnn_encode returns), a matrix with one sequence per row, or one " ...
           "row of indices; not %s"], describe (seqs));
  endif
  for k = 1:numel (seqs)
    s = seqs{k};
    if (! (isnumeric (s) && isreal (s) && (isvector (s) || isempty (s))))
      error ("rnnkit:input", "'SEQS' sequence %d must be a vector of whole numbers, not %s", ...
             k, describe (s));
    endif
    seqs{k} = full (double (s(:)'));
  endfor
  ## joined by the C core (rnn_text_decode, as in R), which also names an
  ## id outside the vocabulary
  texts = reshape (__rnnkit__ ("text_decode", cellfun (@numel, seqs(:)), ...
                               [seqs{:}], tok.vocab, tok.level), ...
                   size (seqs));
  if (one)
    texts = texts{1};
  endif
endfunction

%!test
%! tok = rnn_tokenizer ("hello world");
%! assert (rnn_decode (tok, [4 3 5 5 6]), "hello");
%! assert (rnn_decode (tok, [0 0 4 3; 6 1 0 0]), {"he"; "o "});
%! assert (rnn_decode (tok, {[4 3], []}), {"he", ""});
%! tw = rnn_tokenizer ("a b c", "Level", "word");
%! assert (rnn_decode (tw, [1 0 3 2]), "a c b");

%!error <outside 0..8> rnn_decode (rnn_tokenizer ("hello world"), [1 9])
%!error <outside 0..8> rnn_decode (rnn_tokenizer ("hello world"), {1, 2.5})
%!error <must be a cell array of index vectors> rnn_decode (rnn_tokenizer ("ab"), "ab")
%!error <takes 2 argument\(s\), not 1> rnn_decode (rnn_tokenizer ("ab"))
