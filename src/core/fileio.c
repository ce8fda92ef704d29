/* Writing a file so that a failure never loses what it held before.
 *
 * rnn_write_file() writes the bytes to a new temporary file in the same
 * folder as the target (".<name>.tmp<6 characters>", created exclusively
 * so two writers never share one), flushes it to the disk (fsync, or
 * F_FULLFSYNC on macOS, _commit on Windows) and only then renames it over
 * the target.  rename() within one file system is atomic on POSIX
 * systems (MoveFileEx with MOVEFILE_REPLACE_EXISTING on Windows), so the
 * target holds either its old contents or all the new bytes, never a
 * mixture, whether the write fails (disk full, quota, file size limit,
 * permissions) or the process is killed.  On failure the temporary file
 * is removed; only a process killed between creating and renaming it
 * leaves one behind.
 *
 * This is the only place the core touches the file system: both hosts
 * save models (and R's and Octave's rnn_fit() their checkpoints) through
 * it, so the rules above are written once. */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE) && !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700 /* fsync, fchmod, lstat, realpath (XSI) */
#endif

#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#if !defined(S_ISDIR) && defined(_S_IFDIR)
#define S_ISDIR(m) (((m) & _S_IFMT) == _S_IFDIR)
#endif

#ifdef _WIN32
#include <io.h>
#include <process.h>
#include <windows.h>
#define OPEN_FLAGS (_O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY | _O_NOINHERIT)
#define OPEN_MODE (_S_IREAD | _S_IWRITE)
#define open_file _open
#define close_file _close
#define get_pid _getpid
#else
#include <unistd.h>
#ifdef O_CLOEXEC
#define OPEN_FLAGS (O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC)
#else
#define OPEN_FLAGS (O_WRONLY | O_CREAT | O_EXCL)
#endif
#define OPEN_MODE 0666 /* less the umask, as fopen() would create it */
#define open_file open
#define close_file close
#define get_pid getpid
#endif

/* What an errno means for a save, in words that say what to do; the same
 * on every platform (strerror's texts differ and it is not reentrant). */
static const char *why(int e) {
  switch (e) {
#ifdef ENOSPC
  case ENOSPC: return "the disk is full";
#endif
#ifdef EDQUOT
  case EDQUOT: return "the disk quota is exceeded";
#endif
#ifdef EFBIG
  case EFBIG: return "the file size limit is exceeded (ulimit -f)";
#endif
#ifdef EACCES
  case EACCES: return "permission denied";
#endif
#ifdef EPERM
  case EPERM: return "operation not permitted";
#endif
#ifdef EROFS
  case EROFS: return "the file system is read-only";
#endif
#ifdef ENOENT
  case ENOENT: return "the folder does not exist";
#endif
#ifdef ENOTDIR
  case ENOTDIR: return "a part of the path is not a folder";
#endif
#ifdef EISDIR
  case EISDIR: return "it is a folder";
#endif
#ifdef ENAMETOOLONG
  case ENAMETOOLONG: return "the file name is too long";
#endif
#ifdef EIO
  case EIO: return "an input/output error of the disk";
#endif
#ifdef EMFILE
  case EMFILE: return "too many open files";
#endif
#ifdef EXDEV
  case EXDEV: return "the temporary file is on another file system";
#endif
  default: return "the system reported an error";
  }
}

static int io_fail(rnn_error *err, const char *path, const char *what,
                   int e) {
  return rnn_fail(err, RNN_ERR_IO,
                  "cannot save '%s': %s %s (errno %d); the file is "
                  "unchanged",
                  path, why(e), what, e);
}

/* Flushes the file's data to the disk, not just to the operating
 * system's cache. */
static int sync_fd(int fd) {
#ifdef _WIN32
  return _commit(fd);
#else
#ifdef F_FULLFSYNC
  if (fcntl(fd, F_FULLFSYNC) == 0) return 0;
#endif
  if (fsync(fd) == 0) return 0;
  /* a file system without fsync (some FUSE ones) has nothing to flush */
  return (errno == EINVAL
#ifdef ENOTSUP
          || errno == ENOTSUP
#endif
          )
             ? 0
             : -1;
#endif
}

