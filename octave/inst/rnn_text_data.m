## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{D} =} rnn_text_data (@var{text})
## @deftypefnx {} {@var{D} =} rnn_text_data (@var{text}, @var{name}, @var{value}, @dots{})
## A long text (a string, or a cell array of lines joined with newlines)
## or a vector of tokens (whole numbers >= 1) arranged for stateful
## training of a language model, exactly as R's @code{rnn_text_data()}.
##
## The tokens are cut into B = @qcode{'BatchSize'} streams of
## L = floor((n - 1) / B) tokens each; stream b (0-based) reads tokens
## b*L + 1 .. b*L + L and predicts the ones after them.  Chunk c (0-based)
## of stream b, @qcode{'SeqLen'} steps long, is sample c*B + b + 1, so
## batch c continues batch c - 1 stream by stream, which stateful training
## needs.  The validation text is the last floor(f*n) tokens
## (f = @qcode{'Validation'}), arranged the same way; the training text
## the tokens before it.
##
## Options (defaults in brackets): @qcode{'SeqLen'} [100],
## @qcode{'BatchSize'} [32], @qcode{'Validation'} [0.1], @qcode{'Tokenizer'}
## (from @code{rnn_tokenizer}; [] fits one on @var{text}) and
## @qcode{'Level'} of that tokenizer, @qcode{'char'} or @qcode{'word'}
## [@qcode{'char'}].
##
## @var{D} (an @code{rnnkit_object}: its name shows a summary;
## @code{struct (D)} is a plain struct) has fields @code{x}, @code{y} (training chunks,
## samples x timesteps of tokens and of the next tokens), @code{x_val},
## @code{y_val} ([] without validation), @code{tokenizer},
## @code{n_vocab} (the vocabulary size including padding 0),
## @code{seq_len}, @code{batch_size} and @code{n_tokens} (@code{train}
## and @code{validation}).  @code{rnn_fit (@var{D}, @dots{})} fits a
## language model on it and @code{rnn_generate} writes text.
##
## @example
## text = repmat ("the cat sat on the mat. ", 1, 60);
## d = rnn_text_data (text, "SeqLen", 12, "BatchSize", 4, "Validation", 0.2);
## model = rnn_fit (d, "EmbedDim", 8, "Units", 32, "Epochs", 25, ...
##                  "LearnRate", 0.01, "Seed", 1, "Verbose", false);
## rnn_generate (model, "the cat ", 40, "Temperature", 0)
## @end example
## @seealso{rnn_fit, rnn_generate, rnn_tokenizer}
## @end deftypefn

