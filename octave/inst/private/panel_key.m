## -*- texinfo -*-
## @deftypefn  {} {@var{k} =} panel_key (@var{x})
## @deftypefnx {} {@var{k} =} panel_key (@var{meta}, @var{taken})
## The key field of a panel's predictions, forecasts or accuracy table
## (issue 16): named as the key column, as R names it (@code{Name} for
## @code{rnn_windows (..., 'Key', 'Name')}), and first, before the field
## that comes first without a panel (@code{date}, @code{method},
## @code{model}).  With one argument, the name of @var{x}'s key field, or
## @qcode{""} for a result that is not a panel's.  With two, the key's
## name in the panel @var{meta}, for a result with the fields
## @var{taken}: error "rnnkit:input" if the key has the name of one of
## them.
## @end deftypefn
function k = panel_key (x, taken)
  if (nargin == 2)
    k = char (x.key);
    if (any (strcmp (k, taken)))
      error ("rnnkit:input", ["the panel's key column is named '%s', as a field of " ...
             "the result (%s) is: rename it in the data (e.g. 'series') and cut " ...
             "the windows again"], k, strjoin (taken, ", "));
    endif
    return;
  endif
  k = "";
  x = plain (x);
  if (isstruct (x) && ! isempty (x))
    f = fieldnames (x);
    first = {"date", "method", "model"};
    if (numel (f) > 1 && any (strcmp (f{2}, first)) && ! any (strcmp (f{1}, first)))
      k = f{1};
    endif
  endif
endfunction