static int replace(const char *tmp, const char *path) {
#ifdef _WIN32
  if (MoveFileExA(tmp, path, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
    return 0;
  errno = GetLastError() == ERROR_ACCESS_DENIED ? EACCES : EIO;
  return -1;
#else
  return rename(tmp, path);
#endif
}

/* After the rename: flush the folder so that the new name is on the disk
 * too.  Best effort (the data already are); not possible on Windows. */
static void sync_dir(const char *dir) {
#ifndef _WIN32
  int fd = open(dir, O_RDONLY);
  if (fd >= 0) {
    (void)fsync(fd);
    (void)close(fd);
  }
#else
  (void)dir;
#endif
}

static int is_sep(char c) {
#ifdef _WIN32
  return c == '/' || c == '\\' || c == ':';
#else
  return c == '/';
#endif
}

/* Writes to path; messages name `shown`, the path the caller gave. */
static int write_file(const char *path, const char *shown,
                      const unsigned char *bytes, size_t size,
                      rnn_error *err) {
  static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  size_t n_path, n_dir, off;
  char *tmp, *dir;
  const char *base;
  unsigned long seed;
  struct stat st;
  int fd = -1, attempt, e, have_old;
  n_path = strlen(path);
  have_old = stat(path, &st) == 0;
  if (have_old && S_ISDIR(st.st_mode))
    return rnn_fail(err, RNN_ERR_IO,
                    "cannot save '%s': it is a folder; give a file name in "
                    "it",
                    shown);
  if (is_sep(path[n_path - 1]))
    return rnn_fail(err, RNN_ERR_IO,
                    "cannot save '%s': the name ends in a separator; give a "
                    "file name",
                    shown);
  for (n_dir = n_path; n_dir > 0 && !is_sep(path[n_dir - 1]); n_dir--)
    ;
  base = path + n_dir;
  /* the folder, the dot, the base, ".tmp" and 6 characters */
  tmp = (char *)malloc(2 * n_path + 16);
  if (!tmp)
    return rnn_fail(err, RNN_ERR_SIZE, "cannot save '%s': out of memory",
                    shown);
  dir = tmp + n_path + 14;
  if (n_dir) {
    memcpy(dir, path, n_dir);
    dir[n_dir] = '\0';
  } else {
    dir[0] = '.';
    dir[1] = '\0';
  }
  /* unpredictable enough, no state kept: the process, the clock and an
   * address; O_EXCL makes a clash a retry, never a shared file */
  seed = (unsigned long)get_pid() * 2654435761u ^ (unsigned long)time(NULL) ^
         ((unsigned long)clock() << 7) ^ (unsigned long)(size_t)&st;
  for (attempt = 0; attempt < 100; attempt++) {
    unsigned long h = seed + 0x9E3779B9u * (unsigned long)attempt;
    int k;
    memcpy(tmp, path, n_dir);
    off = n_dir;
    tmp[off++] = '.';
    memcpy(tmp + off, base, n_path - n_dir);
    off += n_path - n_dir;
    memcpy(tmp + off, ".tmp", 4);
    off += 4;
    for (k = 0; k < 6; k++) {
      h ^= h >> 13;
      h *= 0x5bd1e995u;
      h ^= h >> 15;
      tmp[off++] = digits[h % 36];
    }
    tmp[off] = '\0';
    fd = open_file(tmp, OPEN_FLAGS, OPEN_MODE);
    if (fd >= 0 || errno != EEXIST) break;
  }
  if (fd < 0) {
    e = errno;
    free(tmp);
    return io_fail(err, shown, "while creating a temporary file beside it", e);
  }
#ifndef _WIN32
  /* the new file keeps the permissions of the one it replaces */
  if (have_old) (void)fchmod(fd, st.st_mode & 07777);
#endif
  for (off = 0; off < size;) {
    size_t chunk = size - off > 0x40000000u ? 0x40000000u : size - off;
#ifdef _WIN32
    int w = _write(fd, bytes + off, (unsigned)chunk);
#else
    ssize_t w = write(fd, bytes + off, chunk);
#endif
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      char what[96];
      e = w < 0 ? errno : EIO;
      snprintf(what, sizeof what, "after writing %lu of %lu bytes",
               (unsigned long)off, (unsigned long)size);
      (void)close_file(fd);
      (void)remove(tmp);
      free(tmp);
      return io_fail(err, shown, what, e);
    }
    off += (size_t)w;
  }
  if (sync_fd(fd) != 0) {
    e = errno;
    (void)close_file(fd);
    (void)remove(tmp);
    free(tmp);
    return io_fail(err, shown, "while flushing it to the disk", e);
  }
  /* a network file system may report a failed write only here */
  if (close_file(fd) != 0) {
    e = errno;
    (void)remove(tmp);
    free(tmp);
    return io_fail(err, shown, "while closing it", e);
  }
  if (replace(tmp, path) != 0) {
    e = errno;
    (void)remove(tmp);
    free(tmp);
    return io_fail(err, shown, "while renaming the temporary file over it", e);
  }
  sync_dir(dir);
  free(tmp);
  return RNN_OK;
}

int rnn_write_file(const char *path, const unsigned char *bytes, size_t size,
                   rnn_error *err) {
  int st;
  if (!path || !*path)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_write_file: no file name");
  if (!bytes && size)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_write_file: NULL bytes");
#ifndef _WIN32
  { /* a symbolic link stays one: the file it points to is replaced */
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
      char *real = realpath(path, NULL);
      if (real) {
        st = write_file(real, path, bytes, size, err);
        free(real);
        return st;
      }
    }
  }
#endif
  st = write_file(path, path, bytes, size, err);
  return st;
}
