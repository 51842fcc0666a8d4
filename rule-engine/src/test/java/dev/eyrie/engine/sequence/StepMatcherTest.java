package dev.eyrie.engine.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.testkit.FieldEvents;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Step matching: roles, keys (including multi-valued fan-out) and what a hit carries. */
class StepMatcherTest {
  private static final String RULES = """
      - sequence: lateral
        desc: d
        priority: WARNING
        within: 5m
        steps:
          - name: conn
            condition: evt.type = connect and fd.sport = 22
            by: [fd.sip]
          - name: shell
            condition: evt.type = execve and proc.name = bash
            by: [host.ip]
        until:
          condition: evt.type = execve and proc.name in (bash, logout)
          by: [host.ip]
        output: from %conn.evt.hostname to %shell.evt.hostname as %user.name
      - sequence: same event two steps
        desc: d
        priority: INFO
        within: 1m
        by: [host.id, proc.pid]
        steps:
          - name: first
            condition: evt.type = execve
          - name: second
            condition: evt.type = execve and proc.name = bash
        output: "%first.proc.name %second.proc.name"
      """;

  private static StepMatcher matcher() {
    LoadResult r = SequenceLoadTest.load(RULES);
    assertTrue(r.successful(), r::toText);
    return StepMatcher.of(r.sequences());
  }

  @Test
  void connectionMatchesTheFirstStepKeyedByServerAddress() {
    StepMatcher m = matcher();
    List<StepHit> hits = m.match(FieldEvents.of("host", "a", "evt.type", "connect", "fd.typechar", "4",
        "fd.sip", "10.0.0.2", "fd.sport", 22L));
    assertEquals(1, hits.size(), hits::toString);
    StepHit h = hits.get(0);
    assertEquals(0, h.sequence());
    assertEquals("10.0.0.2", h.key());
    assertEquals(1, h.roles());
    assertEquals("a", h.hostId());
    assertEquals("a", h.hostname());
    assertEquals(FieldEvents.DEFAULT_TS / 1_000_000L, h.millis());
    // segments are a token plus the literal after it; this event supplies only the conn one
    assertArrayEquals(new String[] {"a to ", null, null}, h.texts());
  }

  @Test
  void unrelatedEventsProduceNoHits() {
    StepMatcher m = matcher();
    assertTrue(m.match(FieldEvents.of("evt.type", "openat", "fd.name", "/etc/passwd")).isEmpty());
    assertTrue(m.match(FieldEvents.of("evt.type", "connect", "fd.typechar", "4", "fd.sip", "10.0.0.2",
        "fd.sport", 443L)).isEmpty());
  }

  @Test
  void multiValuedKeyFansOutAndRolesOfOneKeyAreMerged() {
    StepMatcher m = matcher();
    List<StepHit> hits = m.match(FieldEvents.of("host", "b", "host.ip", List.of("10.0.0.2", "10.0.1.2", "10.0.0.2"),
        "evt.type", "execve", "proc.name", "bash", "proc.pid", 77L, "user.name", "bob"));
    List<StepHit> lateral = hits.stream().filter(h -> h.sequence() == 0).toList();
    // one hit per distinct address; bash is both the shell step and the until step
    assertEquals(Set.of("10.0.0.2", "10.0.1.2"), lateral.stream().map(StepHit::key).collect(Collectors.toSet()));
    assertEquals(2, lateral.size());
    for (StepHit h : lateral) {
      assertEquals(2 | SequencePlan.UNTIL, h.roles());
      assertEquals("b as ", h.texts()[1]);
      assertEquals("bob", h.texts()[2]);
    }
    // an event matching two steps of one sequence yields ONE hit carrying both roles
    List<StepHit> same = hits.stream().filter(h -> h.sequence() == 1).toList();
    assertEquals(1, same.size());
    assertEquals(3, same.get(0).roles());
    assertEquals("b\u001f77", same.get(0).key());
  }

  @Test
  void missingKeyValueJoinsNothing() {
    StepMatcher m = matcher();
    List<StepHit> hits = m.match(FieldEvents.of("host", "b", "host.ip", List.of(), "evt.type", "execve",
        "proc.name", "bash"));
    assertTrue(hits.stream().noneMatch(h -> h.sequence() == 0), hits::toString);
  }

  @Test
  void hostFieldsAreUsableInConditions() {
    LoadResult r = SequenceLoadTest.load("""
        - rule: r
          desc: d
          condition: evt.type = execve and host.ip = 10.9.9.9 and host.id = h1 and host.name = h1
          output: "%host.ip %host.id %host.name"
          priority: INFO
        """);
    assertTrue(r.successful(), r::toText);
    List<String> out = new java.util.ArrayList<>();
    r.ruleset().evaluate(FieldEvents.of("host", "h1", "host.ip", List.of("10.0.0.1", "10.9.9.9"),
        "evt.type", "execve"), x -> out.add(x.output()));
    assertEquals(List.of("10.0.0.1 10.9.9.9 h1 h1"), out);
    r.ruleset().evaluate(FieldEvents.of("host", "h1", "host.ip", List.of("10.0.0.1"), "evt.type", "execve"),
        x -> out.add(x.output()));
    assertEquals(1, out.size());
  }
}
