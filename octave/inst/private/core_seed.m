## -*- texinfo -*-
## @deftypefn {} {@var{s} =} core_seed (@var{seed})
## A 64-bit seed for the core as two 32-bit halves [hi, lo], exactly as R's
## core_seed(): a number s in 0..2^53 gives [floor(s/2^32), mod(s, 2^32)];
## an empty seed draws both halves from Octave's rand.
## @end deftypefn
function s = core_seed (seed)
  if (isempty (seed) && isnumeric (seed))
    s = floor (rand (1, 2) * 2^32);
    return;
  endif
  seed = check_count (seed, "Seed", 0, 2^53);
  s = [floor(seed / 2^32), mod(seed, 2^32)];
endfunction
