## -*- texinfo -*-
## @deftypefn {} {@var{d} =} next_dates (@var{index}, @var{h})
## The next @var{h} datenums after @var{index}, as R's next_dates(): trading
## days for daily data without weekends, months, quarters or years for such
## data, else the median step.
## @end deftypefn
function d = next_dates (index, h)
  index = index(:);
  n = numel (index);
  last = index(n);
  step = 1;
  if (n > 1)
    step = median (diff (index));
  endif
  k = (1:h)';
  if (step >= 28 && step <= 31)
    d = add_months (last, k);
  elseif (step >= 89 && step <= 92)
    d = add_months (last, 3 * k);
  elseif (step >= 365 && step <= 366)
    d = add_months (last, 12 * k);
  elseif (step <= 1.5 && ! any (ismember (weekday (index), [1 7])))
    days = last + (1:(2 * h + 7))';
    days = days(! ismember (weekday (days), [1 7]));
    d = days(1:h);
  else
    d = last + round (step) * k;
  endif
endfunction

function d = add_months (last, k)
  v = datevec (last);
  d = datenum (v(1), v(2) + k, v(3));
endfunction
