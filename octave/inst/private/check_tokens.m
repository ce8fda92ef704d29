## -*- texinfo -*-
## @deftypefn {} {} check_tokens (@var{x}, @var{n_vocab}, @var{name})
## Error "rnnkit:input" unless @var{x} holds the tokens of a token model:
## whole numbers 0..@var{n_vocab}-1 (0 is padding), as R's check_tokens().
## @end deftypefn
function check_tokens (x, n_vocab, name = "X")
  bad = x != round (x) | x < 0 | x >= n_vocab;
  if (any (bad(:)))
    k = find (bad(:), 1);
    error ("rnnkit:input", ["'%s' holds %g at element %d; the model's tokens " ...
           "are whole numbers 0..%d (0 is padding). Encode text with the " ...
           "tokenizer the model was trained with"], name, x(k), k, n_vocab - 1);
  endif
endfunction
