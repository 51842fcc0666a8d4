package dev.eyrie.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.LoadedRule;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.ast.Operand;
import dev.eyrie.engine.bench.BenchEvents;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.schema.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optimised ruleset (per-type specialisation, reordered and merged checks, guards, proc.name index) produces
 * exactly the matches of the plain compiled conditions — same rules, same order, same outputs and output fields —
 * over the benchmark mix and a corpus generated from the literals the official rules test for, so that the
 * corpus drives evaluation deep into conditions and exceptions, and fires many different rules.
 */
class OptimizerEquivalenceTest {
  /** Fields the generator sets, each either to a literal some rule compares it with or to a neutral value. */
  private static final List<String> FIELDS = List.of("proc.name", "proc.pname", "proc.exepath", "proc.cmdline",
      "proc.pcmdline", "proc.aname[2]", "proc.aname[3]", "proc.pexe", "user.name", "container.id",
      "container.image.repository", "fd.name", "fd.sip", "fd.sport", "evt.arg.flags", "proc.tty", "user.uid",
      "fd.l4proto", "proc.duration");
  private static final List<String> TYPES = List.of("execve", "execveat", "open", "openat", "openat2", "connect",
      "accept", "accept4", "bind", "listen", "sendto", "unlink", "unlinkat", "rename", "renameat", "mkdir",
      "mkdirat", "chmod", "fchmodat", "setuid", "ptrace", "mount", "link", "symlink", "memfd_create", "socket",
      "init_module", "finit_module", "bpf", "userfaultfd", "clone", "read", "close", "write");

  static CompiledRuleset optimized;
  static CompiledRuleset plain;
  static Map<String, List<String>> literals = new TreeMap<>();

  @BeforeAll
  static void load() throws Exception {
    LoadResult r = RulesLoader.load(List.of(RulesSource.of(OfficialRulesTest.rules("falco_rules.yaml")),
        RulesSource.of(OfficialRulesTest.rules("falco-incubating_rules.yaml")),
        RulesSource.of(OfficialRulesTest.rules("falco-sandbox_rules.yaml"))));
    assertTrue(r.successful(), r::toText);
    optimized = r.ruleset().withOptions(new RulesetOptions(RuleMatching.ALL, null));
    plain = optimized.withOptimization(false);
    Map<String, Set<String>> found = new TreeMap<>();
    for (LoadedRule rule : r.rules()) {
      collect(rule.condition(), found);
    }
    found.forEach((k, v) -> literals.put(k, new ArrayList<>(new TreeSet<>(v))));
  }

  private static void collect(Expr e, Map<String, Set<String>> out) {
    if (e instanceof Expr.And a) {
      a.children().forEach(c -> collect(c, out));
    } else if (e instanceof Expr.Or o) {
      o.children().forEach(c -> collect(c, out));
    } else if (e instanceof Expr.Not n) {
      collect(n.child(), out);
    } else if (e instanceof Expr.Check ck && ck.lhs() instanceof Operand.Field f) {
      String name = f.arg() == null ? f.name() : f.name() + "[" + f.arg() + "]";
      Set<String> s = out.computeIfAbsent(name, k -> new HashSet<>());
      if (ck.rhs() instanceof Operand.Value v) {
        s.add(v.text());
      } else if (ck.rhs() instanceof Operand.ValueList vl) {
        vl.values().forEach(v -> s.add(v.text()));
      }
    }
  }

  private static List<String> run(CompiledRuleset rs, Event e) {
    List<String> out = new ArrayList<>();
    rs.evaluate(e, m -> out.add(m.ruleName() + " | " + m.output() + " | " + m.outputFields()));
    return out;
  }

  private static int compare(List<Event> events, Set<String> fired) {
    int matches = 0;
    for (Event e : events) {
      List<String> want = run(plain, e);
      List<String> got = run(optimized, e);
      assertEquals(want, got, () -> "optimised ruleset differs on " + e);
      for (String g : got) {
        fired.add(g.substring(0, g.indexOf(" | ")));
      }
      matches += got.size();
    }
    return matches;
  }

  @Test
  void sameMatchesOnTheBenchmarkMix() {
    Set<String> fired = new TreeSet<>();
    int matches = 0;
    for (long seed = 1; seed <= 4; seed++) {
      matches += compare(BenchEvents.mix(5_000, seed), fired);
    }
    assertTrue(matches > 100, "the mix fires rules: " + matches);
  }

