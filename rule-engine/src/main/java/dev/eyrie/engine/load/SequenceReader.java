package dev.eyrie.engine.load;

import static dev.eyrie.engine.load.LoadException.check;

import dev.eyrie.engine.Priority;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a {@code - sequence:} item (Eyrie's multi-step rule, issue E) into the collector: structure and the checks
 * that need no compiler (step count, names, {@code times}, {@code within}, key counts). Conditions, rule
 * references, key fields and output tokens are checked when the sequence is compiled ({@link SequenceCompiler}).
 * A later definition with the same name replaces the earlier one in place, like a rule.
 */
final class SequenceReader {
  private SequenceReader() {}

  private static final LoadCode V = LoadCode.LOAD_ERR_YAML_VALIDATE;
  private static final LoadCode E = LoadCode.LOAD_ERR_VALIDATE;
  /** Steps and repetitions become CEP states; a cap keeps a typo ({@code times: 10000}) from building a huge NFA. */
  static final int MAX_TIMES = 100;
  /** Positive steps are bits of an int role mask (two more bits for not/until). */
  static final int MAX_STEPS = 16;
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
  /** Field classes: a step with one of these names would shadow fields in output tokens ({@code %proc.name}). */
  private static final Set<String> FIELD_CLASSES = Set.of("evt", "syscall", "proc", "thread", "user", "group",
      "fd", "fdlist", "fs", "container", "k8s", "host", "span", "spans");
  private static final Set<String> SEQUENCE_KEYS = Set.of("sequence", "desc", "priority", "tags", "enabled",
      "within", "by", "steps", "not", "until", "output");
  private static final Set<String> STEP_KEYS = Set.of("name", "condition", "rule", "by", "times");
  private static final Set<String> GUARD_KEYS = Set.of("condition", "rule", "by");
  private static final Set<String> ABSENCE_KEYS = Set.of("condition", "rule", "by", "after");

  static void read(ItemReader r, Node item, Context parent) {
    String name = Decode.str(item, "sequence", parent.child(item, ItemType.SEQUENCE, ""));
    Context ctx = parent.child(item, ItemType.SEQUENCE, name);
    SequenceInfo v = new SequenceInfo();
    v.ctx = ctx;
    v.name = name;
    v.desc = Decode.str(item, "desc", ctx);
    String prio = Decode.str(item, "priority", ctx);
    v.priority = Priority.parseOrNull(prio);
    check(v.priority == null, V, "Invalid priority",
        ctx.child(Yaml.get(item, "priority"), ItemType.RULE_PRIORITY, ""));
    v.tags = Decode.tags(item, ctx);
    Boolean enabled = Decode.optBool(item, "enabled", ctx);
    v.enabled = enabled == null || enabled;
    check(Yaml.get(item, "within") == null && trailingAbsence(item), V,
        "Item has no mapping for key 'within': a trailing absence (not: {after: last}) needs 'within', its alert "
            + "is raised when the window from the first step's event ends", ctx);
    String within = Decode.str(item, "within", ctx);
    v.withinNanos = duration(within);
    check(v.withinNanos <= 0, E, "Invalid 'within' duration '" + within
        + "': expected a positive number with a unit ms, s, m or h (e.g. 10m)",
        ctx.child(Yaml.get(item, "within"), ItemType.VALUE_FOR, "within"));
    v.by = Decode.seq(item, "by", ctx, true);
    v.byCtx = v.by == null ? null : ctx.child(Yaml.get(item, "by"), ItemType.VALUE_FOR, "by");
    v.output = Decode.str(item, "output", ctx).strip();
    v.outputCtx = ctx.child(Yaml.get(item, "output"), ItemType.SEQUENCE_OUTPUT, "");

    Node steps = Yaml.get(item, "steps");
    check(steps == null, V, "Item has no mapping for key 'steps'", ctx);
    Context stepsCtx = ctx.child(steps, ItemType.VALUE_FOR, "steps");
    check(!Yaml.isSeq(steps), V, "Value of 'steps' must be a sequence of steps", stepsCtx);
    Set<String> names = new HashSet<>();
    for (Node s : Yaml.items(steps)) {
      Context tmp = stepsCtx.child(s, ItemType.SEQUENCE_STEP, "");
      check(!Yaml.isMap(s), V, "A sequence step must be a mapping with 'name' and 'condition' or 'rule'", tmp);
      String stepName = Decode.str(s, "name", tmp);
      Context sctx = stepsCtx.child(s, ItemType.SEQUENCE_STEP, stepName);
      check(!IDENTIFIER.matcher(stepName).matches(), E,
          "Step name '" + stepName + "' is invalid: step names must match [a-zA-Z][a-zA-Z0-9_]*",
          sctx.child(Yaml.get(s, "name"), ItemType.VALUE_FOR, "name"));
      check(FIELD_CLASSES.contains(stepName), E, "Step name '" + stepName
          + "' is a field class: output tokens like %" + stepName + ".x would be ambiguous", sctx);
      check(!names.add(stepName), E, "Duplicate step name '" + stepName + "' in sequence '" + name + "'", sctx);
      SequenceInfo.Step step = step(r, s, stepName, sctx, STEP_KEYS);
      Long times = Decode.optUint32(s, "times", sctx);
      if (times != null) {
        check(times < 1 || times > MAX_TIMES, E, "Step '" + stepName + "': times must be between 1 and "
            + MAX_TIMES + ", not " + times, sctx.child(Yaml.get(s, "times"), ItemType.VALUE_FOR, "times"));
        step.times = times.intValue();
      }
      v.steps.add(step);
    }
    check(v.steps.size() > MAX_STEPS, E, "A sequence has at most " + MAX_STEPS + " steps", stepsCtx);
    v.absence = guard(r, item, "not", ctx);
    v.absenceAfterLast = v.absence != null && absenceAfterLast(item, v.absence.ctx);
    check(v.steps.isEmpty() || (v.steps.size() < 2 && v.steps.get(0).times < 2 && !v.absenceAfterLast), E,
        "A sequence needs at least two steps (or one step with times >= 2, or one step and a trailing absence "
            + "not: {after: last})", stepsCtx);
    v.until = guard(r, item, "until", ctx);
    checkKeyCounts(v);
    define(r.collector, v);
    r.warnUnknownKeys(item, SEQUENCE_KEYS, ctx);
  }

  /** A {@code not:} or {@code until:} step; null when absent. */
  private static SequenceInfo.Step guard(ItemReader r, Node item, String key, Context ctx) {
    Node g = Yaml.get(item, key);
    if (g == null || Yaml.isNull(g)) {
      return null;
    }
    Context gctx = ctx.child(g, ItemType.SEQUENCE_STEP, key);
    check(!Yaml.isMap(g), V, "Value of '" + key + "' must be a mapping with 'condition' or 'rule'", gctx);
    return step(r, g, key, gctx, key.equals("not") ? ABSENCE_KEYS : GUARD_KEYS);
  }

  /** True when the item has {@code not:} with {@code after: last} (checked properly by {@link #absenceAfterLast}). */
  private static boolean trailingAbsence(Node item) {
    Node g = Yaml.get(item, "not");
    return g != null && Yaml.isMap(g) && Yaml.get(g, "after") != null;
  }

  /**
   * Where the {@code not:} step applies: between the positive steps (default) or, with {@code after: last}, after
   * the last one until {@code within} from the first step's event ends (EQL's trailing {@code ![...]}).
   */
  private static boolean absenceAfterLast(Node item, Context nctx) {
    Node g = Yaml.get(item, "not");
    String after = Decode.optStr(g, "after", nctx);
    if (after == null) {
      return false;
    }
    check(!after.equals("last"), E, "Invalid value '" + after + "' for 'after' in 'not': the only value is 'last' "
        + "(an absence after the last step); omit 'after' for an absence between the steps",
        nctx.child(Yaml.get(g, "after"), ItemType.VALUE_FOR, "after"));
    return true;
  }

  private static SequenceInfo.Step step(ItemReader r, Node s, String name, Context sctx, Set<String> keys) {
    SequenceInfo.Step step = new SequenceInfo.Step();
    step.ctx = sctx;
    step.name = name;
    step.cond = Decode.optStr(s, "condition", sctx);
    step.rule = Decode.optStr(s, "rule", sctx);
    check(step.cond == null && step.rule == null, E, "Step '" + name + "' must have a 'condition' or a 'rule'",
        sctx);
    check(step.cond != null && step.rule != null, E,
        "Step '" + name + "' has both 'condition' and 'rule': give one", sctx);
    if (step.cond != null) {
      step.condCtx = sctx.child(Yaml.get(s, "condition"), ItemType.SEQUENCE_CONDITION, "");
    } else {
      step.ruleCtx = sctx.child(Yaml.get(s, "rule"), ItemType.VALUE_FOR, "rule");
    }
    step.by = Decode.seq(s, "by", sctx, true);
    step.byCtx = step.by == null ? null : sctx.child(Yaml.get(s, "by"), ItemType.VALUE_FOR, "by");
    r.warnUnknownKeys(s, keys, sctx);
    return step;
  }

  /** Every step (and not/until) joins on the same number of key values. */
  private static void checkKeyCounts(SequenceInfo v) {
    SequenceInfo.Step first = v.steps.get(0);
    int want = keys(v, first).size();
    for (SequenceInfo.Step s : allSteps(v)) {
      int n = keys(v, s).size();
      check(n != want, E, "Key count mismatch: step '" + s.name + "' has " + n + " 'by' field(s), step '"
          + first.name + "' has " + want, s.byCtx != null ? s.byCtx : s.ctx);
    }
  }

  static List<String> keys(SequenceInfo v, SequenceInfo.Step s) {
    return s.by != null ? s.by : v.by != null ? v.by : List.of();
  }

  static List<SequenceInfo.Step> allSteps(SequenceInfo v) {
    List<SequenceInfo.Step> all = new java.util.ArrayList<>(v.steps);
    if (v.absence != null) {
      all.add(v.absence);
    }
    if (v.until != null) {
      all.add(v.until);
    }
    return all;
  }

  private static void define(Collector col, SequenceInfo v) {
    SequenceInfo prev = col.sequences.get(v.name);
    v.index = prev != null ? prev.index : col.sequences.size();
    col.sequences.put(v.name, v);
  }

  /** {@code <n>(ms|s|m|h)} in nanoseconds; -1 when malformed. */
  static long duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(1));
    long unit = switch (m.group(2)) {
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
    return n * unit;
  }
}
