## -*- texinfo -*-
## @deftypefn {} {@var{texts} =} check_texts (@var{texts}, @var{name})
## The texts as a cell of UTF-8 char rows (a char row is one text), or
## error "rnnkit:input" saying what to fix, as R's check_texts().
## @end deftypefn
function texts = check_texts (texts, name = "TEXTS")
  if (isstruct (texts) && isfield (texts, "vocab"))
    error ("rnnkit:input", ["'%s' is a tokenizer; the arguments are " ...
           "(tokenizer, texts), e.g. rnn_encode (tok, texts)"], name);
  endif
  if (ischar (texts) && rows (texts) <= 1)
    texts = {texts};
  endif
  if (! iscellstr (texts) || ! all (cellfun (@(s) rows (s) <= 1, texts(:))))
    error ("rnnkit:input", ["'%s' must be a string or a cell array of " ...
           "strings (one per text), not %s"], name, describe (texts));
  endif
  ## the core's rule, as in R (a NUL byte, which R's strings cannot hold,
  ## is not valid either)
  k = find (! __rnnkit__ ("utf8_valid", texts), 1);
  if (! isempty (k))
    error ("rnnkit:input", ["'%s' text %d is not valid UTF-8; convert the " ...
           "texts first, e.g. unicode2native/native2unicode"], name, k);
  endif
  texts = cellfun (@(s) reshape (s, 1, []), texts, "UniformOutput", false);
endfunction
