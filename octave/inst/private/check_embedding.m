## -*- texinfo -*-
## @deftypefn {} {@var{emb} =} check_embedding (@var{embedding})
## @var{embedding} = [n_vocab dim], as R's check_embedding(): tokens
## 0..n_vocab-1 (0 = padding) mapped to dim-wide vectors.  Returns
## [n_vocab dim], or [0 0] for none ([]).
## @end deftypefn
function emb = check_embedding (embedding)
  if (isempty (embedding) && isnumeric (embedding))
    emb = [0 0];
    return;
  endif
  e = embedding;
  ok = (isnumeric (e) || islogical (e)) && isreal (e) && numel (e) == 2 ...
       && all (isfinite (e(:))) && all (e(:) == round (e(:)));
  if (! ok || e(1) < 2 || e(2) < 1)
    error ("rnnkit:input", ["'Embedding' must be [n_vocab dim]: the number of " ...
           "token indices including padding 0 (at least 2; rnn_vocab_size of a " ...
           "tokenizer) and the width of each token's vector, e.g. [5000 32]; " ...
           "not %s"], describe (e));
  endif
  e = full (double (e(:)'));
  if (e(1) > 1e6 || e(2) > 1e5 || prod (e) > 2^31 - 1)
    error ("rnnkit:size", ["an embedding of %d tokens x %d would need more " ...
           "memory than rnnkit allows (at most 1,000,000 tokens, width 100,000 " ...
           "and 2^31 weights)"], e(1), e(2));
  endif
  emb = e;
endfunction
