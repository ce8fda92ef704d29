## -*- texinfo -*-
## @deftypefn {} {[@var{cp}, @var{ok}] =} utf8_decode (@var{s})
## The Unicode code points (a double row) of the UTF-8 char row @var{s}.
## @var{ok} is false for bytes that are not well-formed UTF-8 (a stray
## continuation byte, a truncated or overlong sequence, a surrogate or a
## value above U+10FFFF), as R's validUTF8(); @var{cp} is then empty.
## Octave strings are bytes, so this is how the text helpers see
## characters rather than bytes.
## @end deftypefn
function [cp, ok] = utf8_decode (s)
  b = double (s(:)');
  if (all (b < 128))
    cp = b;
    ok = true;
    return;
  endif
  n = numel (b);
  lead = find (b < 128 | b >= 192);
  len = diff ([lead, n + 1]);
  bl = b(lead);
  want = ones (size (bl));
  want(bl >= 192) = 2;
  want(bl >= 224) = 3;
  want(bl >= 240) = 4;
  cp = [];
  ok = ! isempty (lead) && lead(1) == 1 && all (len == want) ...
       && ! any ((bl >= 128 & bl < 194) | bl > 244);
  if (! ok)
    return;
  endif
  mask = [127 31 15 7];
  v = bitand (bl, mask(want));
  for k = 1:3 # continuation byte k of the sequences longer than k
    m = want > k;
    v(m) = v(m) * 64 + bitand (b(lead(m) + k), 63);
  endfor
  ## overlong forms, surrogates and values beyond U+10FFFF
  ok = ! any ((want == 3 & (v < 2048 | (v >= 55296 & v <= 57343))) ...
              | (want == 4 & (v < 65536 | v > 1114111)));
  if (ok)
    cp = v;
  endif
endfunction
