package dev.eyrie.collector.event;

/**
 * One Falco parameter of an exit event. {@code dirfd} names the source of the directory fd a RELPATH is relative
 * to (AT_FDCWD resolves against the cwd).
 */
public record Param(String name, Src src, Fmt fmt, Src dirfd) {
  public static Param p(String name, Src src, Fmt fmt) {
    return new Param(name, src, fmt, Src.NONE);
  }

  public static Param rel(String name, Src src, Src dirfd) {
    return new Param(name, src, Fmt.RELPATH, dirfd);
  }
}
