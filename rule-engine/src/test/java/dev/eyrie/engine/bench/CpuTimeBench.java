package dev.eyrie.engine.bench;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.schema.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The same workload as {@link RuleEngineBench}, timed by the thread's CPU time instead of wall time, so the
 * figure does not depend on how many other processes share the cores. Prints events per CPU-second and the
 * CPU nanoseconds per event for the mix and each event class.
 *
 * <p>Run: see BENCHMARKS.md ("Rule engine"); args: [seconds per kind, default 10] [kinds...].
 */
public final class CpuTimeBench {
  private CpuTimeBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    RuleEngineBench setup = new RuleEngineBench();
    setup.kind = "MIX";
    setup.setup();
    CompiledRuleset ruleset = setup.ruleset();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    System.out.printf("%-11s %14s %12s %10s%n", "kind", "events/cpu-s", "ns/event", "matches");
    List<String> kinds = args.length > 1 ? List.of(args).subList(1, args.length)
        : List.of("MIX", "EXEC", "OPEN_READ", "OPEN_WRITE", "NET", "OTHER");
    for (String kind : kinds) {
      Event[] events = (kind.equals("MIX") ? BenchEvents.mix(RuleEngineBench.BATCH, 42)
          : BenchEvents.only(BenchEvents.Kind.valueOf(kind), RuleEngineBench.BATCH, 42)).toArray(new Event[0]);
      EvalContext ctx = new EvalContext();
      long[] matches = {0};
      // warm-up: a third of the time
      long warmEnd = mx.getCurrentThreadCpuTime() + (long) (seconds / 3 * 1e9);
      while (mx.getCurrentThreadCpuTime() < warmEnd) {
        for (Event e : events) {
          ruleset.evaluate(ctx.reset(e), m -> matches[0]++);
        }
      }
      matches[0] = 0;
      long n = 0;
      long start = mx.getCurrentThreadCpuTime();
      long end = start + (long) (seconds * 1e9);
      long now;
      do {
        for (Event e : events) {
          ruleset.evaluate(ctx.reset(e), m -> matches[0]++);
        }
        n += events.length;
        now = mx.getCurrentThreadCpuTime();
      } while (now < end);
      double cpu = (now - start) / 1e9;
      System.out.printf("%-11s %,14.0f %12.1f %10d%n", kind, n / cpu, (now - start) / (double) n, matches[0]);
    }
  }
}
