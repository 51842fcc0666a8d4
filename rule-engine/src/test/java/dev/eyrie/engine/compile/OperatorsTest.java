package dev.eyrie.engine.compile;

import static dev.eyrie.engine.compile.Support.error;
import static dev.eyrie.engine.compile.Support.ev;
import static dev.eyrie.engine.compile.Support.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.schema.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorsTest {
  private final Event open = ev("evt.type", "openat", "proc.name", "Bash", "fd.type", "file",
      "fd.name", "/etc/ssh/sshd_config", "evt.arg.flags", "O_RDONLY", "user.uid", 0);
  /** An event with no fd at all. */
  private final Event noFd = ev("evt.type", "execve", "proc.name", "bash");

  @Test
  void equalityAndInequality() {
    assertTrue(eval("proc.name = Bash", open));
    assertTrue(eval("proc.name == Bash", open));
    assertFalse(eval("proc.name = bash", open));
    assertTrue(eval("proc.name != bash", open));
    assertFalse(eval("proc.name != Bash", open));
  }

  @Test
  void missingFieldMakesEveryOperatorFalseButNotInvertsIt() {
    assertFalse(eval("fd.name = /etc/passwd", noFd));
    assertFalse(eval("fd.name != /etc/passwd", noFd), "!= on a missing field is false, like libsinsp");
    assertTrue(eval("not fd.name = /etc/passwd", noFd), "not inverts the whole check");
    assertFalse(eval("fd.name in (/a, /b)", noFd));
    assertFalse(eval("fd.name contains etc", noFd));
    assertFalse(eval("fd.name exists", noFd));
    assertTrue(eval("fd.name exists", open));
    assertTrue(eval("not fd.name exists", noFd));
    assertFalse(eval("fd.num >= 0", noFd));
    assertFalse(eval("fd.num < 0", noFd));
  }

  @Test
  void stringOperators() {
    assertTrue(eval("fd.name contains ssh", open));
    assertFalse(eval("fd.name contains SSH", open));
    assertTrue(eval("fd.name icontains SSHD_CON", open));
    assertTrue(eval("fd.name startswith /etc/", open));
    assertFalse(eval("fd.name startswith /etcx", open));
    assertTrue(eval("fd.name endswith _config", open));
    // the grammar only takes numbers after < <= > >=, so string ordering is reached through val()
    Event pair = ev("proc.name", "Bash", "proc.pname", "Bz");
    assertTrue(eval("proc.name < val(proc.pname)", pair));
    assertTrue(eval("proc.name <= val(proc.pname)", pair));
    assertFalse(eval("proc.name > val(proc.pname)", pair));
    assertTrue(eval("proc.pname >= val(proc.name)", pair));
  }

  @Test
  void bufferOperatorsAndTypeRules() {
    Event w = ev("evt.type", "write", "evt.buffer", "GET /admin HTTP/1.1");
    assertTrue(eval("evt.buffer bcontains admin", w));
    assertTrue(eval("evt.buffer bstartswith GET", w));
    assertTrue(eval("evt.buffer contains HTTP", w));
    assertFalse(eval("evt.buffer bcontains POST", w));
    assertTrue(error("proc.name bcontains x").getMessage().contains("not supported for string"));
    assertTrue(error("evt.buffer glob x*").getMessage().contains("not supported for buffer"));
  }

  @Test
  void numericOperatorsAndValueParsing() {
    assertTrue(eval("user.uid = 0", open));
    assertTrue(eval("user.uid < 1", open));
    assertTrue(eval("user.uid <= 0", open));
    assertFalse(eval("user.uid > 0", open));
    assertTrue(eval("user.uid in (0, 1000)", open));
    assertTrue(eval("evt.rawres >= 0", open));
    assertTrue(error("user.uid = root").getMessage().contains("not a valid number"));
    assertTrue(error("user.uid contains 1").getMessage().contains("not supported for numeric"));
    assertTrue(error("fd.connected = yes").getMessage().contains("unrecognized boolean"));
    assertTrue(error("fd.connected > 1").getMessage().contains("not supported"));
  }

  @Test
  void inVersusIntersectsOnListsAndSingleValues() {
    Event e = ev("proc.name", "sh");
    assertTrue(eval("proc.name in (bash, sh)", e));
    assertTrue(eval("proc.name intersects (bash, sh)", e), "single-valued fields: intersects = in");
    // getopt without a selector yields a list: in = all values in the set, intersects = any of them
    Event g = ev("proc.args", List.of("-n", "-t", "5", "file"));
    assertTrue(eval("getopt(proc.args, \"nt:\") intersects (t)", g));
    assertFalse(eval("getopt(proc.args, \"nt:\") in (t)", g));
    assertTrue(eval("getopt(proc.args, \"nt:\") in (n, t, 5)", g));
    assertTrue(error("getopt(proc.args, \"nt:\") = n").getMessage().contains("list filters"));
  }

  @Test
  void pmatchIsComponentWise() {
    Event lib = ev("fd.type", "file", "fd.name", "/var/lib/dpkg/status");
    assertTrue(eval("fd.name pmatch (/var/lib)", lib));
    assertTrue(eval("fd.name pmatch (/usr, /var)", lib));
    assertFalse(eval("fd.name pmatch (/var/li)", lib), "prefix must end on a component boundary");
    assertFalse(eval("fd.name pmatch (/var/lib/dpkg/status/x)", lib), "longer search path is not a prefix");
    assertTrue(eval("fd.name pmatch (/var/*/dpkg)", lib), "glob components");
    assertTrue(eval("fd.name pmatch (//var//lib/)", lib), "empty components ignored");
    assertFalse(eval("fd.name pmatch (/var/lib/dpkg/status/x, /etc)", lib));
    assertTrue(eval("fd.name pmatch (/)", lib));
  }

  @Test
  void globIsFnmatch() {
    Event e = ev("fd.type", "file", "fd.name", "/home/alice/.ssh/id_rsa");
    assertTrue(eval("fd.name glob /home/*/.ssh/*", e), "* crosses / and matches dot files (no FNM_PATHNAME)");
    assertTrue(eval("fd.name glob '/home/alice/.ssh/id_???'", e));
    assertTrue(eval("fd.name glob '/home/alice/.ssh/id_[rd]sa'", e));
    assertFalse(eval("fd.name glob '/home/alice/.ssh/id_[!r]sa'", e));
    assertFalse(eval("fd.name glob '/HOME/*'", e));
    assertTrue(eval("fd.name iglob '/HOME/*/ID_RSA'", e));
    assertFalse(eval("fd.name glob /home", e), "glob matches the whole string");
  }

  @Test
  void regexIsAnchoredFullMatchAndLinearTime() {
    Event e = ev("proc.name", "python3.11");
    assertTrue(eval("proc.name regex 'python[0-9.]+'", e));
    assertFalse(eval("proc.name regex 'python'", e), "anchored at both ends");
    assertTrue(eval("proc.name regex '.*thon.*'", e));
    assertTrue(error("proc.name regex '(unclosed'").getMessage().contains("invalid regex"));
    // (a*)*b on a long run of a's is exponential for backtracking engines; RE2 is linear.
    Event evil = ev("proc.cmdline", "a".repeat(5000) + "c");
    assertFalse(eval("proc.cmdline regex '(a*)*b'", evil));
    assertFalse(eval("proc.cmdline regex '(a|aa)+$'", evil));
  }

  @Test
  void ipAddressesAndNetworks() {
    Event c = ev("evt.type", "connect", "fd.type", "ipv4", "fd.l4proto", "tcp", "fd.cip", "10.0.0.5",
        "fd.cport", 40000, "fd.sip", "93.184.216.34", "fd.sport", 443);
    assertTrue(eval("fd.sip = 93.184.216.34", c));
    assertTrue(eval("fd.sip != 93.184.216.35", c));
    assertTrue(eval("fd.sip in (1.1.1.1, 93.184.216.34)", c));
    assertTrue(eval("fd.snet = 93.184.0.0/16", c));
    assertFalse(eval("fd.snet = 10.0.0.0/8", c));
    assertTrue(eval("fd.snet in (10.0.0.0/8, 93.0.0.0/8)", c));
    assertTrue(eval("fd.cnet = 10.0.0.0/8", c));
    assertTrue(eval("fd.net = 10.0.0.0/8", c), "fd.net: either endpoint");
    assertFalse(eval("fd.net != 10.0.0.0/8", c), "fd.net !=: no endpoint may be inside");
    assertTrue(eval("fd.ip = 93.184.216.34", c));
    assertTrue(eval("fd.ip = 10.0.0.5", c));
    assertFalse(eval("fd.ip != 10.0.0.5", c));
    assertTrue(eval("fd.port = 443", c));
    assertTrue(eval("fd.port = 40000", c));
    assertTrue(eval("fd.sport in (https, 8443)", c), "service names resolve like getservbyname");
    assertTrue(eval("fd.lip = 10.0.0.5", c));
    assertTrue(eval("fd.rip = 93.184.216.34", c));
    Event v6 = ev("evt.type", "connect", "fd.type", "ipv6", "fd.cip", "fd00::1", "fd.sip", "2001:db8::10",
        "fd.cport", 40000, "fd.sport", 443);
    assertTrue(eval("fd.sip = 2001:db8:0:0:0:0:0:10", v6));
    assertTrue(eval("fd.snet = 2001:db8::/32", v6));
    assertFalse(eval("fd.snet = 10.0.0.0/8", v6), "other family is never inside");
    assertFalse(eval("fd.sip = 1.2.3.4", ev("evt.type", "execve")), "no socket: false");
    assertTrue(error("fd.sip = 10.0.0.0/8").getMessage().contains("unrecognized IP"));
    assertTrue(error("fd.snet = 10.0.0.1").getMessage().contains("unrecognized IP network"));
    assertTrue(error("fd.sip contains 10").getMessage().contains("not supported"));
  }

  @Test
  void modifiers() {
    Event e = ev("proc.name", "bash", "fd.type", "file", "fd.name", "/etc/shadow");
    assertTrue(eval("fd.name startswith anyof (/usr, /etc)", e));
    assertFalse(eval("fd.name startswith allof (/usr, /etc)", e));
    assertTrue(eval("fd.name startswith allof (/e, /etc)", e));
    assertTrue(eval("fd.name contains oneof (shadow, passwd)", e));
    assertFalse(eval("fd.name contains oneof (shadow, /etc)", e), "two match: not exactly one");
    assertTrue(eval("proc.name = anyof (sh, bash)", e));
    assertTrue(eval("proc.name != allof (sh, zsh)", e));
    assertTrue(eval("fd.name glob anyof ('/etc/*', '/usr/*')", e));
    assertTrue(eval("proc.name regex anyof ('ba.*', 'zz')", e));
    assertFalse(eval("fd.name startswith anyof (/usr, /etc)", ev("evt.type", "execve")), "missing field");
  }

  @Test
  void transformers() {
    Event e = ev("proc.name", "BaSh", "proc.exepath", "/usr/bin/bash", "proc.args", List.of("-c", "aWQ="),
        "fd.type", "file", "fd.name", "/tmp/X");
    assertTrue(eval("tolower(proc.name) = bash", e));
    assertTrue(eval("toupper(proc.name) = BASH", e));
    assertTrue(eval("basename(proc.exepath) = bash", e));
    assertTrue(eval("len(proc.name) = 4", e));
    assertTrue(eval("b64(proc.args[1]) = id", e));
    assertFalse(eval("b64(proc.name) exists", ev("proc.name", "%%%")), "undecodable base64 cannot be extracted");
    assertTrue(eval("concat(proc.name, \"-\", fd.name) = BaSh-/tmp/X", e));
    assertTrue(eval("join(\",\", (\"a\", \"b\")) = \"a,b\"", e));
    assertTrue(eval("join(\" \", proc.args) = \"-c aWQ=\"", e));
    assertTrue(eval("getopt(proc.args, \"c:\")[c] = \"aWQ=\"", e));
    assertTrue(eval("len(getopt(proc.args, \"c:\")) = 2", e));
    assertTrue(error("tolower(user.uid) = 0").getMessage().contains("not supported by 'tolower'"));
    assertTrue(error("tolower(proc.aname) = x").getMessage().contains("does not support transformers"));
  }

  @Test
  void fieldToFieldComparison() {
    Event same = ev("proc.name", "bash", "proc.pname", "bash");
    Event diff = ev("proc.name", "bash", "proc.pname", "sshd");
    assertTrue(eval("proc.name = val(proc.pname)", same));
    assertFalse(eval("proc.name = val(proc.pname)", diff));
    assertTrue(eval("proc.name != val(proc.pname)", diff));
    assertTrue(eval("proc.pid > val(proc.ppid)", ev("proc.pid", 10, "proc.ppid", 5)));
    assertFalse(eval("fd.name = val(proc.name)", same), "missing left field: false");
    assertTrue(error("proc.name = val(user.uid)").getMessage().contains("incompatible type"));
    assertTrue(error("proc.name = val(proc.aname)").getMessage().contains("right-hand side"));
    assertTrue(error("fd.name pmatch val(proc.cwd)").getMessage().contains("doesn't support right-hand"));
  }

  @Test
  void unknownFieldsAndEventTypesAreUnknownFilters() {
    CompileException f = error("proc.nosuch = x");
    assertTrue(f.unknownFilter());
    assertTrue(f.getMessage().contains("proc.nosuch"));
    CompileException t = error("evt.type = nosuchcall");
    assertTrue(t.unknownFilter());
    assertEquals("unknown event type nosuchcall", t.getMessage());
    assertFalse(error("user.uid = x").unknownFilter());
  }

  @Test
  void warningsForConstantsThatLookLikeFields() {
    assertEquals(1, Support.cond("proc.name = proc.pname").warnings().size());
    assertTrue(Support.cond("proc.name = 'tolower(x)'").warnings().get(0).message().contains("transformer"));
    assertTrue(Support.cond("proc.name regex 'bash'").warnings().get(0).message().contains("regex check"));
    assertEquals(0, Support.cond("proc.name regex 'ba[sz]h'").warnings().size());
  }

  @Test
  void sharedCachedNodesAreRecomputedForEachEvent() {
    CompiledCondition c = Support.cond("proc.name in (a, b) and fd.name contains x");
    dev.eyrie.engine.field.EvalContext ctx = new dev.eyrie.engine.field.EvalContext();
    assertTrue(c.matches(ctx.reset(ev("proc.name", "a", "fd.type", "file", "fd.name", "/x"))));
    assertFalse(c.matches(ctx.reset(ev("proc.name", "z", "fd.type", "file", "fd.name", "/x"))));
    assertTrue(c.matches(ctx.reset(ev("proc.name", "b", "fd.type", "file", "fd.name", "/xx"))));
  }
}
