## -*- texinfo -*-
## @deftypefn {} {@var{tok} =} check_tokenizer (@var{tok})
## The tokenizer @var{tok} (from rnn_tokenizer, or read from a model file
## written by R or Octave) with its vocabulary as a cellstr column and
## its options as this package uses them; error "rnnkit:input" for
## anything else.
## @end deftypefn
function tok = check_tokenizer (tok)
  ok = isstruct (tok) && isscalar (tok) && all (isfield (tok, {"level", "vocab"}));
  if (ok)
    ok = ischar (tok.level) && isfield (__rnnkit__ ("schema").level, tok.level) ...
         && (iscellstr (tok.vocab) || (ischar (tok.vocab) && rows (tok.vocab) <= 1));
  endif
  if (! ok)
    error ("rnnkit:input", ["'TOKENIZER' must be a tokenizer made by " ...
           "rnn_tokenizer, not %s%s"], describe (tok), ...
           merge (ischar (tok) || iscellstr (tok), "; the arguments are (tokenizer, texts)", ""));
  endif
  ## a model file keeps a one-token vocabulary as a plain string
  tok.vocab = cellstr (tok.vocab)(:);
  if (! isfield (tok, "lower") || isempty (tok.lower))
    tok.lower = false;
  endif
  tok.lower = check_flag (tok.lower, "TOKENIZER.lower");
  if (! isfield (tok, "filters") || (isnumeric (tok.filters) && isempty (tok.filters)))
    tok.filters = "";
  elseif (! ischar (tok.filters) || ! isempty (tok.filters))
    tok.filters = check_string (tok.filters, "TOKENIZER.filters", true);
  endif
  if (! isfield (tok, "oov") || (isnumeric (tok.oov) && isempty (tok.oov)))
    tok.oov = [];
  elseif (! ischar (tok.oov) || rows (tok.oov) > 1)
    error ("rnnkit:input", "'TOKENIZER.oov' must be a string or [], not %s", ...
           describe (tok.oov));
  elseif (isempty (tok.oov))
    tok.oov = [];
  endif
endfunction
