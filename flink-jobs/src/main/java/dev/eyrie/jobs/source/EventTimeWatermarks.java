package dev.eyrie.jobs.source;

import dev.eyrie.jobs.config.WatermarkSettings;
import dev.eyrie.schema.Event;

import java.time.Duration;

import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;

/**
 * Event time = {@code Event.ts} (ns) in ms. Watermarks follow events only: a dead letter carries no event time
 * (its Kafka timestamp is ingestion time), so it must not push the watermark and make later real events late.
 */
public final class EventTimeWatermarks {
  private EventTimeWatermarks() {}

  public static WatermarkStrategy<Either<Event, DeadLetter>> strategy(WatermarkSettings settings) {
    Duration bound = settings.outOfOrderness();
    WatermarkStrategy<Either<Event, DeadLetter>> s =
        WatermarkStrategy.<Either<Event, DeadLetter>>forGenerator(ctx -> new EventsOnly(bound))
            .withTimestampAssigner(new Timestamps());
    return settings.idleness().isZero() ? s : s.withIdleness(settings.idleness());
  }

  /** Nanoseconds since the epoch to Flink's milliseconds. */
  public static long millis(long epochNanos) {
    return Math.floorDiv(epochNanos, 1_000_000L);
  }

  static final class Timestamps implements SerializableTimestampAssigner<Either<Event, DeadLetter>> {
    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(Either<Event, DeadLetter> element, long recordTimestamp) {
      return element.isLeft() ? millis(element.left().getTs()) : recordTimestamp;
    }
  }

  static final class EventsOnly implements WatermarkGenerator<Either<Event, DeadLetter>> {
    private final BoundedOutOfOrdernessWatermarks<Event> delegate;

    EventsOnly(Duration bound) {
      this.delegate = new BoundedOutOfOrdernessWatermarks<>(bound);
    }

    @Override
    public void onEvent(Either<Event, DeadLetter> element, long eventTimestamp, WatermarkOutput output) {
      if (element.isLeft()) {
        delegate.onEvent(element.left(), eventTimestamp, output);
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      delegate.onPeriodicEmit(output);
    }
  }
}
