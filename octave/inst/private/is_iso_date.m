## -*- texinfo -*-
## @deftypefn {} {@var{tf} =} is_iso_date (@var{s})
## True if @var{s} is a char row yyyy-mm-dd.  Compares bytes, so that a
## string that is not valid UTF-8 is simply no date (regexp errors on it).
## @end deftypefn
function tf = is_iso_date (s)
  tf = ischar (s) && size (s, 1) == 1 && numel (s) == 10 ...
       && all (s([1:4, 6:7, 9:10]) >= "0" & s([1:4, 6:7, 9:10]) <= "9") ...
       && s(5) == "-" && s(8) == "-";
endfunction
