## -*- texinfo -*-
## @deftypefn {} {@var{toks} =} text_tokens (@var{texts}, @var{level}, @var{lower}, @var{filters})
## The tokens of each text (a cell of UTF-8 rows), after lower-casing and
## the filters, as R's text_tokens(): for characters a row of code points
## with the filtered characters removed; for words a cellstr row, where (as
## Keras' text_to_word_sequence) each filtered character becomes a space
## and the text is split on ASCII whitespace, dropping empty pieces.
## @end deftypefn
function toks = text_tokens (texts, level, lower, filters)
  fcp = unique (utf8_decode (filters));
  ws = ["[" char([32 9 10 13 12 11]) "]+"]; # R's [ \t\n\r\f\v]+
  toks = cell (size (texts));
  for k = 1:numel (texts)
    s = texts{k};
    if (lower)
      s = tolower (s);
    endif
    cp = utf8_decode (s);
    if (strcmp (level, "char"))
      if (! isempty (fcp))
        cp(ismember (cp, fcp)) = [];
      endif
      toks{k} = cp;
    else
      if (! isempty (fcp))
        cp(ismember (cp, fcp)) = 32;
      endif
      w = regexp (utf8_encode (cp), ws, "split");
      toks{k} = w(! cellfun (@isempty, w));
    endif
  endfor
endfunction
