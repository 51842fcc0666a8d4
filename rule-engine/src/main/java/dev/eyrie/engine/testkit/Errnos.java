package dev.eyrie.engine.testkit;

import java.util.Map;

/** The errno names tests commonly give for evt.res. */
final class Errnos {
  private static final Map<String, Integer> BY_NAME = Map.ofEntries(
      Map.entry("EPERM", 1), Map.entry("ENOENT", 2), Map.entry("ESRCH", 3), Map.entry("EINTR", 4),
      Map.entry("EIO", 5), Map.entry("EBADF", 9), Map.entry("EAGAIN", 11), Map.entry("ENOMEM", 12),
      Map.entry("EACCES", 13), Map.entry("EFAULT", 14), Map.entry("EBUSY", 16), Map.entry("EEXIST", 17),
      Map.entry("ENOTDIR", 20), Map.entry("EISDIR", 21), Map.entry("EINVAL", 22), Map.entry("EMFILE", 24),
      Map.entry("ENOSPC", 28), Map.entry("EROFS", 30), Map.entry("ENOSYS", 38), Map.entry("ECONNREFUSED", 111),
      Map.entry("EINPROGRESS", 115), Map.entry("ETIMEDOUT", 110), Map.entry("ENETUNREACH", 101),
      Map.entry("EHOSTUNREACH", 113), Map.entry("EADDRINUSE", 98));

  private Errnos() {}

  static Integer byName(String name) {
    return BY_NAME.get(name);
  }
}
