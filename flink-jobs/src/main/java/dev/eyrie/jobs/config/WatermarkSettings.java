package dev.eyrie.jobs.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Event-time settings: events may arrive up to {@code outOfOrderness} late without being late; a partition that
 * sends nothing for {@code idleness} stops holding back the watermark.
 */
public record WatermarkSettings(Duration outOfOrderness, Duration idleness) implements Serializable {

  static WatermarkSettings from(Settings s) {
    return new WatermarkSettings(
        s.duration("watermarks.out-of-orderness", Duration.ofSeconds(5)),
        s.duration("watermarks.idleness", Duration.ofSeconds(30)));
  }
}