function d = rnn_text_data (text, varargin)
  check_nargin ("rnn_text_data", nargin, 1, Inf, ...
                "D = rnn_text_data (text, 'SeqLen', 100, ...)");
  o = rnnkit_options (struct ("Tokenizer", [], "SeqLen", 100, "BatchSize", 32, ...
                              "Validation", 0.1, "Level", "char"), ...
                      "rnn_text_data", varargin);
  T = check_count (o.SeqLen, "SeqLen", 1, 1e6);
  B = check_count (o.BatchSize, "BatchSize", 1, 1e6);
  validation = check_number (o.Validation, "Validation", 0, 0.9);
  tok = o.Tokenizer;
  if (ischar (text) || iscellstr (text))
    if (iscellstr (text))
      text = strjoin (text(:)', "\n");
    endif
    if (rows (text) > 1)
      error ("rnnkit:input", ["'TEXT' must be one string, a cell array of " ...
             "lines or a vector of tokens, not %s"], describe (text));
    endif
    if (isempty (tok))
      tok = rnn_tokenizer (text, "Level", o.Level);
    endif
    tok = check_tokenizer (tok);
    tokens = rnn_encode (tok, text){1};
  elseif (isnumeric (text) && isreal (text) && isvector (text))
    tokens = double (text(:)');
    if (any (! isfinite (tokens) | tokens != round (tokens) | tokens < 1))
      error ("rnnkit:input", "token vectors must hold whole numbers >= 1 (0 is padding)");
    endif
  else
    error ("rnnkit:input", ["'TEXT' must be a string, a cell array of lines or a " ...
           "vector of tokens, not %s"], describe (text));
  endif
  n = numel (tokens);
  n_val = floor (validation * n);
  split = n - n_val;
  [x, y] = arrange (tokens(1:split), B, T, "training");
  x_val = y_val = [];
  if (n_val > 0)
    [x_val, y_val] = arrange (tokens(split+1:n), B, T, "validation");
  endif
  if (isempty (tok))
    V = max (tokens) + 1;
  else
    V = numel (tok.vocab) + 1;
  endif
  d = struct ("x", x, "y", y, "x_val", x_val, "y_val", y_val, "tokenizer", [], ...
              "n_vocab", V, "seq_len", T, "batch_size", B, ...
              "n_tokens", struct ("train", split, "validation", n_val));
  d.tokenizer = tok;
  d = wrap (d, "textdata");
endfunction

## the streams and chunks of stateful training, cut by the core
## (rnn_text_streams, as in R): sample c*B + b + 1 is chunk c of stream b
function [x, y] = arrange (tok, B, T, what)
  [x, y] = __rnnkit__ ("text_streams", full (double (tok)), double (T), double (B));
  if (rows (x) == 0)
    error ("rnnkit:dim", ["the %s text has %d tokens: too few for %d streams " ...
           "of at least 'SeqLen' = %d steps. Use a longer text, or a smaller " ...
           "'BatchSize' or 'SeqLen'"], what, numel (tok), B, T);
  endif
endfunction

%!test
%! ## a sparse token vector arranges as the full one
%! a = rnn_text_data (1:30, "SeqLen", 4, "BatchSize", 2, "Validation", 0);
%! b = rnn_text_data (sparse (1:30), "SeqLen", 4, "BatchSize", 2, "Validation", 0);
%! assert (b.x, a.x);
%! assert (b.y, a.y);
%! assert (a.x(1:4, :), [1 2 3 4; 15 16 17 18; 5 6 7 8; 19 20 21 22]);

%!test
%! text = repmat ("the cat sat on the mat. ", 1, 60);
%! d = rnn_text_data (text, "SeqLen", 12, "BatchSize", 4, "Validation", 0.2);
%! assert (d.n_vocab, 12);   # 11 characters and padding
%! assert (d.n_tokens.train + d.n_tokens.validation, numel (text));
%! assert (d.n_tokens.validation, floor (0.2 * numel (text)));
%! assert (mod (rows (d.x), 4), 0);
%! ## sample c*B + b + 1 continues sample (c-1)*B + b + 1
%! assert (d.x(5, 1), d.y(1, 12));
%! assert (d.x(:, 2:end), d.y(:, 1:end-1));
%! assert (rnn_decode (d.tokenizer, d.x(1, :)), text(1:12));

## the arrangement, element by element, on a vector of tokens
%!test
%! tokens = 1:103;
%! d = rnn_text_data (tokens, "SeqLen", 5, "BatchSize", 3, "Validation", 0);
%! L = floor (102 / 3);                       # 34 tokens per stream
%! assert (size (d.x), [3 * floor(L / 5), 5]);
%! for c = 0:floor (L / 5) - 1
%!   for b = 0:2
%!     assert (d.x(c*3 + b + 1, :), b*L + c*5 + (1:5));
%!     assert (d.y(c*3 + b + 1, :), b*L + c*5 + (2:6));
%!   endfor
%! endfor
%! assert (d.n_vocab, 104);
%! assert (isempty (d.tokenizer) && isempty (d.x_val));

## a character model learns a generated corpus and writes it back
## (R's test-sequences.R: the same data, options and seed give the same
## model in R)
%!test
%! text = repmat ("the cat sat on the mat. ", 1, 60);
%! d = rnn_text_data (text, "SeqLen", 12, "BatchSize", 4, "Validation", 0.2);
%! fit = rnn_fit (d, "EmbedDim", 8, "Units", 32, "Epochs", 25, "LearnRate", 0.01, ...
%!                "Seed", 1, "Verbose", false);
%! assert (fit.training.stateful, true);
%! assert (fit.training.clipnorm, 5);
%! assert (fit.classes, arrayfun (@num2str, (0:11)', "UniformOutput", false));
%! assert (fit.tokenizer, d.tokenizer);
%! c = accumarray (rnn_encode (d.tokenizer, text){1}(:), 1);
%! p = c / sum (c);
%! unigram = -sum (p .* log (p));
%! assert (fit.history.val_loss(end) < unigram / 4);
%! assert (fit.history.val_acc(end) > 0.95);
%! out = rnn_generate (fit, "the cat ", 40, "Temperature", 0);
%! assert (out, repmat ("the cat sat on the mat. ", 1, 2)(1:48));
%! ## the model file keeps the tokenizer
%! f = [tempname() ".rnnk"];
%! unwind_protect
%!   rnn_save (fit, f);
%!   back = rnn_load (f);
%!   assert (back, fit);
%!   assert (rnn_generate (back, "the ", 30, "Seed", 4), rnn_generate (fit, "the ", 30, "Seed", 4));
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect

%!error <text data fix 'BatchSize'> rnn_fit (rnn_text_data (1:40, "SeqLen", 3, "BatchSize", 2, "Validation", 0), "BatchSize", 4)
%!error <too few for 4 streams> rnn_text_data ("abcdefgh", "SeqLen", 5, "BatchSize", 4)
%!error <hold whole numbers> rnn_text_data ([1 0 2])
%!error <'SeqLen' must be a whole number> rnn_text_data ("abc", "SeqLen", 0)
%!error <'Validation' must be one number> rnn_text_data ("abc", "Validation", 0.95)
