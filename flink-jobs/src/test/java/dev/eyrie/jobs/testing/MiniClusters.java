package dev.eyrie.jobs.testing;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

public final class MiniClusters {
  private MiniClusters() {}

  /** One TaskManager with enough slots for a job at parallelism 2 (sources, operators and sinks share slots). */
  public static MiniClusterExtension extension() {
    return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1)
        .setNumberSlotsPerTaskManager(4)
        .build());
  }
}
