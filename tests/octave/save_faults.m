## Fault injection for rnn_save and rnn_fit's 'Checkpoint' (issue 13, item
## 13): whatever goes wrong during a save, the file holds the old model or
## the new one, whole, and a failed save is an error with identifier
## "rnnkit:io" that leaves no temporary file.  The cases, as in R's
## tests/testthat/test-save-faults.R:
##   - a file size limit (ulimit -f in a child octave, SIGXFSZ ignored so
##     that the write fails with EFBIG): rnn_save and a checkpoint;
##   - a full disk (a 200 kB tmpfs; only as root on Linux, else skipped);
##   - a child octave killed with SIGKILL at random moments while it saves
##     two models in turn.
## rnnkit must be on the path (pkg load rnnkit); the children find it
## where this session does.  Prints "save faults: P passed, F failed,
## S skipped" and errors if F > 0.
##   save_faults ()
function save_faults ()
  dir = tempname ();
  mkdir (dir);
  cleanup = onCleanup (@() remove_dir (dir));
  t = struct ("pass", 0, "fail", 0, "skip", 0);
  t = file_size_limit (t, dir);
  t = full_disk (t, dir);
  t = checkpoint_limit (t, dir);
  t = killed_saves (t, dir);
  printf ("save faults: %d passed, %d failed, %d skipped\n", t.pass, t.fail, t.skip);
  if (t.fail > 0)
    error ("save_faults: %d failed", t.fail);
  endif
endfunction

function remove_dir (dir)
  confirm_recursive_rmdir (false, "local");
  rmdir (dir, "s");
endfunction

function t = check (t, ok, what)
  if (ok)
    t.pass += 1;
  else
    t.fail += 1;
    printf ("FAILED: %s\n", what);
  endif
endfunction

function n = litter (dir)
  n = numel (glob (fullfile (dir, ".*.tmp??????")));
endfunction

function tf = same_model (a, b)
  tf = isequal (a.params, b.params) && isequal (a.config.units, b.config.units);
endfunction

## An untrained model of `units` LSTM units (64: a 137 kB file)
function m = model_of (units, seed)
  X = reshape (sin (0.1 * (1:40)), 10, 4);
  m = rnn_fit (X, X(:, end), "Cell", "lstm", "Units", units, "Epochs", 1, ...
               "Seed", seed, "Verbose", false);
endfunction

## Octave code that puts rnnkit on a child's path
function s = load_rnnkit ()
  s = sprintf ("addpath ('%s'); addpath ('%s');", ...
               fileparts (which ("rnn_save")), fileparts (which ("__rnnkit__")));
endfunction

## Runs Octave code in a child octave under `ulimit -f blocks` (512-byte
## blocks), SIGXFSZ ignored; returns its output
function out = run_limited (dir, code, blocks)
  script = fullfile (dir, "child.m");
  fid = fopen (script, "w");
  fprintf (fid, "%s\n%s\n", load_rnnkit (), code);
  fclose (fid);
  cmd = sprintf ("trap '' XFSZ; ulimit -f %d; exec '%s' --no-gui --norc -q '%s' 2>&1", ...
                 blocks, octave_binary (), script);
  [~, out] = system (cmd);
endfunction

function p = octave_binary ()
  p = fullfile (OCTAVE_HOME (), "bin", "octave-cli");
  if (! exist (p, "file"))
    p = "octave-cli";
  endif
endfunction

function t = file_size_limit (t, dir)
  f = fullfile (dir, "m.rnnk");
  old = model_of (64, 1);
  rnn_save (old, f);
  mnew = model_of (64, 2);
  save ("-binary", fullfile (dir, "new.bin"), "mnew");
  out = run_limited (dir, sprintf (["load ('%s'); try; rnn_save (mnew, '%s'); " ...
                                    "disp ('saved'); catch e; printf ('id: %%s\\nmessage: %%s\\n', " ...
                                    "e.identifier, e.message); end_try_catch"], ...
                                   fullfile (dir, "new.bin"), f), 100);
  t = check (t, ! isempty (strfind (out, "id: rnnkit:io")), ...
             ["file size limit: rnnkit:io; the child said: " out]);
  t = check (t, ! isempty (strfind (out, "file size limit")) && ! isempty (strfind (out, f)), ...
             ["file size limit: the message says why and where: " out]);
  try
    t = check (t, same_model (rnn_load (f), old), "file size limit: the old model is kept");
  catch e
    t = check (t, false, ["file size limit: the old model no longer loads: " e.message]);
  end_try_catch
  t = check (t, litter (dir) == 0, "file size limit: no temporary file left");
  unlink (f);
endfunction

