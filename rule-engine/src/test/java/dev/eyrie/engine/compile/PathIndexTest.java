package dev.eyrie.engine.compile;

import static dev.eyrie.engine.compile.Support.cond;
import static dev.eyrie.engine.compile.Support.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.schema.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rules the path index of a bucket lets through for which paths, and which conditions it must not index. */
class PathIndexTest {
  /** Conditions in bucket order; the index sees them optimised for openat like the ruleset does. */
  private static final List<String> CONDITIONS = List.of(
      "fd.name startswith /etc/", // 0
      "fd.directory in (/bin, /usr/bin)", // 1
      "fd.name = /etc/shadow", // 2
      "fd.filename in (.bashrc, .profile) or fd.name in (/etc/profile) or fd.directory = /etc/zsh", // 3
      "proc.name = cat and (fd.name startswith /var/lib/rpm or fd.name startswith /var/lib/dpkg)", // 4
      "fd.name startswith /dev/sd and fd.directory = /dev", // 5
      "not fd.name startswith /etc/", // 6: negated — unindexed
      "fd.name != /etc/shadow", // 7: unindexed
      "tolower(fd.name) startswith /etc/", // 8: transformer — unindexed
      "fd.name icontains /ETC/", // 9: case-insensitive — unindexed
      "fd.name glob '/etc/*'", // 10: unindexed
      "fd.name pmatch (/etc)", // 11: unindexed
      "fd.name startswith /etc/ or proc.name = vi", // 12: a branch without a path — unindexed
      "fd.name endswith .conf or fd.name endswith /authorized_keys", // 13
      "fd.directory startswith /etc", // 14: prefix of a directory — unindexed
      "proc.name = vi", // 15
      "fd.name contains /.ssh/ and fd.name glob '/home/*/.ssh/*'", // 16
      "fd.nameraw contains ../ or fd.nameraw contains /./", // 17
      "fd.nameraw startswith /etc/", // 18: only substrings of fd.nameraw are indexed
      "fd.name icontains .SSH or fd.name contains .ssh"); // 19: one branch case-insensitive — unindexed

  private static PathIndex index() {
    List<Filter> plain = new ArrayList<>();
    for (String c : CONDITIONS) {
      plain.add(cond(c).filter());
    }
    PathIndex idx = PathIndex.of(new FilterOptimizer("openat").optimize(plain));
    assertNotNull(idx);
    return idx;
  }

  private static Event file(String path) {
    return ev("evt.type", "openat", "proc.name", "cat", "fd.type", "file", "fd.name", path);
  }

  /** Indices of the conditions that are candidates for the event. */
  private static List<Integer> candidates(PathIndex idx, Event e) {
    return idx.candidates(idx.mask(new EvalContext(e)));
  }

  private static final List<Integer> UNINDEXED = List.of(6, 7, 8, 9, 10, 11, 12, 14, 15, 18, 19);

  private static List<Integer> plus(Integer... indexed) {
    List<Integer> out = new ArrayList<>(List.of(indexed));
    out.addAll(UNINDEXED);
    out.sort(null);
    return out;
  }

  @Test
  void onlyProvableShapesAreIndexed() {
    PathIndex idx = index();
    for (int i = 0; i < CONDITIONS.size(); i++) {
      assertEquals(!UNINDEXED.contains(i), idx.bit(i) != 0, CONDITIONS.get(i));
    }
    assertEquals(9, idx.indexed());
    assertEquals("fd.name contains [/.ssh/]", idx.describe(16));
    assertEquals("fd.nameraw contains [../, /./]", idx.describe(17));
    assertEquals("fd.name startswith [/var/lib/dpkg, /var/lib/rpm]", idx.describe(4));
    assertNull(idx.describe(6));
  }

  @Test
  void namePrefixesAndExactNames() {
    PathIndex idx = index();
    assertEquals(plus(0, 2), candidates(idx, file("/etc/shadow")));
    assertEquals(plus(0), candidates(idx, file("/etc/shadow/x")), "deeper than an exact name");
    assertEquals(plus(0), candidates(idx, file("/etc/shado")));
    assertEquals(plus(), candidates(idx, file("/etc")), "the prefix minus one character");
    assertEquals(plus(), candidates(idx, file("/ETC/shadow")), "startswith and = are case-sensitive");
    assertEquals(plus(), candidates(idx, file("/etcetera/x")));
    assertEquals(plus(0, 3), candidates(idx, file("/etc/profile")));
    assertEquals(plus(4), candidates(idx, file("/var/lib/rpm/Packages")));
    assertEquals(plus(4), candidates(idx, file("/var/lib/dpkg")));
    assertEquals(plus(), candidates(idx, file("/var/lib/rp")));
    assertEquals(plus(0, 13), candidates(idx, file("/etc/ssh/sshd.conf")));
    assertEquals(plus(13, 16), candidates(idx, file("/root/.ssh/authorized_keys")), "and contains /.ssh/");
    assertEquals(plus(16), candidates(idx, file("/root/.ssh/authorized_keys2")));
    assertEquals(plus(), candidates(idx, file("authorized_keys")), "the suffix includes the slash");
    assertEquals(plus(), candidates(idx, file("/tmp/x.CONF")));
    assertEquals(plus(16), candidates(idx, file("/home/bob/.ssh/id_rsa")));
    assertEquals(plus(0, 16), candidates(idx, file("/etc/.ssh/")));
    assertEquals(plus(), candidates(idx, file("/home/bob/.ssh")), "contains /.ssh/ needs the trailing slash");
    assertEquals(plus(), candidates(idx, file("/home/bob/.SSH/id_rsa")));
  }

