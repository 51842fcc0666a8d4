package dev.eyrie.collector.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** uid/gid to names from passwd/group files, re-read when a file's modification time changes (checked ≤ 1/s). */
public final class UserDb {
  public record UserEntry(String name, String home, String shell) {}

  private final Path passwd;
  private final Path group;
  private Map<Long, UserEntry> users = Map.of();
  private Map<Long, String> groups = Map.of();
  private long passwdMtime = Long.MIN_VALUE;
  private long groupMtime = Long.MIN_VALUE;
  private long nextCheck;
  private long generation;

  /** changes whenever the files were re-read, so cached names can be rebuilt */
  public long generation() {
    refresh(false);
    return generation;
  }

  public UserDb(Path passwd, Path group) {
    this.passwd = passwd;
    this.group = group;
    refresh(true);
  }

  public UserEntry user(long uid) {
    refresh(false);
    return users.get(uid);
  }

  public String group(long gid) {
    refresh(false);
    return groups.get(gid);
  }

  private void refresh(boolean force) {
    long now = System.nanoTime();
    if (!force && now - nextCheck < 0) {
      return;
    }
    nextCheck = now + 1_000_000_000L;
    long pm = mtime(passwd);
    if (pm != passwdMtime) {
      passwdMtime = pm;
      Map<Long, UserEntry> u = new HashMap<>();
      for (String[] f : rows(passwd)) {
        if (f.length >= 7) {
          parse(f[2]).ifPresent(id -> u.putIfAbsent(id, new UserEntry(f[0], f[5], f[6])));
        }
      }
      users = u;
      generation++;
    }
    long gm = mtime(group);
    if (gm != groupMtime) {
      groupMtime = gm;
      Map<Long, String> g = new HashMap<>();
      for (String[] f : rows(group)) {
        if (f.length >= 3) {
          parse(f[2]).ifPresent(id -> g.putIfAbsent(id, f[0]));
        }
      }
      groups = g;
      generation++;
    }
  }

  private static java.util.Optional<Long> parse(String s) {
    try {
      return java.util.Optional.of(Long.parseLong(s));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private static long mtime(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis() ^ Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  private static Iterable<String[]> rows(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("#"))
          .map(l -> l.split(":", -1)).toList();
    } catch (IOException e) {
      return java.util.List.of();
    }
  }
}
