## -*- texinfo -*-
## @deftypefn {} {@var{v} =} rnnkit_version ()
## The version of the installed rnnkit package (from its DESCRIPTION).
## @end deftypefn
function v = rnnkit_version ()
  persistent ver;
  if (isempty (ver))
    ver = "unknown";
    f = fullfile (fileparts (mfilename ("fullpath")), "..", "packinfo", "DESCRIPTION");
    if (! exist (f, "file"))
      f = fullfile (fileparts (mfilename ("fullpath")), "..", "..", "DESCRIPTION");
    endif
    if (exist (f, "file"))
      t = fileread (f);
      m = regexp (t, '(?m)^Version:\s*(\S+)', "tokens", "once");
      if (! isempty (m))
        ver = m{1};
      endif
    endif
  endif
  v = ver;
endfunction
