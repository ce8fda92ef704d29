## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {[@var{A}, @var{form}, @var{len}] =} dl_data (@var{X}, @var{name}, @var{pad})
## @deftypefnx {} {@var{Y} =} dl_data (@var{A}, @var{form}, @var{N}, @var{T}, @var{R})
## Sequences in the layouts of MATLAB's Deep Learning Toolbox to rnnkit's
## samples x timesteps x features and back.  @var{X} is a cell of C x T
## matrices (@var{form} @qcode{"cell"}), one C x T matrix (@qcode{"one"})
## or an N x C x T array (@qcode{"array"}).  Without @var{pad} the cell's
## sequences must be of one length; with @var{pad} (a struct: @code{left},
## @code{value}, and @code{T}, the least padded length or 0) sequences of
## unequal length are padded with @code{value} after their steps (or
## before them) to the longest, and @var{len} holds their lengths
## (empty when they are all of one length and @code{T} asks for no more).
## With five
## arguments, the model's output @var{A} (N x T x R) is put back into the
## layout @var{form}: a cell of R x T matrices, one R x T matrix, or
## N x R x T.  Only reshaping: no numbers are computed here.
## @end deftypefn
function [A, form, len] = dl_data (X, name, N, T, R)
  if (nargin == 5)
    A = reshape (X, N, T, R);
    switch (name)
      case "cell"
        A = arrayfun (@(i) reshape (permute (A(i, :, :), [3 2 1]), R, T), ...
                      (1:N)', "UniformOutput", false);
      case "one"
        A = reshape (permute (A, [3 2 1]), R, T);
      otherwise
        A = permute (A, [1 3 2]);
    endswitch
    return;
  endif
  if (issparse (X))
    X = full (X);
  endif
  if (iscell (X))
    form = "cell";
    if (isempty (X) || ! all (cellfun (@(s) (isnumeric (s) || islogical (s)) ...
                                       && ismatrix (s) && ! isempty (s), X(:))))
      error ("rnnkit:input", ["'%s' must hold sequences as channels x time " ...
             "steps matrices, one per cell, not %s"], name, describe (X));
    endif
    c = cellfun ("rows", X(:));
    t = cellfun ("columns", X(:));
    if (any (c != c(1)))
      error ("rnnkit:dim", ["'%s' has sequences of %d and %d channels (rows); " ...
             "every sequence needs the same channels"], name, c(1), c(find (c != c(1), 1)));
    endif
    len = [];
    if (nargin == 3 && (any (t != t(1)) || N.T > t(1)))
      pad = N;
      len = t;
      T = max ([t; pad.T]);
      A = repmat (full (double (pad.value)), numel (X), T, c(1));
      for i = 1:numel (X)
        steps = merge (pad.left, T - t(i) + 1:T, 1:t(i));
        A(i, steps, :) = reshape (double (X{i}).', 1, t(i), c(1));
      endfor
      return;
    endif
    if (any (t != t(1)))
      error ("rnnkit:dim", ["'%s' has sequences of %d and %d time steps: rnnkit " ...
             "trains on sequences of one length (it masks padding only for word " ...
             "indices); cut them to one length, or use rnn_windows on a series"], ...
             name, t(1), t(find (t != t(1), 1)));
    endif
    A = permute (reshape ([X{:}], c(1), t(1), numel (X)), [3 2 1]);
  elseif ((isnumeric (X) || islogical (X)) && ndims (X) == 3)
    len = [];
    form = "array";
    A = permute (X, [1 3 2]);
  elseif ((isnumeric (X) || islogical (X)) && ismatrix (X) && ! isempty (X))
    len = [];
    form = "one";
    A = reshape (X.', 1, columns (X), rows (X));
  else
    error ("rnnkit:input", ["'%s' must be sequences: a cell of channels x time " ...
           "steps matrices, one such matrix, or an N x channels x time steps " ...
           "array, not %s"], name, describe (X));
  endif
  A = double (A);
endfunction
