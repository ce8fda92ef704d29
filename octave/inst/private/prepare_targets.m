## -*- texinfo -*-
## @deftypefn {} {@var{tg} =} prepare_targets (@var{y}, @var{loss}, @var{n_samples}, @var{n_time}, @var{classes}, @var{name})
## Targets as the core reads them, as R's prepare_targets(): a struct with
## y (double array), n_out, seq_out and classes (a cellstr for sparse_ce).
## @end deftypefn
function tg = prepare_targets (y, loss, N, T, classes = {}, name = "Y", seq1 = false)
  if (strcmp (loss, "sparse_ce"))
    ## a vector of one label per sample, or (with one sample too) a
    ## samples x timesteps matrix of labels per step
    if ((isvector (y) && numel (y) == N) || (ismatrix (y) && columns (y) == 1))
      seq_out = false;
      shape = [N, 1];
    elseif (ndims (y) == 2 || (ndims (y) == 3 && size (y, 3) == 1))
      seq_out = true;
      shape = [N, T, 1];
    else
      error ("rnnkit:dim", ["'%s' for sparse_ce must be class labels: a " ...
             "vector (one per sample) or a samples x timesteps matrix, not %s"], ...
             name, describe (y));
    endif
    if (iscellstr (y))
      lab = y(:);
      j = (1:numel (lab))';
    elseif (isnumeric (y) && isreal (y))
      if (any (isnan (y(:))))
        error ("rnnkit:input", "'%s' contains missing class labels", name);
      endif
      ## the labels are the numbers' strings; convert each distinct value
      ## once (a text's targets are a million tokens of a few classes)
      [uy, ~, j] = unique (double (y(:)));
      lab = arrayfun (@num2str, uy, "UniformOutput", false);
    else
      error ("rnnkit:input", ["'%s' must hold class labels (numbers or a " ...
             "cell of strings), not %s"], name, describe (y));
    endif
    if (isempty (classes))
      classes = lab(:); # numbers in numeric order, as R's sort(unique(y))
      if (iscellstr (y))
        classes = unique (lab)(:);
      endif
    endif
    [ok, code] = ismember (lab, classes);
    if (! all (ok))
      error ("rnnkit:input", ["'%s' has label \"%s\" that is not one of the " ...
             "model's classes (%s)"], name, lab{find (! ok, 1)}, ...
             strjoin (classes(:)', ", "));
    endif
    code = code(j);
    if (numel (code) != prod (shape))
      error ("rnnkit:dim", "'%s' has %d labels; expected %d", name, ...
             numel (code), prod (shape));
    endif
    tg = struct ("y", reshape (double (code) - 1, shape), ...
                 "n_out", numel (classes), "seq_out", seq_out);
    tg.classes = classes;
    return;
  endif
  if (! (isnumeric (y) || islogical (y)) || ! isreal (y))
    error ("rnnkit:input", "'%s' must be numeric, not %s", name, describe (y));
  endif
  if (isvector (y) && numel (y) == N && ! seq1)
    y = y(:);
  endif
  if (seq1)
    seq_out = true;
    if (rows (y) != N || columns (y) != T)
      error ("rnnkit:dim", "'%s' must be %d x %d, one target per sample and step", ...
             name, N, T);
    endif
    n_out = 1;
  elseif (ndims (y) == 2)
    seq_out = false;
    if (rows (y) != N)
      error ("rnnkit:dim", ["'%s' has %d rows but X has %d samples; give one " ...
             "target (row) per sample. X is samples x timesteps x features"], ...
             name, rows (y), N);
    endif
    n_out = columns (y);
  elseif (ndims (y) == 3)
    seq_out = true;
    if (size (y, 1) != N || size (y, 2) != T)
      error ("rnnkit:dim", ["'%s' is %s but X has %d samples of %d timesteps; " ...
             "a many-to-many target is samples x timesteps x outputs"], ...
             name, describe (y), N, T);
    endif
    n_out = size (y, 3);
  else
    error ("rnnkit:dim", "'%s' must be a vector, a matrix or a 3-d array", name);
  endif
  if (! all (isfinite (y(:))))
    error ("rnnkit:input", ["'%s' contains %g at element %d; remove or fill " ...
           "missing targets first"], name, y(find (! isfinite (y(:)), 1)), ...
           find (! isfinite (y(:)), 1));
  endif
  if (strcmp (loss, "bce") && any (y(:) < 0 | y(:) > 1))
    error ("rnnkit:input", "'%s' for binary cross-entropy must lie in [0, 1]", name);
  endif
  tg = struct ("y", double (y), "n_out", n_out, "seq_out", seq_out);
  tg.classes = {};
endfunction
