package dev.eyrie.jobs.config;

import java.io.Serializable;

/**
 * Test-only fault injection: after {@code failOnceAfterEvents} events, one task throws once so the job restarts
 * from its last checkpoint. "Once" is remembered by creating {@code markerFile}, which survives the restart.
 * Off (0) unless a test sets it.
 */
public record FaultSettings(long failOnceAfterEvents, String markerFile) implements Serializable {

  public boolean enabled() {
    return failOnceAfterEvents > 0;
  }

  static FaultSettings from(Settings s) {
    FaultSettings f = new FaultSettings(s.longValue("fault.fail-once-after-events", 0), s.optional("fault.marker-file"));
    if (f.enabled() && f.markerFile == null) {
      throw new IllegalArgumentException("fault.fail-once-after-events needs fault.marker-file");
    }
    return f;
  }
}
