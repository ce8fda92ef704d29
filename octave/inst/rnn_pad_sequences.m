## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{X} =} rnn_pad_sequences (@var{seqs})
## @deftypefnx {} {@var{X} =} rnn_pad_sequences (@var{seqs}, @var{name}, @var{value}, @dots{})
## Sequences of different lengths (a cell array of index vectors, as from
## @code{rnn_encode}) as one samples x timesteps matrix, with Keras'
## @code{pad_sequences} semantics (and R's @code{rnn_pad_sequences()}).
##
## @table @asis
## @item @qcode{'MaxLen'}
## the number of columns; longer sequences are truncated [the longest]
## @item @qcode{'Padding'}
## @qcode{'pre'} (padding before the tokens, so the last step is the
## last token) or @qcode{'post'} [@qcode{'pre'}]
## @item @qcode{'Truncating'}
## drop the tokens of long sequences from the start (@qcode{'pre'}) or
## the end (@qcode{'post'}) [@qcode{'pre'}]
## @item @qcode{'Value'}
## the padding index [0, which a token model masks out]
## @end table
##
## @example
## rnn_pad_sequences (@{1, [2 3], [4 5 6]@})
##   @result{} [0 0 1; 0 2 3; 4 5 6]
## rnn_pad_sequences (@{1, [2 3], [4 5 6]@}, "MaxLen", 2, "Padding", "post")
##   @result{} [1 0; 2 3; 5 6]
## @end example
## @seealso{rnn_encode, rnn_fit}
## @end deftypefn

function X = rnn_pad_sequences (seqs, varargin)
  check_nargin ("rnn_pad_sequences", nargin, 1, Inf, ...
                "X = rnn_pad_sequences (seqs, 'MaxLen', n, ...)");
  o = rnnkit_options (struct ("MaxLen", [], "Padding", "pre", "Truncating", "pre", ...
                              "Value", 0), "rnn_pad_sequences", varargin);
  padding = check_choice (o.Padding, {"pre", "post"}, "Padding");
  truncating = check_choice (o.Truncating, {"pre", "post"}, "Truncating");
  if (! isempty (o.MaxLen))
    o.MaxLen = check_count (o.MaxLen, "MaxLen", 1, 2^31 - 1);
  endif
  v = o.Value;
  if (! (isnumeric (v) && isreal (v) && isscalar (v) && isfinite (v) && v == round (v)))
    error ("rnnkit:input", ["'Value' (the padding index, usually 0) must be a " ...
           "whole number, not %s"], describe (v));
  endif
  if (! iscell (seqs))
    error ("rnnkit:input", ["'SEQS' must be a cell array of integer vectors (one " ...
           "per sequence), as rnn_encode returns; not %s%s"], describe (seqs), ...
           merge (isnumeric (seqs) && isvector (seqs), ...
                  ". For one sequence use {seqs}", ""));
  endif
  n = numel (seqs);
  lens = zeros (n, 1);
  for k = 1:n
    s = seqs{k};
    if (! ((isnumeric (s) || islogical (s)) && isreal (s) && (isvector (s) || isempty (s))))
      error ("rnnkit:input", "'SEQS'{%d} must be a vector of whole numbers, not %s", ...
             k, describe (s));
    endif
    bad = find (! isfinite (s) | s != round (s), 1);
    if (! isempty (bad))
      error ("rnnkit:input", ["'SEQS'{%d}(%d) is %g; sequences hold whole numbers " ...
             "(token indices)"], k, bad, s(bad));
    endif
    lens(k) = numel (s);
  endfor
  maxlen = o.MaxLen;
  if (isempty (maxlen))
    maxlen = max ([0; lens]);
  endif
  __rnnkit__ ("need_memory", 8 * n * maxlen, "the padded sequences");
  ## Keras' pre/post padding and truncation, by the core (as in R)
  vals = cellfun (@(s) full (double (s(:)')), seqs, "UniformOutput", false);
  X = __rnnkit__ ("pad_sequences", lens, [zeros(1, 0), vals{:}], maxlen, ...
                  strcmp (padding, "post"), strcmp (truncating, "post"), ...
                  full (double (v)));
endfunction

%!test
%! s = {1, [2 3], [4 5 6]};
%! assert (rnn_pad_sequences (s), [0 0 1; 0 2 3; 4 5 6]);
%! assert (rnn_pad_sequences (s, "Value", -1), [-1 -1 1; -1 2 3; 4 5 6]);
%! assert (rnn_pad_sequences (s, "Padding", "post"), [1 0 0; 2 3 0; 4 5 6]);
%! assert (rnn_pad_sequences (s, "MaxLen", 2), [0 1; 2 3; 5 6]);
%! assert (rnn_pad_sequences (s, "MaxLen", 2, "Truncating", "post"), [0 1; 2 3; 4 5]);
%! assert (rnn_pad_sequences (s, "MaxLen", 2, "Padding", "post", "Truncating", "post"), [1 0; 2 3; 4 5]);
%! assert (rnn_pad_sequences (s, "MaxLen", 2, "Padding", "post", "Truncating", "pre"), [1 0; 2 3; 5 6]);
%! assert (rnn_pad_sequences (s, "MaxLen", 5), [0 0 0 0 1; 0 0 0 2 3; 0 0 4 5 6]);
%! assert (rnn_pad_sequences (s, "MaxLen", 1), [1; 3; 6]);
%! assert (rnn_pad_sequences (s, "MaxLen", 1, "Truncating", "post"), [1; 2; 4]);
%! assert (rnn_pad_sequences ({[], [7 8], zeros(1, 0)}, "MaxLen", 3), [0 0 0; 0 7 8; 0 0 0]);
%! assert (size (rnn_pad_sequences ({[], []})), [2 0]);
%! assert (size (rnn_pad_sequences ({})), [0 0]);

## random cases against a plain loop
%!test
%! rand ("seed", 3);
%! r = arrayfun (@(k) randi (50, 1, k), randi ([0 12], 1, 40), "UniformOutput", false);
%! for pad = {"pre", "post"}
%!   for tr = {"pre", "post"}
%!     m = rnn_pad_sequences (r, "MaxLen", 7, "Padding", pad{1}, "Truncating", tr{1});
%!     for i = 1:numel (r)
%!       v = r{i};
%!       if (numel (v) > 7)
%!         if (strcmp (tr{1}, "pre")) v = v(end-6:end); else v = v(1:7); endif
%!       endif
%!       z = zeros (1, 7 - numel (v));
%!       if (strcmp (pad{1}, "pre")) w = [z v]; else w = [v z]; endif
%!       assert (m(i, :), w);
%!     endfor
%!   endfor
%! endfor

%!error <must be a cell array of integer vectors> rnn_pad_sequences ([1 2 3])
%!error <whole numbers> rnn_pad_sequences ({[1 2.5]})
%!error <'Padding' must be one of> rnn_pad_sequences ({1}, "Padding", "both")
%!error <'MaxLen' must be a whole number> rnn_pad_sequences ({1}, "MaxLen", 0)
%!error <padded sequences would need> rnn_pad_sequences ({1, 2, 3}, "MaxLen", 2^31 - 1)
%!error <takes at least 1 argument> rnn_pad_sequences ()
