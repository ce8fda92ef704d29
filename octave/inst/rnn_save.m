## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {} rnn_save (@var{model}, @var{file})
## Save a model in rnnkit's portable model file, which R's
## @code{rnn_load()} and Octave's @code{rnn_load} read.
##
## Every field of the model struct is stored under its dotted path
## (@code{config.units}, @code{history.loss}, ...): numbers as doubles
## (bit for bit), the fields R keeps as integers as integers, logicals,
## strings and cell arrays of strings, nested structs and cells.  Fields
## named @code{date}/@code{dates} (or ending in @code{_date}/@code{_dates})
## hold @code{datenum} values and are stored as dates, which R reads as
## @code{Date}.  The file is little-endian with a checksum; see
## @file{doc/model-file-format.md} in the rnnkit sources.
##
## A save never damages the file it replaces: the bytes go to a temporary
## file @file{.@var{name}.tmpXXXXXX} beside @var{file}, are flushed to the
## disk and only then renamed over @var{file}.  If writing fails (a full
## disk, a quota, a file size limit, no permission, @var{file} a folder),
## @var{file} keeps what it held, the temporary file is removed and the
## error has identifier @qcode{"rnnkit:io"} and says what failed.  A
## process killed during a save may leave the temporary file behind (never
## a damaged @var{file}); it can be deleted.  The new file keeps the
## permissions of the one it replaces; saving to a symbolic link replaces
## the file it points to.  @code{rnn_fit}'s checkpoints are written the
## same way.
##
## Octave's own @code{save}/@code{load} also work on a model.
## @seealso{rnn_load, rnn_fit}
## @end deftypefn

