## -*- texinfo -*-
## @deftypefn {} {@var{s} =} rnnkit_file_schema ()
## How Octave's plain structs map onto the typed records of the model
## file (doc/model-file-format.md), so that a model Octave saves reads in
## R as the list R itself would have written: the paths R keeps as
## integers, the structs R keeps as data frames, the fields holding dates,
## and the record type and kind codes.
## @end deftypefn
function s = rnnkit_file_schema ()
  s.int_paths = {"config.cell_code", "config.activation_code", "config.n_in", ...
                 "config.units", "config.n_out", "config.head_act_code", ...
                 "config.seq_out", "n_time", "history.epoch", ...
                 "training.n_train", "training.n_val", "training.epochs", ...
                 "training.batch_size", "training.patience", ...
                 "status.epochs_run", "status.best_epoch", "status.diverged"};
  s.dataframe_paths = {"history"};
  ## fields whose name is "date"/"dates" or ends in "_date"/"_dates" hold
  ## datenum values and are stored as dates (days since 1970-01-01)
  s.date_pattern = '(^|_)dates?$';
  s.type = struct ("double", 1, "int", 2, "logical", 3, "string", 4, ...
                   "list", 5, "null", 6);
  s.kind = struct ("plain", 0, "date", 1, "factor", 2, "levels", 3, ...
                   "dataframe", 4, "unnamed", 5, "names", 6);
  s.datenum_1970 = 719529; # datenum (1970, 1, 1)
endfunction
