package dev.eyrie.cli.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.eyrie.jobs.archive.ArchiveConfig;
import dev.eyrie.jobs.archive.ArchiveSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Converts scap captures to Eyrie events: into an Avro events file (replayable with {@code eyrie replay}) or onto
 * the events topic, where the detection jobs pick them up like live collector traffic, or into the event archive
 * (for backfills over past captures).
 */
@Command(name = "import",
    header = "Convert scap captures to Eyrie events: an Avro file, Kafka or the archive.", mixinStandardHelpOptions = true,
    description = {"Convert sysdig/Falco scap captures to Eyrie events, into an Avro events file, Kafka or the archive.",
        "Process and fd state is rebuilt from each capture as libsinsp would; captures are read in the order given."})
public final class ImportCommand implements Callable<Integer> {
  static final String DEFAULT_TOPIC = "eyrie.events";

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "CAPTURE",
      description = "scap captures (plain or gzip); Eyrie Avro events files are copied as they are.")
  List<Path> captures;

  @Option(names = "--to", required = true, paramLabel = "FILE|kafka[:TOPIC]|archive",
      description = {"FILE: write an Avro events file (replaced if it exists; use ./kafka for a file named kafka).",
          "kafka[:TOPIC]: produce to Kafka (topic default " + DEFAULT_TOPIC + ").",
          "archive: the Iceberg event archive (--warehouse, -c, --set as for `eyrie archive`), all captures in "
              + "one commit; a capture already imported there is refused."})
  String to;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Settings file for --to archive (archive.* keys, as `eyrie archive`).")
  Path config;

  @Option(names = "--warehouse", paramLabel = "PATH|URI",
      description = "archive.warehouse for --to archive (default " + ArchiveSettings.DEFAULT_WAREHOUSE + ").")
  String warehouse;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any archive setting for --to archive.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--kafka", defaultValue = "127.0.0.1:19092", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers for --to kafka. Default: ${DEFAULT-VALUE}.")
  String kafka;

  @Option(names = "--kafka-timeout", defaultValue = "30", paramLabel = "SECONDS",
      description = "Fail when Kafka does not answer or lacks the topic for this long. Default: ${DEFAULT-VALUE}.")
  int kafkaTimeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    for (Path c : captures) {
      if (!Files.isRegularFile(c)) {
        err.println("eyrie import: capture not found: " + c);
        return 1;
      }
    }
    long events = 0;
    String where;
    try (ImportTarget target = open()) {
      where = target.describe();
      for (Path c : captures) {
        target.begin(c);
        try (EventInput in = EventInput.open(c)) {
          while (in.hasNext()) {
            target.write(in.next());
            events++;
          }
        }
      }
      target.finish();
    } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      err.println("eyrie import: " + e.getMessage());
      return 1;
    }
    err.printf("Imported %d events from %d capture%s to %s%n", events, captures.size(),
        captures.size() == 1 ? "" : "s", where);
    err.flush();
    return 0;
  }

  private ImportTarget open() throws IOException {
    if (to.equals("archive")) {
      Map<String, String> o = new LinkedHashMap<>();
      if (warehouse != null) {
        o.put("archive.warehouse", warehouse);
      }
      o.putAll(set);
      return new ArchiveTarget(ArchiveConfig.load(config, o, "eyrie-import").archive());
    }
    if (to.equals("kafka") || to.startsWith("kafka:")) {
      String topic = to.equals("kafka") ? DEFAULT_TOPIC : to.substring("kafka:".length());
      if (topic.isEmpty()) {
        throw new IllegalArgumentException("--to kafka:TOPIC needs a topic name after the colon");
      }
      return new KafkaEvents(kafka, topic, Duration.ofSeconds(kafkaTimeoutSeconds));
    }
    return new AvroEventsFile(Path.of(to));
  }
}
