## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{data} =} rnn_read_csv (@var{file})
## @deftypefnx {} {@var{data} =} rnn_read_csv (@var{file}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {[@var{data}, @var{info}] =} rnn_read_csv (@dots{})
## Read a CSV file into a struct of columns, the form @code{rnn_windows}
## takes, with rnnkit's C core (the reader R's @code{rnn_read_csv()} uses,
## so both hosts see the same columns and the same doubles).
##
## The file has a header line of column names; fields are separated by a
## delimiter (detected as the most frequent of @qcode{','}, @qcode{';'},
## tab and @qcode{'|'} in the header line, or given); a field may be
## quoted (@qcode{"..."}, a quote inside written @qcode{""}) and then hold
## the delimiter and line ends.  Blank lines are skipped.  The file must be
## UTF-8 (or ASCII).
##
## Each column of @var{data} is a field named after its header (made a
## valid name with @code{matlab.lang.makeValidName}, unique):
## @itemize
## @item numbers: a double column vector.  Numbers are decimals such as
## @code{-1.25e3} (or @code{Inf}, @code{NaN}), converted with correct
## rounding, with @qcode{'.'} as the decimal point whatever the locale:
## the DJIA file reads to the same bits as R's @code{read.csv}.
## @item dates: a column of @code{datenum} values, when every field is a
## date in one of the formats @qcode{YYYY-MM-DD} (ISO 8601),
## @qcode{YYYY/MM/DD}, @qcode{YYYY.MM.DD}, @qcode{YYYY-MM} and
## @qcode{YYYY/MM} (months: their first day), @qcode{DD.MM.YYYY},
## @qcode{DD/MM/YYYY}, @qcode{MM/DD/YYYY}, @qcode{DD-MM-YYYY} and
## @qcode{MM-DD-YYYY}.  Day and month order is decided by a part above 12;
## when no date decides it (@qcode{01/02/2024} only) the file is an error
## unless @qcode{'DayFirst'} says it.  Times of day, month names, two-digit
## years and @qcode{YYYYMMDD} are not detected (such columns are text).
## @item text: anything else, a cellstr column (quotes removed).
## @end itemize
## Empty fields and @qcode{NA} are missing: @code{NaN} in numbers and
## dates.
##
## Options:
## @table @asis
## @item @qcode{'Delimiter'}
## one character, e.g. @qcode{';'} or @code{"\t"}; default: detected.
## @item @qcode{'DayFirst'}
## @code{true} (DD/MM/YYYY) or @code{false} (MM/DD/YYYY) for dates whose
## order no value decides; default @code{[]}: decide from the dates.
## @end table
##
## @var{info} has fields @code{names} (the header as written, a cellstr),
## @code{fields} (the field names of @var{data}), @code{formats}
## (@qcode{'number'}, @qcode{'text'} or the date format of each column,
## e.g. @qcode{'YYYY-MM-DD'}), @code{delimiter} and @code{rows}.
##
## A file that cannot be read is an error @qcode{"rnnkit:io"}; a malformed
## one (a line with another number of fields, an unclosed quote, bytes
## that are not UTF-8) an error @qcode{"rnnkit:input"} naming the line and
## column.
##
## @example
## px = rnn_read_csv (fullfile (pkg ("list", "rnnkit")@{1@}.dir, "extdata", "djia.csv"));
## w = rnn_windows (px, "Target", "Close", "Window", 30, "Test", 250);
## @end example
## @seealso{rnn_example_data, rnn_windows}
## @end deftypefn

function [data, info] = rnn_read_csv (file, varargin)
  check_nargin ("rnn_read_csv", nargin, 1, Inf, ...
                "data = rnn_read_csv (file, 'Delimiter', ',', 'DayFirst', true)");
  if (! ischar (file) || rows (file) != 1 || isempty (file))
    error ("rnnkit:input", "rnn_read_csv: FILE must be a file name, not %s", describe (file));
  endif
  o = rnnkit_options (struct ("Delimiter", "", "DayFirst", []), "rnn_read_csv", varargin);
  d = o.Delimiter;
  if (! ischar (d) || numel (d) > 1 || any (ismember (d, "\" \n\r")))
    error ("rnnkit:input", ["rnn_read_csv: 'Delimiter' must be one character such as " ...
           "',', ';' or \"\\t\" (or '' to detect it), not %s"], describe (d));
  endif
  if (isempty (o.DayFirst) && isnumeric (o.DayFirst))
    df = -1;
  elseif (isscalar (o.DayFirst) && (islogical (o.DayFirst) || isnumeric (o.DayFirst)) ...
          && any (o.DayFirst == [0 1]))
    df = double (o.DayFirst);
  else
    error ("rnnkit:input", ["rnn_read_csv: 'DayFirst' must be true (dd/mm/yyyy), " ...
           "false (mm/dd/yyyy) or [] (decide from the dates), not %s"], describe (o.DayFirst));
  endif
  [fid, msg] = fopen (file, "r");
  if (fid < 0)
    error ("rnnkit:io", "rnn_read_csv: cannot open '%s' (%s)", file, msg);
  endif
  unwind_protect
    bytes = fread (fid, Inf, "uint8=>uint8");
  unwind_protect_cleanup
    fclose (fid);
  end_unwind_protect
  try
    [names, cols, types, formats, delim] = __rnnkit__ ("read_csv", bytes, d, df);
  catch e
    if (strcmp (e.identifier, "rnnkit:input"))
      error ("rnnkit:input", "rnn_read_csv: %s: %s", file, e.message);
    endif
    rethrow (e);
  end_try_catch
  fields = matlab.lang.makeUniqueStrings (matlab.lang.makeValidName (names));
  data = struct ();
  for j = 1:numel (names)
    if (types(j) == 2)
      cols{j} += 719529;  # day counts since 1970-01-01 -> datenum
    endif
    data.(fields{j}) = cols{j};
  endfor
  if (nargout > 1)
    info = struct ("names", {names}, "fields", {fields}, "formats", {formats}, ...
                   "delimiter", "", "rows", 0);
    info.rows = merge (isempty (cols), 0, rows (cols{1}));
    info.delimiter = delim;
  endif