  @Test
  void rawNameSubstrings() {
    PathIndex idx = index();
    assertEquals(plus(0, 17), candidates(idx, raw("/etc/x", "/var/www/../etc/x")));
    assertEquals(plus(17), candidates(idx, raw("/srv/x", "/srv/./x")));
    assertEquals(plus(), candidates(idx, raw("/srv/x", "/srv/x")));
    assertEquals(plus(), candidates(idx, raw("/srv/x", "/srv/..x")));
    assertEquals(plus(), candidates(idx, file("/srv/../x")), "fd.nameraw missing: fd.name is not consulted");
  }

  private static Event raw(String name, String raw) {
    return ev("evt.type", "openat", "fd.type", "file", "fd.name", name, "fd.nameraw", raw);
  }

  @Test
  void directoriesAndFilenamesFollowTheFieldSemantics() {
    PathIndex idx = index();
    assertEquals(plus(1), candidates(idx, file("/usr/bin/ls")));
    assertEquals(plus(), candidates(idx, file("/usr/bin/x/ls")), "deeper path: another directory");
    assertEquals(plus(), candidates(idx, file("/usr/bin/")), "trailing slash: fd.directory keeps the name");
    assertEquals(plus(1), candidates(idx, ev("evt.type", "openat", "fd.type", "directory", "fd.name", "/usr/bin")),
        "a directory fd is its own fd.directory");
    assertEquals(plus(), candidates(idx, file("/USR/BIN/ls")));
    assertEquals(plus(3), candidates(idx, file("/home/alice/.bashrc")));
    assertEquals(plus(0, 3), candidates(idx, file("/etc/zsh/zshrc")));
    assertEquals(plus(), candidates(idx, file("/home/alice/.bashrc.bak")));
    assertEquals(plus(5), candidates(idx, file("/dev/sda1")));
    assertEquals(plus(5), candidates(idx, file("/dev/null")),
        "of two path conjuncts the index keeps one (the fewer values: fd.directory = /dev); still sound");
    assertEquals("fd.directory in [/dev]", idx.describe(5));
    assertEquals(plus(), candidates(idx, file("/dev/pts/0")));
  }

  @Test
  void missingPathLeavesOnlyTheUnindexedRules() {
    PathIndex idx = index();
    assertEquals(plus(), candidates(idx, ev("evt.type", "openat", "proc.name", "cat")));
    assertEquals(plus(), candidates(idx, ev("evt.type", "connect", "fd.type", "ipv4", "fd.sip", "10.0.0.1")));
  }

  /** The defining property: whenever an indexed condition is true, the index lets its rule through. */
  @Test
  void neverExcludesARuleThatMatches() {
    PathIndex idx = index();
    List<Filter> plain = new ArrayList<>();
    for (String c : CONDITIONS) {
      plain.add(cond(c).filter());
    }
    List<String> paths = List.of("/etc/shadow", "/etc/", "/etc", "/etc/profile", "/etc/zsh", "/etc/zsh/",
        "/etc/zsh/zshrc", "/bin/ls", "/bin", "/bin/", "/usr/bin/ls", "/var/lib/rpm", "/var/lib/rpm/x",
        "/var/lib/dpkg/status", "/home/a/.bashrc", "/home/a/.profile", "/.profile", ".bashrc", "/dev/sda",
        "/dev/sd", "/dev/s", "/", "", "/tmp/x.conf", "/ETC/X", ".conf", "conf", "/authorized_keys",
        "x/authorized_keys/");
    int matched = 0;
    for (String p : paths) {
      for (String type : List.of("file", "directory")) {
        Event e = ev("evt.type", "openat", "proc.name", "cat", "fd.type", type, "fd.name", p, "fd.nameraw",
            type.equals("file") ? "/x/.." + p : p);
        EvalContext c = new EvalContext(e);
        List<Integer> cand = candidates(idx, e);
        for (int i = 0; i < plain.size(); i++) {
          if (plain.get(i).eval(new EvalContext(e))) {
            matched++;
            assertTrue(cand.contains(i), CONDITIONS.get(i) + " matches " + type + " " + p + " but is excluded");
          }
        }
        assertEquals(idx.mask(c), idx.mask(c), "the mask is a pure function of the event");
      }
    }
    assertTrue(matched > 30, "the paths exercise the conditions: " + matched);
  }

  @Test
  void fewerThanTwoIndexedRulesBuildNoIndex() {
    assertNull(PathIndex.of(new FilterOptimizer("openat").optimize(List.of(cond("fd.name = /a").filter(),
        cond("proc.name = x").filter()))));
  }
}
