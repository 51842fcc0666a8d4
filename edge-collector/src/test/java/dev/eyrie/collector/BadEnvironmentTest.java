package dev.eyrie.collector;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Startup failures name what is missing and how to fix it. */
class BadEnvironmentTest {
  @TempDir Path dir;

  private CollectorConfig fileConfig() {
    return CollectorConfig.defaults().withOutput(dir.resolve("events.avro")).withStateDir(dir.resolve("state"))
        .withMetricsPort(-1);
  }

  @Test
  void tracefsNotMountedSaysHowToMountIt() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty-tracefs"));
    CollectorException e = assertThrows(CollectorException.class,
        () -> Collector.start(fileConfig().withEnvironment("libbpf.so.1", empty), s -> { }));
    assertTrue(e.getMessage().contains("tracefs is not mounted at " + empty), e.getMessage());
    assertTrue(e.getMessage().contains("mount -t tracefs nodev /sys/kernel/tracing"), e.getMessage());
  }

  @Test
  void missingLibbpfSaysWhichPackageToInstall() {
    CollectorException e = assertThrows(CollectorException.class,
        () -> Collector.start(fileConfig().withEnvironment("libbpf-eyrie-absent.so.1", null), s -> { }));
    assertTrue(e.getMessage().contains("libbpf-eyrie-absent.so.1"), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install libbpf1"), e.getMessage());
  }

  @Test
  void neitherKafkaNorFileIsAConfigurationError() {
    CollectorException e = assertThrows(CollectorException.class,
        () -> Collector.start(CollectorConfig.defaults().withStateDir(dir).withMetricsPort(-1), s -> { }));
    assertTrue(e.getMessage().contains("--kafka HOST:PORT --topic T, or --output FILE"), e.getMessage());
  }

  @Test
  void unknownSyscallNamesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dev.eyrie.collector.event.Syscalls.select(java.util.List.of("openat", "frobnicate")));
    assertTrue(e.getMessage().contains("frobnicate") && e.getMessage().contains("openat"), e.getMessage());
  }
}