function t = full_disk (t, dir)
  [st, uid] = system ("id -u");
  if (! isunix () || ! strcmp (strtrim (uid), "0") || st != 0)
    t.skip += 1;
    return;
  endif
  mnt = fullfile (dir, "tmpfs");
  mkdir (mnt);
  if (system (sprintf ("mount -t tmpfs -o size=200k tmpfs '%s' 2>/dev/null", mnt)) != 0)
    t.skip += 1;
    return;
  endif
  unwind_protect
    f = fullfile (mnt, "m.rnnk");
    old = model_of (32, 1);
    rnn_save (old, f);
    id = "";
    msg = "";
    try
      rnn_save (model_of (96, 2), f);   # 305 kB: more than the disk
    catch e
      id = e.identifier;
      msg = e.message;
    end_try_catch
    t = check (t, strcmp (id, "rnnkit:io"), ["full disk: rnnkit:io, not '" id "'"]);
    t = check (t, ! isempty (strfind (msg, "the disk is full")), ["full disk: the message: " msg]);
    try
      t = check (t, same_model (rnn_load (f), old), "full disk: the old model is kept");
    catch e
      t = check (t, false, ["full disk: the old model no longer loads: " e.message]);
    end_try_catch
    t = check (t, litter (mnt) == 0, "full disk: no temporary file left");
    ## a checkpoint on the disk once it is full: the fit stops with a
    ## warning and the previous checkpoint stays
    X = rand (20, 3);
    Y = sum (X, 2);
    ck = fullfile (mnt, "ck.rnnk");
    unlink (f);
    fit = rnn_fit (X, Y, "Units", 32, "Epochs", 2, "Checkpoint", ck, "Seed", 1, ...
                   "Verbose", false);
    system (sprintf ("head -c 1000000 /dev/zero > '%s' 2>/dev/null", fullfile (mnt, "filler")));
    lastwarn ("");
    more = rnn_fit (X, Y, "Model", rnn_load (ck), "Epochs", 5, "Checkpoint", ck, ...
                    "Verbose", false);
    [wmsg, wid] = lastwarn ();
    t = check (t, strcmp (wid, "rnnkit:checkpoint") && ! isempty (strfind (wmsg, "the disk is full")), ...
               ["full disk checkpoint: the warning: " wid " " wmsg]);
    t = check (t, more.status.epochs_run == 1, "full disk checkpoint: the fit stopped after epoch 1");
    c = rnn_load (ck);
    t = check (t, c.status.epochs_run == 2 && isequal (c.params, fit.params), ...
               "full disk checkpoint: the previous checkpoint is kept");
    t = check (t, litter (mnt) == 0, "full disk checkpoint: no temporary file left");
  unwind_protect_cleanup
    system (sprintf ("umount '%s'", mnt));
  end_unwind_protect
endfunction

function t = checkpoint_limit (t, dir)
  f = fullfile (dir, "ck.rnnk");
  X = rand (20, 3);
  Y = sum (X, 2);
  fit = rnn_fit (X, Y, "Units", 64, "Epochs", 2, "Checkpoint", f, "Seed", 1, ...
                 "Verbose", false);
  save ("-binary", fullfile (dir, "data.bin"), "X", "Y");
  out = run_limited (dir, sprintf (["load ('%s'); " ...
                                    "m = rnn_fit (X, Y, 'Model', rnn_load ('%s'), 'Epochs', 5, " ...
                                    "'Checkpoint', '%s', 'Verbose', false); [msg, id] = lastwarn (); " ...
                                    "printf ('id: %%s\\nmessage: %%s\\nepochs: %%d\\n', id, msg, " ...
                                    "m.status.epochs_run);"], fullfile (dir, "data.bin"), f, f), 100);
  t = check (t, ! isempty (strfind (out, "id: rnnkit:checkpoint")), ...
             ["checkpoint: a warning rnnkit:checkpoint; the child said: " out]);
  t = check (t, ! isempty (strfind (out, "stopped after epoch 1 because saving the checkpoint failed")) ...
             && ! isempty (strfind (out, "file size limit")), ["checkpoint: the warning says why: " out]);
  t = check (t, ! isempty (strfind (out, "epochs: 1")), ["checkpoint: the model is returned: " out]);
  try
    c = rnn_load (f);
    t = check (t, c.status.epochs_run == 2 && isequal (c.history.loss, fit.history.loss), ...
               "checkpoint: the previous checkpoint is kept");
  catch e
    t = check (t, false, ["checkpoint: the previous checkpoint no longer loads: " e.message]);
  end_try_catch
  t = check (t, litter (dir) == 0, "checkpoint: no temporary file left");
  unlink (f);
endfunction

function t = killed_saves (t, dir)
  f = fullfile (dir, "big.rnnk");
  a = model_of (500, 1);    # 8 MB
  b = a;
  b.params = -a.params;
  save ("-binary", fullfile (dir, "ab.bin"), "a", "b");
  rnn_save (a, f);
  script = fullfile (dir, "saver.m");
  pidfile = fullfile (dir, "pid");
  fid = fopen (script, "w");
  fprintf (fid, "%s\nload ('%s');\nfid = fopen ('%s', 'w'); fprintf (fid, '%%d\\n', getpid ()); fclose (fid);\n", ...
           load_rnnkit (), fullfile (dir, "ab.bin"), pidfile);
  fprintf (fid, "while (true)\n  rnn_save (b, '%s');\n  rnn_save (a, '%s');\nendwhile\n", f, f);
  fclose (fid);
  rand ("seed", 42);
  for k = 1:6
    if (exist (pidfile, "file"))
      unlink (pidfile);
    endif
    system (sprintf ("'%s' --no-gui --norc -q '%s' >/dev/null 2>&1 &", octave_binary (), script));
    t0 = time ();
    pid = NaN;
    while (isnan (pid) && time () - t0 < 60)
      pause (0.02);
      if (exist (pidfile, "file"))
        pid = str2double (fileread (pidfile));
      endif
    endwhile
    if (isnan (pid))
      t = check (t, false, "the saver did not start");
      break;
    endif
    pause (0.3 + 1.2 * rand ());
    kill (pid, 9);
    pause (0.3);
    try
      got = rnn_load (f);
      t = check (t, same_model (got, a) || same_model (got, b), ...
                 sprintf ("kill %d: the file holds one of the two models", k));
    catch e
      t = check (t, false, sprintf ("kill %d: the file no longer loads: %s", k, e.message));
    end_try_catch
    ## a kill may leave the temporary file of the save it cut short (at
    ## most one); it can be deleted
    n = litter (dir);
    t = check (t, n <= 1, sprintf ("kill %d: %d temporary files", k, n));
    for g = glob (fullfile (dir, ".*.tmp??????"))'
      unlink (g{1});
    endfor
  endfor
endfunction
