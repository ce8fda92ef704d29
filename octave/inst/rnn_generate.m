## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{out} =} rnn_generate (@var{model}, @var{start})
## @deftypefnx {} {@var{out} =} rnn_generate (@var{model}, @var{start}, @var{n})
## @deftypefnx {} {@var{out} =} rnn_generate (@dots{}, @var{name}, @var{value}, @dots{})
## Sample @var{n} [200; [] for the default] tokens after @var{start} from a language model, as
## R's @code{rnn_generate()}, in one call into the C core.
##
## @var{model} has a softmax output over its own input tokens: a model
## from @code{rnn_fit} on @code{rnn_text_data}, any token model whose
## classes are its tokens, or a model reading one-hot vectors of its
## classes.  @var{start} is text (encoded with the model's tokenizer) or a
## vector of tokens (1..V-1 for a token model; 0-based classes for a
## one-hot model).  The start is fed first; then each next token is drawn
## from softmax(z / T) of the model's logits z and fed back.  For text,
## @var{out} is @var{start} followed by the generated text; for tokens, a
## row of @var{n} tokens.  Padding 0 is never drawn.
##
## @table @asis
## @item @qcode{'Temperature'}
## T >= 0: below 1 sharper, above 1 flatter; 0 takes the most likely
## token every time (greedy decoding) [1]
## @item @qcode{'Seed'}
## a whole number in 0..2^53; the same seed draws the same tokens as R's
## @code{rnn_generate(seed =)} with the same model [[]: from @code{rand}]
## @item @qcode{'Tokenizer'}
## the tokenizer for text [the model's @code{tokenizer}]
## @end table
##
## @example
## rnn_generate (model, "ROMEO:", 500, "Temperature", 0.8, "Seed", 1)
## @end example
## @seealso{rnn_text_data, rnn_fit, rnn_tokenizer}
## @end deftypefn