endfunction

%!shared f
%! f = tempname ();

%!test
%! [~, file] = rnn_example_data ();
%! [d, info] = rnn_read_csv (file);
%! ## the same doubles as textscan ('%s') and str2double, the one exact
%! ## way Octave had (textscan ('%f') rounds some of them otherwise)
%! fid = fopen (file);
%! hdr = strsplit (fgetl (fid), ",");
%! c = textscan (fid, repmat ("%s", 1, 6), "Delimiter", ",");
%! fclose (fid);
%! assert (fieldnames (d)', hdr);
%! assert (d.Date, datenum (c{1}, "yyyy-mm-dd"));
%! for k = 2:6
%!   assert (d.(hdr{k}), str2double (c{k}));
%! endfor
%! assert (info.formats, {"YYYY-MM-DD", "number", "number", "number", "number", "number"});
%! assert (info.rows, 2518);
%! assert (info.delimiter, ",");
%! w = rnn_windows (d, "Target", "Close", "Window", 30, "Test", 250);
%! assert (w.index.date(end), datenum (2016, 4, 20));

%!test
%! fid = fopen (f, "w");
%! fprintf (fid, "Day;Adj Close;name;m\n31.01.2024;1,5;\"a;\"\"b\"\"\";2024-01\n");
%! fprintf (fid, "\n01.02.2024;NA;x;2024-02\r\n02.02.2024;;\"\";NA\n");
%! fclose (fid);
%! [d, info] = rnn_read_csv (f);
%! assert (fieldnames (d)', {"Day", "AdjClose", "name", "m"});
%! assert (d.Day, datenum (2024, [1; 2; 2], [31; 1; 2]));
%! assert (d.AdjClose, {"1,5"; "NA"; ""});
%! assert (d.name, {"a;\"b\""; "x"; ""});
%! assert (d.m, [datenum(2024, 1:2, 1)'; NaN]);
%! assert (info.formats, {"DD.MM.YYYY", "text", "text", "YYYY-MM"});
%! assert (info.delimiter, ";");

## numbers with '.' whatever LC_NUMERIC (the core parses them itself)
%!test
%! fid = fopen (f, "w");
%! fprintf (fid, "a,b\n0.1,1e-3\n-0,2.5\n0.12345678901234567890123,\n");
%! fclose (fid);
%! d = rnn_read_csv (f);
%! assert (d.a(1) == 0.1 && d.a(3) == 0.12345678901234567890123);
%! assert (d.b, [1e-3; 2.5; NaN]);
%! assert (1 / d.a(2), -Inf);

%!test
%! fid = fopen (f, "w");
%! fprintf (fid, "when|v\n01/02/2024|1\n");
%! fclose (fid);
%! d = rnn_read_csv (f, "DayFirst", true);
%! assert (d.when, datenum (2024, 2, 1));
%! d = rnn_read_csv (f, "DayFirst", false, "Delimiter", "|");
%! assert (d.when, datenum (2024, 1, 2));
%! d = rnn_read_csv (f, "Delimiter", ",");
%! assert (fieldnames (d), {"when_v"});

%!function f = csv_file (text)
%! f = [tempname() ".csv"];
%! fid = fopen (f, "w");
%! fwrite (fid, text);
%! fclose (fid);
%!endfunction

%!error <read as day/month/year and as month/day/year> rnn_read_csv (f)
%!error id=rnnkit:input rnn_read_csv (f)
%!error <line 2, column 1: '13/02/2024' is not a date MM/DD/YYYY> rnn_read_csv (csv_file ("d\n13/02/2024\n"), "DayFirst", false)
%!error id=rnnkit:io rnn_read_csv ([tempname() ".csv"])
%!error <line 3 has 1 field\(s\), but the header \(line 1\) has 2> rnn_read_csv (csv_file ("a,b\n1,2\n3\n"))
%!error <line 2, column 2 is not UTF-8> rnn_read_csv (csv_file ("a,b\n1,\xe9\n"))
%!error <line 2, column 2: a quoted field is not closed> rnn_read_csv (csv_file ("a,b\n1,\"2\n"))
%!error <line 2, column 2: text after the closing quote> rnn_read_csv (csv_file ("a,b\n1,\"2\"x\n"))
%!error <the file has no header line> rnn_read_csv (csv_file (""))
%!error <'Delimiter' must be one character> rnn_read_csv (f, "Delimiter", ",,")
%!error <'DayFirst' must be true> rnn_read_csv (f, "DayFirst", "yes")
%!error <FILE must be a file name> rnn_read_csv (3)
%!error <unknown option 'Delim'; valid options: Delimiter, DayFirst> rnn_read_csv (f, "Delim", ",")
