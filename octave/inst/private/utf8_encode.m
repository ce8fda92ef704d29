## -*- texinfo -*-
## @deftypefn {} {@var{s} =} utf8_encode (@var{cp})
## The UTF-8 char row of the code points @var{cp} (valid ones, as
## utf8_decode returns them).
## @end deftypefn
function s = utf8_encode (cp)
  cp = double (cp(:)');
  if (all (cp < 128))
    s = char (cp);
    return;
  endif
  len = 1 + (cp >= 128) + (cp >= 2048) + (cp >= 65536);
  out = zeros (4, numel (cp));
  lead = [0 192 224 240];
  v = cp;
  for k = 4:-1:2 # continuation bytes, last first
    m = len >= k;
    out(k, m) = 128 + mod (v(m), 64);
    v(m) = floor (v(m) / 64);
  endfor
  out(1, :) = lead(len) + v;
  keep = bsxfun (@le, (1:4)', len);
  s = char (out(keep)');
endfunction
