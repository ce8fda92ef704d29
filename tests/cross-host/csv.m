## Cross-host, issue 18: Octave's rnn_read_csv reads the bundled CSV files
## to the doubles R's read.csv gives (csv.R wrote them), bit for bit:
## the difference is 0 and the bit patterns are equal.
function csv (dir)
  for name = {"djia", "air"}
    [~, file] = rnn_example_data (name{1});
    d = rnn_read_csv (file);
    fid = fopen (fullfile (dir, ["csv-" name{1} ".bin"]), "r", "ieee-le");
    v = fread (fid, Inf, "double");
    fclose (fid);
    nm = strsplit (strtrim (fileread (fullfile (dir, ["csv-" name{1} ".names"]))), "\n");
    n = v(1);
    assert (isequal (fieldnames (d)', nm), "csv: column names differ");
    for k = 1:v(2)
      r = v(2 + (k - 1) * n + (1:n));
      o = d.(nm{k});
      if (strcmp (nm{k}, "Date"))
        o -= 719529;  # datenum -> R's day count
      endif
      if (! isequal (typecast (o(:), "uint64"), typecast (r(:), "uint64")))
        error ("csv: %s.%s differs between R and Octave (max |diff| %g)", ...
               name{1}, nm{k}, max (abs (o(:) - r(:))));
      endif
    endfor
    printf ("csv: %s.csv reads to the same %d x %d doubles in R and Octave (difference 0)\n", ...
            name{1}, n, v(2));
  endfor
  ## issue 14: the mixed file csv.R read (one reader, src/gw/file.c):
  ## the same names, formats and text; the same numbers, NA as NaN
  [d, info] = rnn_read_csv (fullfile (dir, "csv-mixed.csv"));
  t = strsplit (fileread (fullfile (dir, "csv-mixed.txt")), "\n", "CollapseDelimiters", false);
  assert (isequal (t(1:11), [info.names(:)', info.formats(:)', d.name(:)']), ...
          "csv: the mixed file's names, formats or text differ between R and Octave");
  fid = fopen (fullfile (dir, "csv-mixed.bin"), "r", "ieee-le");
  r = fread (fid, Inf, "double");
  fclose (fid);
  o = [d.id; d.when - 719529; d.x];
  assert (isequal (isnan (o), isnan (r)) && isequal (o(! isnan (o)), r(! isnan (r))), ...
          "csv: the mixed file's numbers differ between R and Octave");
  printf ("csv: a mixed file (quotes, missing values, UTF-8, day-first dates) reads the same in R and Octave\n");
endfunction
