## -*- texinfo -*-
## @deftypefn {} {@var{d} =} as_datenum (@var{v}, @var{name}, @var{fname})
## The dates @var{v} as a column of datenums: @var{v} may be datenum
## numbers (as they are), or ISO @qcode{'yyyy-mm-dd'} dates as a char
## row, char rows or a cellstr.  Anything else is an error
## "rnnkit:input" of @var{fname} that names @var{name} (as the message
## shows it, e.g. @qcode{"'Date'"}), shows the first
## value that is no date and lists the accepted forms, with the
## conversion of other date strings.  Datenums reach the C core and the
## model file as days since 1970-01-01 (datenum 719529), R's Date.
## @end deftypefn
function d = as_datenum (v, name, fname)
  if (isnumeric (v) && isreal (v) && ! isempty (v) && isvector (v))
    d = full (double (v(:)));
    return;
  endif
  if (ischar (v) && ndims (v) == 2)
    v = cellstr (v);
  endif
  if (iscellstr (v) && ! isempty (v))
    ok = cellfun (@is_iso_date, v(:));
    if (all (ok))
      d = datenum (v(:), "yyyy-mm-dd");
      return;
    endif
    k = find (! ok, 1);
    bad = v{k};
    printable = rows (bad) == 1 && all (bad >= 32 & bad <= 126);
    if (printable && numel (bad) <= 40)
      what = sprintf ("'%s' in row %d is not one", bad, k);
    else
      what = sprintf ("row %d is not one", k); # its bytes may not be UTF-8
    endif
    fmt = "'dd/mm/yyyy'";
    if (printable && ! isempty (regexp (bad, '^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$', "once")))
      sep = bad(regexp (bad, '[/.-]', "once"));
      fmt = sprintf ("'dd%smm%syyyy' or 'mm%sdd%syyyy'", sep, sep, sep, sep);
    endif
    hint = sprintf (". Convert other forms first: datenum (s, %s)", fmt);
  else
    what = sprintf ("not %s", describe (v));
    hint = "";
  endif
  error ("rnnkit:input", ["%s: %s must hold dates in ISO form 'yyyy-mm-dd' " ...
         "(a cellstr or char rows, e.g. '2016-04-20') or as datenum numbers " ...
         "(e.g. datenum (2016, 4, 20)); %s%s"], fname, name, what, hint);
endfunction
