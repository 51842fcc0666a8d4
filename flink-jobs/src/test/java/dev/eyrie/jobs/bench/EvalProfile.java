package dev.eyrie.jobs.bench;

import dev.eyrie.jobs.config.RulesSettings;
import dev.eyrie.jobs.rules.Compilation;
import dev.eyrie.jobs.rules.RuleFile;
import dev.eyrie.jobs.rules.RulesPublisher;
import dev.eyrie.jobs.rules.RulesetCompiler;
import dev.eyrie.jobs.rules.RulesetRecord;
import dev.eyrie.engine.runtime.AlertJson;
import dev.eyrie.jobs.source.EventDecoder;
import dev.eyrie.jobs.source.RawEvent;
import dev.eyrie.jobs.source.RawEventSerializer;
import dev.eyrie.jobs.testing.Paths;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.flink.util.Collector;

/**
 * Where a detection job's per-event time goes, without Flink or Kafka: decode, evaluate (official Falco rules +
 * Eyrie's), render alerts as JSON. Prints rates and the alert count per rule.
 */
public final class EvalProfile {
  public static void main(String[] argv) {
    int n = argv.length > 0 ? Integer.parseInt(argv[0]) : 500_000;
    List<Path> files = new ArrayList<>(Paths.officialFalcoRules());
    files.addAll(Paths.eyrieRules());
    List<RuleFile> rules = RulesPublisher.read(files);
    long t = System.nanoTime();
    Compilation c = RulesetCompiler.compile(new RulesetRecord("p", Instant.now(), "p", rules),
        new RulesSettings(RulesSettings.Matching.FIRST, 1));
    System.out.printf("compile: %.2f s, %d rules enabled%n", (System.nanoTime() - t) / 1e9, c.evaluator().enabledRules());

    BenchEvents gen = new BenchEvents(0, 50);
    WireCodec<Event> codec = WireCodec.events();
    List<byte[]> encoded = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      encoded.add(codec.encode(gen.next(1_767_225_600_000_000_000L + i * 10_000L)));
    }
    Map<String, Integer> byRule = new TreeMap<>();
    long[] bytes = new long[1];
    Collector<Alert> out = new Collector<>() {
      @Override
      public void collect(Alert a) {
        byRule.merge(a.getRule(), 1, Integer::sum);
        bytes[0] += AlertJson.withEyrieFields(a).length;
      }

      @Override
      public void close() {}
    };
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    org.apache.flink.formats.avro.typeutils.AvroSerializer<Event> flinkSer =
        new org.apache.flink.formats.avro.typeutils.AvroSerializer<>(Event.class);
    org.apache.flink.core.memory.DataOutputSerializer outView = new org.apache.flink.core.memory.DataOutputSerializer(4096);
    for (int round = 0; round < 3; round++) {
      byRule.clear();
      t = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      for (byte[] b : encoded) {
        codec.decode(b, null);
      }
      double decode = (System.nanoTime() - t) / 1e9;
      double decodeCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      // what the detection operator does: decode into one reused instance
      EventDecoder decoder = new EventDecoder("p");
      RawEvent raw = new RawEvent();
      c0 = threads.getCurrentThreadCpuTime();
      for (byte[] b : encoded) {
        raw.value = b;
        decoder.decode(raw);
      }
      double reuseCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      // the source → detection hop as it is now (raw bytes) ...
      c0 = threads.getCurrentThreadCpuTime();
      try {
        for (byte[] b : encoded) {
          outView.clear();
          raw.value = b;
          RawEventSerializer.INSTANCE.serialize(raw, outView);
          RawEventSerializer.INSTANCE.deserialize(new org.apache.flink.core.memory.DataInputDeserializer(
              outView.getSharedBuffer(), 0, outView.length()));
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      double rawHopCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      Event sample = codec.decode(encoded.get(0), null);
      c0 = threads.getCurrentThreadCpuTime();
      try {
        for (int i = 0; i < n; i++) {
          outView.clear();
          flinkSer.serialize(sample, outView);
          flinkSer.deserialize(new org.apache.flink.core.memory.DataInputDeserializer(outView.getSharedBuffer(), 0,
              outView.length()));
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      double hopCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9; // ... and with decoded events (before)
      List<Event> decoded = new ArrayList<>(n);
      for (byte[] b : encoded) {
        decoded.add(codec.decode(b, null));
      }
      t = System.nanoTime();
      c0 = threads.getCurrentThreadCpuTime();
      for (Event e : decoded) {
        c.evaluator().evaluate(e, out);
      }
      double eval = (System.nanoTime() - t) / 1e9;
      double evalCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      System.out.printf("round %d: decode %,.0f ev/s (%.2f us CPU; reusing the instance %.2f us), hop: "
          + "raw bytes %.2f us CPU (decoded Event via AvroSerializer: %.2f us), evaluate+alert json %,.0f ev/s "
          + "(%.2f us CPU)%n", round, n / decode, decodeCpu * 1e6 / n, reuseCpu * 1e6 / n, rawHopCpu * 1e6 / n,
          hopCpu * 1e6 / n, n / eval, evalCpu * 1e6 / n);
    }
    System.out.println("alerts per rule (last round): " + byRule);
  }
}
