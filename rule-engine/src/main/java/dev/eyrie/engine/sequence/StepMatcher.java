package dev.eyrie.engine.sequence;

import dev.eyrie.engine.compile.Filter;
import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.field.EventTypeTable;
import dev.eyrie.schema.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns events into {@link StepHit}s: which steps of which (enabled) sequences an event matches, under which join
 * keys. Stateless, immutable and thread-safe; built once per ruleset. Step conditions are indexed by event type
 * like the per-event rules, so an event only runs the conditions that can match its type — this is what runs in
 * front of CEP so that only the (typically few) relevant events enter correlation.
 */
public final class StepMatcher {
  private static final ThreadLocal<EvalContext> CONTEXT = ThreadLocal.withInitial(EvalContext::new);
  private static final Role[] NONE = new Role[0];

  /** One step condition of one sequence. */
  private record Role(int sequence, int bit, Filter filter) {}

  private final List<SequenceDef> sequences;
  private final Map<String, Role[]> byType;
  private final Role[] anyType;
  private final int[] lastStep;

  private StepMatcher(List<SequenceDef> sequences) {
    this.sequences = List.copyOf(sequences);
    Map<String, List<Role>> index = new HashMap<>();
    List<Role> any = new ArrayList<>();
    lastStep = new int[sequences.size()];
    for (int s = 0; s < sequences.size(); s++) {
      SequenceDef d = sequences.get(s);
      lastStep[s] = d.steps().size() - 1;
      for (int i = 0; i < d.steps().size(); i++) {
        add(index, any, new Role(s, 1 << i, d.steps().get(i).condition().filter()), d.steps().get(i));
      }
      if (d.absence() != null) {
        add(index, any, new Role(s, SequencePlan.ABSENCE, d.absence().condition().filter()), d.absence());
      }
      if (d.until() != null) {
        add(index, any, new Role(s, SequencePlan.UNTIL, d.until().condition().filter()), d.until());
      }
    }
    Map<String, Role[]> frozen = new HashMap<>(index.size() * 2);
    index.forEach((k, v) -> frozen.put(k, v.toArray(NONE)));
    this.byType = frozen;
    this.anyType = any.toArray(NONE);
  }

  private static void add(Map<String, List<Role>> index, List<Role> any, Role r, SequenceDef.Step step) {
    for (String t : step.condition().eventTypes()) {
      index.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
    }
    if (step.condition().matchesAnyType()) {
      any.add(r);
    }
  }

  /** A matcher for the enabled sequences among {@code defs}, in their order. */
  public static StepMatcher of(List<SequenceDef> defs) {
    return new StepMatcher(defs.stream().filter(SequenceDef::enabled).toList());
  }

  /** The sequences matched, in order: {@link StepHit#sequence()} indexes this list. */
  public List<SequenceDef> sequences() {
    return sequences;
  }

  public boolean isEmpty() {
    return sequences.isEmpty();
  }

  public List<StepHit> match(Event event) {
    List<StepHit> out = new ArrayList<>(2);
    match(event, out::add);
    return out;
  }

  public void match(Event event, Consumer<StepHit> out) {
    match(CONTEXT.get().reset(event), out);
  }

  /** Matches the event held by a caller-managed context (already reset to the event). */
  public void match(EvalContext c, Consumer<StepHit> out) {
    Role[] candidates = byType.get(c.event().getType());
    if (candidates == null) {
      candidates = EventTypeTable.known(c.event().getType()) ? NONE : anyType;
    }
    int[] roles = null;
    for (Role r : candidates) {
      if ((roles == null || (roles[r.sequence] & r.bit) == 0) && r.filter.eval(c)) {
        if (roles == null) {
          roles = new int[sequences.size()];
        }
        roles[r.sequence] |= r.bit;
      }
    }
    if (roles == null) {
      return;
    }
    for (int s = 0; s < roles.length; s++) {
      if (roles[s] != 0) {
        emit(s, roles[s], c, out);
      }
    }
  }

  private void emit(int s, int roles, EvalContext c, Consumer<StepHit> out) {
    SequenceDef d = sequences.get(s);
    Map<String, Integer> keyRoles = new LinkedHashMap<>();
    for (int i = 0; i < d.steps().size(); i++) {
      if ((roles & (1 << i)) != 0) {
        addKeys(d.steps().get(i), 1 << i, c, keyRoles);
      }
    }
    if ((roles & SequencePlan.ABSENCE) != 0) {
      addKeys(d.absence(), SequencePlan.ABSENCE, c, keyRoles);
    }
    if ((roles & SequencePlan.UNTIL) != 0) {
      addKeys(d.until(), SequencePlan.UNTIL, c, keyRoles);
    }
    if (keyRoles.isEmpty()) {
      return;
    }
    SequenceOutput.Rendered r = d.output().render(c, roles, lastStep[s]);
    Event e = c.event();
    for (Map.Entry<String, Integer> k : keyRoles.entrySet()) {
      out.accept(new StepHit(s, k.getKey(), k.getValue(), e.getTs(), e.getEventId(), e.getHost().getId(),
          e.getHost().getHostname(), r.texts(), r.values()));
    }
  }

  /** Every combination of the step's key values (a multi-valued field fans out), merged into {@code keyRoles}. */
  private static void addKeys(SequenceDef.Step step, int bit, EvalContext c, Map<String, Integer> keyRoles) {
    List<String> keys = List.of("");
    boolean first = true;
    for (KeyExtractor k : step.keys()) {
      Set<String> values = new LinkedHashSet<>();
      k.values(c, values);
      if (values.isEmpty()) {
        return;
      }
      List<String> next = new ArrayList<>(keys.size() * values.size());
      for (String prefix : keys) {
        for (String v : values) {
          next.add(first ? v : prefix + '\u001f' + v);
        }
      }
      keys = next;
      first = false;
    }
    for (String key : keys) {
      keyRoles.merge(key, bit, (a, b) -> a | b);
    }
  }
}