function rnn_save (model, file, varargin)
  check_nargin ("rnn_save", nargin, 2, 2, "rnn_save (model, file)");
  model = plain (model);
  check_model (model, "rnn_save", true);
  if (! ischar (file) || rows (file) != 1 || isempty (file))
    error ("rnnkit:input", "rnn_save: FILE must be one file name, not %s", ...
           describe (file));
  endif
  ## the record codes and the fields whose type Octave's values do not
  ## tell (integers, dates, matrices, data frames) are the core's schema
  c = __rnnkit__ ("schema");
  sc = struct ("type", c.record_type, "kind", c.record_kind);
  recs = struct ("name", {}, "type", {}, "kind", {}, "dims", {}, "value", {});
  if (is_panel (model))
    ## issue 16: a panel's keys as R's character vector, its series as a
    ## list in the keys' order (the core types their fields as a
    ## one-series model's)
    keys = cellstr (model.prep.meta.keys)(:);
    model.prep.meta.keys = keys;
    ser = model.prep.data.series;
    if (isstruct (ser))
      ser = struct2cell (ser);
    endif
    if (iscell (ser) && numel (ser) == numel (keys))
      ## R names the list by the keys; a path escapes % . # as R's writer
      named = struct ();
      for i = 1:numel (keys)
        named.(key_part (keys{i})) = ser{i};
      endfor
      model.prep.data.series = named;
    endif
  endif
  sc.extra = prep_names (model);
  if (isfield (model, "tokenizer") && is_scalar_struct (model.tokenizer) ...
      && all (isfield (model.tokenizer, {"counts", "vocab"})) ...
      && is_names (model.tokenizer.vocab) ...
      && numel (model.tokenizer.counts) == numel (cellstr (model.tokenizer.vocab)))
    ## R names a tokenizer's counts by their tokens
    sc.extra.tokenizer_counts = {"names", cellstr(model.tokenizer.vocab)(:)'};
  endif
  recs = flatten (model, "", recs, sc);
  bytes = __rnnkit__ ("encode", recs);
  ## the C core writes a temporary file beside FILE, flushes it to the
  ## disk and renames it over FILE (R's rnn_save() calls the same code)
  try
    __rnnkit__ ("write_file", tilde_expand (file), bytes);
  catch err
    if (strncmp (err.identifier, "rnnkit:", 7))
      error (err.identifier, "rnn_save: %s", ...
             regexprep (err.message, '^__rnnkit__: ', ''));
    endif
    rethrow (err);
  end_try_catch
endfunction

## R indexes a windows model's scaler and data by column name: the names
## of prep.scaler.center/scale and the column names of prep.data.values
## (the features, then the targets) go into the file as R writes them
function extra = prep_names (model)
  extra = struct ();
  if (! (isfield (model, "prep") && is_scalar_struct (model.prep) ...
         && isfield (model.prep, "scaler") && is_scalar_struct (model.prep.scaler)))
    return;
  endif
  p = model.prep;
  if (isfield (p.scaler, "columns") && is_names (p.scaler.columns))
    used = cellstr (p.scaler.columns)(:)';
  elseif (isfield (p, "meta") && is_scalar_struct (p.meta) ...
          && all (isfield (p.meta, {"features", "target"})) ...
          && is_names (p.meta.features) && is_names (p.meta.target))
    used = {};
    for c = [cellstr(p.meta.features)(:)', cellstr(p.meta.target)(:)']
      if (! any (strcmp (used, c{1})))
        used(end+1) = c;
      endif
    endfor
  else
    return; # not a windows model: nothing to name
  endif
  if (isfield (model, "residuals") && isfield (p, "meta") && is_scalar_struct (p.meta) ...
      && all (isfield (p.meta, {"target", "horizon"})) && is_names (p.meta.target))
    ## R names the residuals' columns by target (and step ahead: "Close+2")
    tn = cellstr (p.meta.target)(:)';
    if (p.meta.horizon > 1)
      [s, t] = ndgrid (1:p.meta.horizon, 1:numel (tn));
      tn = arrayfun (@(i, j) sprintf ("%s+%d", tn{j}, i), s(:)', t(:)', "UniformOutput", false);
    endif
    if (ndims (model.residuals) == 2 && columns (model.residuals) == numel (tn))
      extra.residuals = {"colnames", tn};
    endif
  endif
  if (is_panel (model) && isfield (p, "data") && is_scalar_struct (p.data) ...
      && isfield (p.data, "series") && is_scalar_struct (p.data.series))
    ## issue 16: a column of center and scale per key, a series per key;
    ## rows and columns named as R's, so that one series (a 1 x 1 or a
    ## column) stays a matrix in R (flatten writes names of rows and
    ## columns with the matrix's dims)
    keys = cellstr (p.meta.keys)(:)';
    for f = {"center", "scale"}
      extra.(["prep_scaler_" f{1}]) = {"rownames", used, "colnames", keys};
    endfor
    if (isfield (p.scaler, "n_rows") && numel (p.scaler.n_rows) == numel (keys))
      extra.prep_scaler_n_rows = {"names", keys};
    endif
    for k = fieldnames (p.data.series)'
      extra.(["prep_data_series_" strrep(k{1}, ".", "_") "_values"]) = {"colnames", used};
    endfor
    return;
  endif
  for f = {"center", "scale"}
    if (isfield (p.scaler, f{1}) && numel (p.scaler.(f{1})) == numel (used))
      extra.(["prep_scaler_" f{1}]) = {"names", used};
    endif
  endfor
  if (isfield (p, "data") && is_scalar_struct (p.data) && isfield (p.data, "values") ...
      && ndims (p.data.values) == 2 && columns (p.data.values) == numel (used))
    extra.prep_data_values = {"colnames", used};
  endif
endfunction

## a key as one component of a record's path, escaped as R's writer does
function k = key_part (k)
  k = strrep (strrep (strrep (k, "%", "%25"), ".", "%2E"), "#", "%23");
endfunction

function tf = is_scalar_struct (s)
  tf = isstruct (s) && isscalar (s);
endfunction

function tf = is_names (v)
  tf = iscellstr (v) || (ischar (v) && ndims (v) == 2);
endfunction

function recs = add (recs, name, type, kind, dims, value)
  recs(end+1) = struct ("name", name, "type", type, "kind", kind, ...
                        "dims", double (dims), "value", []);
  recs(end).value = value;
endfunction

## dims of a value: a column (or scalar) is a vector, anything else keeps
## its size
function d = dims_of (x)
  if (ndims (x) == 2 && columns (x) == 1)
    d = rows (x);
  else
    d = size (x);
  endif
endfunction

function recs = flatten (x, path, recs, sc)
  t = sc.type;
  k = sc.kind;
  if (issparse (x))
    x = full (x);
  endif
  if (isstruct (x))
    if (! isscalar (x))
      error ("rnnkit:input", "rnn_save: '%s' is a struct array; only scalar structs can be saved", path);
    endif
    if (! isempty (path))
      kind = k.plain;
      if (__rnnkit__ ("file_flags", {path}, "dataframe"))
        kind = k.dataframe;
      endif
      recs = add (recs, path, t.list, kind, [], []);
    endif
    f = fieldnames (x);
    for i = 1:numel (f)
      recs = flatten (x.(f{i}), join_path (path, f{i}), recs, sc);
    endfor
  elseif (iscellstr (x) && ! isempty (x))
    recs = add (recs, path, t.string, k.plain, dims_of (x), x(:));
  elseif (iscell (x))
    recs = add (recs, path, t.list, k.unnamed, [], []);
    for i = 1:numel (x)
      recs = flatten (x{i}, sprintf ("%s.#%d", path, i), recs, sc);
    endfor
  elseif (ischar (x))
    if (rows (x) <= 1)
      recs = add (recs, path, t.string, k.plain, 1, {x});
    else
      recs = add (recs, path, t.string, k.plain, rows (x), cellstr (x));
    endif
  elseif (isempty (x) && isnumeric (x) && all (size (x) == 0))
    recs = add (recs, path, t.null, k.plain, [], []);
  elseif (islogical (x))
    recs = add (recs, path, t.logical, k.plain, dims_of (x), int32 (x(:)));
  elseif (isnumeric (x) && isreal (x))
    ## the core writes the fields R keeps as integers as int32
    e = {};
    if (isfield (sc.extra, strrep (path, ".", "_")))
      e = sc.extra.(strrep (path, ".", "_")); # {kind, names, kind, names ...}
    endif
    if (__rnnkit__ ("file_flags", {path}, "date")) # days since 1970-01-01
      recs = add (recs, path, t.double, k.date, dims_of (x), ...
                  double (x(:)) - datenum (1970, 1, 1));
    elseif (__rnnkit__ ("file_flags", {path}, "matrix") ...
        || any (strcmp (e(1:2:end), "rownames") | strcmp (e(1:2:end), "colnames")))
      recs = add (recs, path, t.double, k.plain, size (x), r_na (double (x(:))));
    else
      recs = add (recs, path, t.double, k.plain, dims_of (x), r_na (double (x(:))));
    endif
    for j = 1:2:numel (e)
      recs = add (recs, path, t.string, k.(e{j}), numel (e{j+1}), e{j+1}(:));
    endfor
  else
    error ("rnnkit:input", ["rnn_save: cannot save '%s', %s: a model file " ...
           "holds real numbers, logicals, strings, structs and cells"], ...
           path, describe (x));
  endif
endfunction

## Octave's NA and R's NA_real_ are NaNs with different payloads; the
## file holds R's, so a missing value stays missing (not NaN) in R.
function v = r_na (v)
  m = isna (v);
  if (any (m))
    v(m) = typecast (uint32 ([1954 2146435072]), "double");
  endif
endfunction

function p = join_path (path, name)
  if (isempty (path))
    p = name;
  else
    p = [path "." name];
  endif
endfunction

%!test
%! X = reshape (sin (0.1 * (1:80)), 8, 10);
%! m = rnn_fit (X, X(:, end), "Cell", "lstm", "Units", [3 2], "Epochs", 2, ...
%!              "Seed", 1, "Verbose", false);
%! m.extra = struct ("dates", datenum (2016, 1, 4) + (0:2)', "names", {{"a"; "b"}}, ...
%!                   "mixed", {{1; "x"; true}}, "empty", [], "label", "", ...
%!                   "mat", magic (3), "flag", [true; false]);
%! f = [tempname() ".rnnk"];
%! unwind_protect
%!   rnn_save (m, f);
%!   m2 = rnn_load (f);
%!   assert (m2, m);
%!   assert (rnn_predict (m2, X), rnn_predict (m, X));
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect

## Octave's NA is stored as R's NA and comes back as NA, NaN as NaN
%!test
%! m = struct ("config", struct ("cell_code", 0, "activation_code", 1, ...
%!   "n_in", 1, "units", 1, "n_out", 1, "head_act_code", 0, "seq_out", 0, ...
%!   "dropout", 0), "params", zeros (5, 1), "v", [NA; NaN; 1]);
%! f = [tempname() ".rnnk"];
%! unwind_protect
%!   rnn_save (m, f);
%!   v = rnn_load (f).v;
%!   assert (isna (v), [true; false; false]);
%!   assert (isnan (v), [true; true; false]);
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect

## the core's schema types the fields: integers R keeps as integers are
## written as int32 (not rounded when not whole), fields named as dates
## are dates, history is a data frame
%!test
%! m = struct ("config", struct ("cell_code", 0, "activation_code", 1, ...
%!   "n_in", 1, "units", 1, "n_out", 1, "head_act_code", 0, "seq_out", 0, ...
%!   "dropout", 0), "params", zeros (5, 1), ...
%!   "training", struct ("epochs", 2.5, "batch_size", 32), ...
%!   "history", struct ("epoch", [1; 2], "loss", [0.5; 0.25]), ...
%!   "x", struct ("first_date", datenum (2016, 1, 4), "update", 3));
%! f = [tempname() ".rnnk"];
%! unwind_protect
%!   rnn_save (m, f);
%!   fid = fopen (f, "rb"); b = fread (fid, Inf, "uint8=>uint8"); fclose (fid);
%!   r = __rnnkit__ ("decode", b);
%!   type = @(n) r(strcmp ({r.name}, n)).type;
%!   kind = @(n) r(strcmp ({r.name}, n)).kind;
%!   assert ([type("config.units"), type("training.batch_size"), ...
%!            type("history.epoch"), type("training.epochs"), ...
%!            type("history.loss")], [2 2 2 1 1]);
%!   assert ([kind("history"), kind("x.first_date"), kind("x.update")], [4 1 0]);
%!   assert (rnn_load (f), m);
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect
%!error <MODEL must be an rnnkit model> rnn_save (1, "x.rnnk")
%!error <FILE must be one file name> rnn_save (struct ("config", struct (), "params", 1), 3)

## regressions found by tests/octave/random_inputs.m
%!shared m
%! m = struct ("config", struct ("cell_code", 0, "activation_code", 1, ...
%!   "n_in", 1, "units", 1, "n_out", 1, "head_act_code", 0, "seq_out", 0, ...
%!   "dropout", 0), "params", zeros (5, 1));
%!error <takes 2 argument\(s\), not 3> rnn_save (m, "x.rnnk", 1)
%!error <cannot save 'extra', complex double> rnn_save (setfield (m, "extra", 1+2i), [tempname() ".rnnk"])
%!error <cannot save 'extra', the function handle> rnn_save (setfield (m, "extra", @sin), [tempname() ".rnnk"])
## sparse values are saved as full ones; odd prep and tokenizer parts do
## not break the naming of R's columns
%!test
%! m.extra = sparse ([1 0; 0 2]);
%! m.flags = sparse ([true false]);
%! m.prep = struct ("scaler", struct ("columns", 3, "center", 1));
%! m.tokenizer = struct ("vocab", 1e6, "counts", 1);
%! f = [tempname() ".rnnk"];
%! unwind_protect
%!   rnn_save (m, f);
%!   b = rnn_load (f);
%!   assert (b.extra, [1 0; 0 2]);
%!   assert (b.flags, [true false]);
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect
## the MEX gateway called directly: a record without its type is an
## rnnkit:internal error (it crashed Octave), too much memory rnnkit:size
%!error id=rnnkit:internal __rnnkit__ ("encode", struct ("name", "a", "kind", 0, "dims", 1, "value", 1))
%!error id=rnnkit:internal __rnnkit__ ("encode", struct ("name", "a", "type", NaN, "kind", 0, "dims", 1, "value", 1))
%!error id=rnnkit:size __rnnkit__ ("need_memory", 2^62, "a test")
## a save replaces the file whole, leaving no temporary file; a failed
## save is rnnkit:io and leaves the file as it was (tests/octave/
## save_faults.m fills a disk, limits the file size and kills a saver)
%!error id=rnnkit:io rnn_save (m, fullfile (tempname (), "no", "such", "m.rnnk"))
%!error <the folder does not exist> rnn_save (m, fullfile (tempname (), "m.rnnk"))
%!error <it is a folder> rnn_save (m, tempdir ())
%!test
%! d = tempname ();
%! mkdir (d);
%! f = fullfile (d, "m.rnnk");
%! unwind_protect
%!   rnn_save (m, f);
%!   m2 = m;
%!   m2.params(:) = 2;
%!   rnn_save (m2, f);
%!   assert (rnn_load (f).params, m2.params);
%!   assert (numel (dir (d)), 3);   # ., .. and m.rnnk
%!   mkdir (fullfile (d, "sub"));
%!   try
%!     rnn_save (m, fullfile (d, "sub"));
%!     error ("no error");
%!   catch e
%!     assert (e.identifier, "rnnkit:io");
%!     assert (strncmp (e.message, "rnn_save: cannot save '", 23));
%!   end_try_catch
%!   assert (isfolder (fullfile (d, "sub")));
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

## issue 16: a panel model's key, keys, per-key scalers and series survive
## rnn_save/rnn_load, and it answers per key the same after
%!test
%! t = (0:39)';
%! d = struct ("Date", datenum (2015, [1 + t; 1 + t], 1), ...
%!             "Name", {[repmat({"x.1"}, 40, 1); repmat({"y"}, 40, 1)]}, "v", [10 + sin(t); 5 + t]);
%! m = rnn_fit (rnn_windows (d, "Key", "Name", "Window", 5, "Split", "2017-06-01"), ...
%!              "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! f = [tempname() ".rnnk"];
%! rnn_save (m, f);
%! g = rnn_load (f);
%! delete (f);
%! assert (g.prep.meta.key, "Name");
%! assert (cellstr (g.prep.meta.keys)(:)', {"x.1", "y"});
%! assert (g.prep.scaler.center, m.prep.scaler.center);
%! assert (struct (rnn_accuracy (g)), struct (rnn_accuracy (m)));
%! fm = rnn_forecast (m, 2, "Level", []);
%! fg = rnn_forecast (g, 2, "Level", []);
%! assert ([fg.mean], [fm.mean]);
%! assert ({fg.Name}, {"x.1", "y"});

