## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{px} =} rnn_example_data ()
## @deftypefnx {} {@var{px} =} rnn_example_data (@var{name})
## @deftypefnx {} {[@var{px}, @var{file}] =} rnn_example_data (@dots{})
## The bundled real series, as R's @code{rnn_example_data()}:
## @qcode{'djia'} (the default), the Dow Jones Industrial Average, daily
## 2006-04-20 to 2016-04-20 (2518 trading days; from the GPL package astsa),
## and @qcode{'air'}, monthly international airline passengers 1949-1960
## (144 months; Box & Jenkins' series G, from R's datasets package).  See
## @file{extdata/README.md} in the package directory.
##
## @var{px} is a struct of column vectors, the form @code{rnn_windows}
## takes: @code{Date} (@code{datenum} values), @code{Open}, @code{High},
## @code{Low}, @code{Close} and @code{Volume}.  The file is read with
## @code{rnn_read_csv} (rnnkit's C core), which rounds the CSV's decimals
## as R's @code{read.csv} does, so both hosts see the same doubles.  @var{file} is
## the path of the CSV file (in the installed package,
## @file{extdata/@var{name}.csv} under @code{pkg ("list", "rnnkit")@{1@}.dir}).
##
## @example
## px = rnn_example_data ();
## w = rnn_windows (px, "Target", "Close", "Window", 30, "Test", 250);
## @end example
## @seealso{rnn_windows}
## @end deftypefn

function [px, file] = rnn_example_data (name, varargin)
  check_nargin ("rnn_example_data", nargin, 0, 1, "px = rnn_example_data ('djia')");
  if (nargin < 1)
    name = "djia";
  endif
  name = check_choice (name, {"djia", "air"}, "name");
  here = fileparts (mfilename ("fullpath"));
  ## the installed package ships extdata/ (make -C octave dist copies it
  ## in); from a clone with addpath octave/inst, the repository's copy
  file = fullfile (here, "extdata", [name ".csv"]);
  if (! exist (file, "file"))
    file = fullfile (here, "..", "..", "inst", "extdata", [name ".csv"]);
  endif
  if (! exist (file, "file"))
    error ("rnnkit:io", "rnn_example_data: cannot open %s; reinstall the package", file);
  endif
  px = rnn_read_csv (file);
endfunction

%!test
%! [px, file] = rnn_example_data ();
%! assert (fieldnames (px)', {"Date", "Open", "High", "Low", "Close", "Volume"});
%! assert (size (px.Close), [2518 1]);
%! assert (px.Date([1 end])', datenum ({"2006-04-20", "2016-04-20"}, "yyyy-mm-dd")');
%! assert (px.Close(1), 11342.889648);
%! assert (all (diff (px.Date) > 0) && all (isfinite (px.Volume)));
%! assert (exist (file, "file"), 2);
%!test
%! px = rnn_example_data ("DJIA");
%! w = rnn_windows (px, "Target", "Close", "Window", 30, "Test", 250);
%! assert (w.index.date(end), px.Date(end));
%!test
%! px = rnn_example_data ("air");
%! assert (fieldnames (px)', {"Date", "Passengers"});
%! assert (size (px.Passengers), [144 1]);
%! assert (px.Passengers([1 end])', [112 432]);
%! assert (px.Date([1 end])', datenum ({"1949-01-01", "1960-12-01"}, "yyyy-mm-dd")');
%!error <'name' must be one of 'djia', 'air'> rnn_example_data ("sp500")
%!error <takes 0 to 1 argument\(s\), not 2> rnn_example_data ("djia", 1)