  @Test
  void sameMatchesOnEventsBuiltFromRuleLiterals() {
    Random r = new Random(7);
    List<Event> events = new ArrayList<>();
    while (events.size() < 30_000) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("evt.type", TYPES.get(r.nextInt(TYPES.size())));
      boolean socket = f.get("evt.type").toString().matches("connect|accept.*|bind|listen|sendto|socket");
      f.put("fd.type", socket ? "ipv4" : r.nextInt(8) == 0 ? "directory" : "file");
      f.putAll(randomFields(r));
      try {
        events.add(FieldEvents.of(f));
      } catch (RuntimeException notSettable) {
        // a literal that is not a valid value for that field (e.g. a glob as a port): drop that event
      }
    }
    Set<String> fired = new TreeSet<>();
    int matches = compare(events, fired);
    assertTrue(fired.size() >= 20, "the corpus fires many different rules: " + fired.size() + " " + fired);
    assertTrue(matches > 1_000, "matches: " + matches);
  }

  /** Each of {@link #FIELDS} absent, set to a literal some rule compares it with, or set to a neutral value. */
  private static Map<String, Object> randomFields(Random r) {
    Map<String, Object> f = new LinkedHashMap<>();
    for (String field : FIELDS) {
      if (r.nextInt(3) == 0) {
        continue;
      }
      List<String> lits = literals.getOrDefault(field, List.of());
      String v = !lits.isEmpty() && r.nextInt(3) > 0 ? lits.get(r.nextInt(lits.size())) : neutral(field, r);
      if (field.equals("fd.name") && r.nextBoolean() && !v.isEmpty() && v.indexOf('*') < 0) {
        v = v.endsWith("/") ? v + "x" : v + "/x"; // make prefixes and directories match as parents
      }
      if (field.equals("proc.cmdline") && r.nextBoolean()) {
        List<String> more = literals.getOrDefault("proc.cmdline", List.of("x"));
        v = v + " " + more.get(r.nextInt(more.size()));
      }
      f.put(field, v);
    }
    return f;
  }

  /**
   * Paths around the literals the rules' path conditions compare with — the values the path index keys on — and
   * near misses: the literal minus its last character, with a trailing slash, one level deeper, upper-cased, and
   * directory literals as directories and as parents of files (by file name literals among others); fd.nameraw
   * sometimes with a "../" traversal.
   */
  @Test
  void sameMatchesOnPathsAroundTheIndexedLiterals() {
    Random r = new Random(11);
    List<String> names = literals.getOrDefault("fd.name", List.of());
    List<String> dirs = literals.getOrDefault("fd.directory", List.of());
    List<String> files = literals.getOrDefault("fd.filename", List.of());
    assertTrue(names.size() > 50 && dirs.size() > 20 && files.size() > 10, "official rules test paths");
    List<String> types = List.of("open", "openat", "openat2", "creat", "unlinkat", "renameat", "mkdirat", "chmod",
        "execve", "read");
    List<String> flags = List.of("O_RDONLY", "O_WRONLY|O_CREAT|O_TRUNC", "O_RDWR", "O_WRONLY|O_APPEND|O_CLOEXEC");
    List<Event> events = new ArrayList<>();
    while (events.size() < 30_000) {
      String base = switch (r.nextInt(4)) {
        case 0, 1 -> names.get(r.nextInt(names.size()));
        case 2 -> dirs.get(r.nextInt(dirs.size())) + (r.nextBoolean() ? ""
            : "/" + (r.nextBoolean() ? files.get(r.nextInt(files.size())) : "x"));
        default -> List.of("/home/alice/", "/root/", "/etc/", "/var/log/", "/tmp/", "").get(r.nextInt(6))
            + files.get(r.nextInt(files.size()));
      };
      String path = switch (r.nextInt(6)) {
        case 0 -> base.isEmpty() ? base : base.substring(0, base.length() - 1);
        case 1 -> base + "/";
        case 2 -> base + "/deeper/x";
        case 3 -> base.toUpperCase(java.util.Locale.ROOT);
        default -> base;
      };
      Map<String, Object> f = randomFields(r);
      f.put("evt.type", types.get(r.nextInt(types.size())));
      f.put("fd.type", r.nextInt(6) == 0 ? "directory" : "file");
      f.put("fd.num", r.nextInt(10) == 0 ? -1 : 3 + r.nextInt(50));
      f.put("fd.name", path);
      if (r.nextInt(4) == 0) { // the name as the process gave it: sometimes with a traversal, sometimes not
        f.put("fd.nameraw", r.nextBoolean() ? "/var/www/../.." + path : "." + path);
      }
      f.put("evt.arg.flags", flags.get(r.nextInt(flags.size())));
      try {
        events.add(FieldEvents.of(f));
      } catch (RuntimeException notSettable) {
        // a literal that is not a valid value for its field: drop that event
      }
    }
    Set<String> fired = new TreeSet<>();
    int matches = compare(events, fired);
    CompiledRuleset first = optimized.withOptions(new RulesetOptions(RuleMatching.FIRST, null));
    CompiledRuleset firstPlain = first.withOptimization(false);
    int skipped = 0;
    for (Event e : events) {
      assertEquals(run(firstPlain, e), run(first, e), () -> "rule_matching first differs on " + e);
      skipped += optimized.candidateCount(e.getType()) - optimized.candidateNames(e).size();
    }
    assertTrue(fired.containsAll(List.of("Write below etc", "Write below binary dir", "Clear Log Activities",
        "Modify Shell Configuration File", "Read sensitive file untrusted", "Schedule Cron Jobs",
        "Directory traversal monitored file read", "Write below monitored dir", "Read ssh information")),
        "path-indexed rules fire: " + fired);
    assertTrue(matches > 1_000, "matches: " + matches);
    assertTrue(skipped > events.size(), "the path index skips rules: " + skipped);
  }

  /** The plan shows the openat bucket's path index, and a benign write is not tried against the write rules. */
  @Test
  void pathIndexOfTheOfficialOpenBucket() {
    List<String> plan = optimized.describePlan("openat", null);
    assertTrue(plan.stream().anyMatch(l -> l.startsWith("path index: ")), () -> String.join("\n", plan));
    assertTrue(plan.stream().anyMatch(l -> l.contains("Write below etc :: guards") && l.contains(
        ":: path fd.name startswith [/etc/] ::")), () -> String.join("\n", plan));
    Event tmp = FieldEvents.of("evt.type", "openat", "proc.name", "nginx", "fd.type", "file", "fd.num", 5,
        "fd.name", "/tmp/app.tmp", "evt.arg.flags", "O_WRONLY|O_CREAT");
    Event etc = FieldEvents.of("evt.type", "openat", "proc.name", "nginx", "fd.type", "file", "fd.num", 5,
        "fd.name", "/etc/cron.d/job", "evt.arg.flags", "O_WRONLY|O_CREAT");
    List<String> forTmp = optimized.candidateNames(tmp);
    List<String> forEtc = optimized.candidateNames(etc);
    for (String rule : List.of("Write below etc", "Schedule Cron Jobs", "Write below binary dir",
        "Read sensitive file untrusted", "Clear Log Activities", "Write below monitored dir",
        "Directory traversal monitored file read", "Read ssh information")) {
      assertTrue(!forTmp.contains(rule), rule + " is not tried on a write below /tmp: " + forTmp);
    }
    assertTrue(forEtc.containsAll(List.of("Write below etc", "Schedule Cron Jobs")), forEtc.toString());
    assertTrue(forTmp.size() < plain.candidateNames(tmp).size() / 2, forTmp + " vs " + plain.candidateNames(tmp));
    assertEquals(List.of("Schedule Cron Jobs", "Write below etc"), run(optimized, etc).stream()
        .map(m -> m.substring(0, m.indexOf(" | "))).toList());
  }

  @Test
  void sameFirstMatchUnderRuleMatchingFirst() {
    CompiledRuleset first = optimized.withOptions(new RulesetOptions(RuleMatching.FIRST, null));
    CompiledRuleset firstPlain = first.withOptimization(false);
    for (Event e : BenchEvents.mix(5_000, 99)) {
      assertEquals(run(firstPlain, e), run(first, e));
    }
    for (String t : TYPES) {
      assertTrue(optimized.candidateCount(t) <= plain.candidateCount(t), t);
    }
  }

  private static String neutral(String field, Random r) {
    return switch (field) {
      case "fd.sip" -> "10.0." + r.nextInt(4) + "." + r.nextInt(256);
      case "fd.sport" -> Integer.toString(r.nextBoolean() ? 443 : 1024 + r.nextInt(60000));
      case "proc.tty", "user.uid" -> Integer.toString(r.nextInt(3) == 0 ? 0 : 34816);
      case "proc.duration" -> Long.toString(r.nextInt(3) * 5_000_000_000L);
      case "container.id" -> r.nextBoolean() ? "host" : "3ad7b26ded6d";
      case "evt.arg.flags" -> r.nextBoolean() ? "O_RDONLY" : "O_WRONLY|O_CREAT|O_TRUNC";
      default -> "neutral" + r.nextInt(5);
    };
  }
}
