package dev.eyrie.engine.bench;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.engine.runtime.RulesetOptions;
import dev.eyrie.schema.Event;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Events per second through the rule engine on one thread, with falco_rules.yaml, falco-incubating_rules.yaml
 * and falco-sandbox_rules.yaml loaded together and {@code rule_matching: all}. One benchmark op = one event
 * (batches of {@value #BATCH}). {@code kind=MIX} is the realistic mix of {@link BenchEvents}; the other kinds
 * give the per-event cost of each event class.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Threads(1)
public class RuleEngineBench {
  // 1000 events (~2 MB of Avro objects) stay cache-resident like a freshly decoded event in a pipeline does.
  static final int BATCH = 1_000;

  @Param({"MIX", "EXEC", "OPEN_READ", "OPEN_WRITE", "NET", "OTHER"})
  public String kind;

  private CompiledRuleset ruleset;
  private Event[] events;
  private final EvalContext ctx = new EvalContext();

  static Path rules(String file) {
    String root = System.getProperty("eyrie.root", System.getProperty("user.dir"));
    Path p = Path.of(root).resolve("../shared/falco-rules").resolve(file).normalize();
    if (!p.toFile().exists()) {
      p = Path.of(root).resolve("../../shared/falco-rules").resolve(file).normalize();
    }
    return p;
  }

  @Setup
  public void setup() throws Exception {
    LoadResult r = RulesLoader.load(List.of(RulesSource.of(rules("falco_rules.yaml")),
        RulesSource.of(rules("falco-incubating_rules.yaml")), RulesSource.of(rules("falco-sandbox_rules.yaml"))));
    if (!r.successful()) {
      throw new IllegalStateException(r.toText());
    }
    ruleset = r.ruleset().withOptions(new RulesetOptions(RuleMatching.ALL, null));
    List<Event> list = kind.equals("MIX") ? BenchEvents.mix(BATCH, 42)
        : BenchEvents.only(BenchEvents.Kind.valueOf(kind), BATCH, 42);
    events = list.toArray(new Event[0]);
  }

  CompiledRuleset ruleset() {
    return ruleset;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void evaluate(Blackhole bh) {
    for (Event e : events) {
      ruleset.evaluate(ctx.reset(e), bh::consume);
    }
  }
}
