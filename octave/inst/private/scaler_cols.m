## -*- texinfo -*-
## @deftypefn {} {@var{j} =} scaler_cols (@var{prep}, @var{names})
## Positions of the columns @var{names} in the model's data and scaler
## (R indexes them by name).
## @end deftypefn
function j = scaler_cols (prep, names)
  [~, j] = ismember (cellstr (names), prep.used);
endfunction