function out = rnn_generate (model, start, n = 200, varargin)
  check_nargin ("rnn_generate", nargin, 2, Inf, ...
                "out = rnn_generate (model, start, n, 'Temperature', 1, ...)");
  model = plain (model);
  if (ischar (n))   # rnn_generate (model, start, 'Name', value, ...)
    varargin = [{n}, varargin];
    n = 200;
  elseif (isnumeric (n) && isempty (n))   # [] holds the place of the default
    n = 200;
  endif
  check_model (model, "rnn_generate");
  if (columns (model.params) > 1) # an ensemble (issue 15)
    error ("rnnkit:input", ["rnn_generate: runs one network; this model is an " ...
           "ensemble of %d. Take member j as model.params(:, j)"], columns (model.params));
  endif
  o = rnnkit_options (struct ("Temperature", 1, "Seed", [], "Tokenizer", []), ...
                      "rnn_generate", varargin);
  cfg = model.config;
  if (! isfield (cfg, "output_activation") || ! strcmp (cfg.output_activation, "softmax"))
    error ("rnnkit:input", ["rnn_generate needs a model with a softmax output " ...
           "over its tokens (a language model from rnn_fit (rnn_text_data (...)))"]);
  endif
  V = 0;
  if (isfield (cfg, "n_vocab"))
    V = cfg.n_vocab;
  endif
  if (V == 0 && cfg.n_in != cfg.n_out)
    error ("rnnkit:dim", ["rnn_generate feeds each drawn class back as the next " ...
           "input, so the model must read tokens (an embedding) or one-hot " ...
           "vectors of its %d classes; it reads %d features"], cfg.n_out, cfg.n_in);
  endif
  n = check_count (n, "N", 0, 1e8);
  temperature = check_number (o.Temperature, "Temperature", 0);
  tok = o.Tokenizer;
  if (isempty (tok) && isfield (model, "tokenizer"))
    tok = model.tokenizer;
  endif
  text = ischar (start);
  if (text)
    if (isempty (tok))
      error ("rnnkit:input", ["START is text but the model has no tokenizer; give " ...
             "'Tokenizer' or start with integer tokens"]);
    endif
    if (rows (start) > 1 || isempty (start))
      error ("rnnkit:input", "START must be one non-empty string");
    endif
    tok = check_tokenizer (tok);
    prime = rnn_encode (tok, start){1};
    if (isempty (prime))
      error ("rnnkit:input", "START (\"%s\") holds no token the tokenizer knows", start);
    endif
  else
    if (! isnumeric (start) || ! isreal (start) || isempty (start) ...
        || ! isvector (start) || any (isnan (start)))
      error ("rnnkit:input", ["START must be text or a non-empty vector of " ...
             "tokens, not %s"], describe (start));
    endif
    prime = full (double (start(:)'));
  endif
  lo = double (V > 0);
  if (any (prime != round (prime) | prime < lo | prime >= cfg.n_out))
    error ("rnnkit:input", "START tokens must be whole numbers in %d..%d", lo, ...
           cfg.n_out - 1);
  endif
  tokens = __rnnkit__ ("generate", cfg, model.params, prime, n, ...
                       temperature, core_seed (o.Seed), []);
  if (text)
    sep = "";
    if (strcmp (tok.level, "word") && ! isempty (tokens))
      sep = " ";  # words are joined by spaces, as rnn_decode does
    endif
    out = [reshape(start, 1, []), sep, rnn_decode(tok, tokens)];
  else
    out = tokens;
  endif
endfunction

## temperature sampling draws from softmax(z / temperature): a GRU whose
## weights are zero but the output bias gives the same distribution at
## every step
%!test
%! K = 5;
%! m = rnn_fit ([1 2 3], [1 2 3], "Cell", "gru", "Units", 3, "Embedding", [K 2], ...
%!              "Loss", "sparse_ce", "Classes", 0:K-1, "Epochs", 1, "Seed", 1, ...
%!              "Verbose", false);
%! b = [0 0.5 -0.3 1.2 0.1]';
%! m.params(:) = 0;
%! m.params(end-K+1:end) = b;
%! n = 20000;
%! for temp = [1 0.5 2]
%!   draws = rnn_generate (m, 1, n, "Temperature", temp, "Seed", 7);
%!   p = exp (b(2:end) / temp) / sum (exp (b(2:end) / temp));  # padding never drawn
%!   assert (all (ismember (draws, 1:K-1)));
%!   obs = accumarray (draws(:), 1, [K-1, 1]);
%!   chi2 = sum ((obs - n * p).^2 ./ (n * p));
%!   assert (chi2 < 16.27);   # qchisq (0.999, 3)
%! endfor
%! ## temperature 0 is greedy decoding
%! assert (rnn_generate (m, 1, 50, "Temperature", 0), repmat (3, 1, 50));
%! ## the same seed draws the same tokens, another seed others
%! assert (rnn_generate (m, [1 2], 30, "Seed", 5), rnn_generate (m, [1 2], 30, "Seed", 5));
%! assert (! isequal (rnn_generate (m, [1 2], 30, "Seed", 5), ...
%!                    rnn_generate (m, [1 2], 30, "Seed", 6)));
%! assert (size (rnn_generate (m, 1, 0)), [1 0]);

## the same seed draws the same tokens as R: the hello model (trained
## bit for bit alike in both hosts) sampled at temperature 1.5 with seed
## 11.  R's tokens (the cross-host test also compares the two live):
##   fit <- rnn_fit(matrix(c(1, 2, 3, 3), 1), matrix(c(2, 3, 3, 4), 1),
##                  cell = "simple", units = 8, embedding = c(5, 4),
##                  loss = "sparse_ce", classes = as.character(0:4),
##                  epochs = 20, lr = 0.05, batch_size = 1, seed = 1)
##   rnn_generate(fit, c(1, 2), n = 40, temperature = 1.5, seed = 11)
%!test
%! m = rnn_fit ([1 2 3 3], [2 3 3 4], "Cell", "simple", "Units", 8, ...
%!              "Embedding", [5 4], "Loss", "sparse_ce", "Classes", 0:4, ...
%!              "Epochs", 20, "LearnRate", 0.05, "BatchSize", 1, "Seed", 1, ...
%!              "Verbose", false);
%! r_tokens = [3 3 4 2 2 3 3 4 2 2 2 3 4 2 2 3 1 2 2 4 ...
%!             3 4 2 3 4 2 2 3 4 4 2 3 3 3 3 1 2 3 3 4];
%! assert (rnn_generate (m, [1 2], 40, "Temperature", 1.5, "Seed", 11), r_tokens);

## a model reading one-hot vectors of its classes (0-based, 0 included)
%!test
%! x = zeros (6, 4, 3);
%! lab = mod ((1:6)' + (0:3), 3);                 # 6 sequences of classes 0..2
%! for k = 0:2
%!   x(:, :, k+1) = lab == k;
%! endfor
%! m = rnn_fit (x, mod (lab + 1, 3), "Units", 4, "Loss", "sparse_ce", "Classes", 0:2, ...
%!              "Epochs", 1, "Seed", 1, "Verbose", false);
%! g = rnn_generate (m, [0 1], 50, "Seed", 2);
%! assert (all (ismember (g, 0:2)) && any (g == 0));

%!shared m
%! m = rnn_fit ([1 2 3 3], [2 3 3 4], "Cell", "simple", "Units", 2, ...
%!              "Embedding", [5 2], "Loss", "sparse_ce", "Classes", 0:4, ...
%!              "Epochs", 1, "Seed", 1, "Verbose", false);
%!error <whole numbers in 1..4> rnn_generate (m, 0, 3)
%!error <whole numbers in 1..4> rnn_generate (m, [1 5], 3)
%!error <'Temperature' must be one number> rnn_generate (m, 1, 3, "Temperature", -1)
%!error <has no tokenizer> rnn_generate (m, "abc", 3)
%!error <softmax output> rnn_generate (rnn_fit (ones (4, 3), ones (4, 1), "Epochs", 1, "Verbose", false), 1, 3)
%!error <'N' must be a whole number> rnn_generate (m, 1, -1)
## sparse and integer arguments are numbers like any other
%!test
%! assert (rnn_generate (m, sparse ([1 2]), int8 (3), "Seed", 1, "Temperature", sparse (1)), ...
%!         rnn_generate (m, [1 2], 3, "Seed", 1, "Temperature", 1));
## n given, left out, or [] for its default of 200: the same tokens
%!test
%! g = rnn_generate (m, [1 2], 200, "Seed", 3);
%! assert (rnn_generate (m, [1 2], "Seed", 3), g);
%! assert (rnn_generate (m, [1 2], [], "Seed", 3), g);
%!error <takes at least 2 argument> rnn_generate (m)
