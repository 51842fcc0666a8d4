package dev.eyrie.jobs.source;

import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.config.KafkaSettings;
import dev.eyrie.schema.Event;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The events topic as a DataStream of decoded events with event-time timestamps and watermarks, plus the dead
 * letters next to it. Every job that reads events (detection, sequences, archive) starts here.
 */
public final class EventSources {
  private EventSources() {}

  public record Streams(SingleOutputStreamOperator<Event> events, DataStream<DeadLetter> deadLetters) {}

  public static Streams events(StreamExecutionEnvironment env, JobConfig cfg) {
    KafkaSource<Either<Event, DeadLetter>> source = source(cfg, new EventDeserializer());
    SingleOutputStreamOperator<Event> events = env
        .fromSource(source, EventTimeWatermarks.strategy(cfg.watermarks()), "events: " + cfg.topics().events())
        .uid("events-source")
        .process(new SplitDeadLetters(), new AvroTypeInfo<>(Event.class))
        .name("decode / dead letters")
        .uid("split-dead-letters");
    return new Streams(events, events.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
  }

  /**
   * The events topic undecoded, for a job whose first operator after the source cannot be chained to it (the
   * detection job's broadcast-connected operator): bytes cross that hop almost for free, and the operator decodes
   * once with an {@link EventDecoder}, which also makes the dead letters. Records carry their Kafka timestamps and
   * no watermarks: use {@link #events} for event-time processing.
   */
  public static SingleOutputStreamOperator<RawEvent> raw(StreamExecutionEnvironment env, JobConfig cfg) {
    return env
        .fromSource(source(cfg, new RawEventDeserializer()), WatermarkStrategy.noWatermarks(),
            "events: " + cfg.topics().events())
        .uid("events-source");
  }

  private static <T> KafkaSource<T> source(JobConfig cfg, KafkaRecordDeserializationSchema<T> deserializer) {
    KafkaSourceBuilder<T> b = KafkaSource.<T>builder()
        .setBootstrapServers(cfg.kafka().bootstrapServers())
        .setProperties(cfg.kafka().clientConfig())
        .setTopics(cfg.topics().events())
        .setGroupId(cfg.kafka().groupId())
        .setClientIdPrefix(cfg.jobName() + "-events")
        .setStartingOffsets(startingOffsets(cfg.kafka().startingOffsets()))
        // offsets go back to Kafka on checkpoints, so lag tools and a fresh start (no checkpoint) see progress
        .setProperty("commit.offsets.on.checkpoint", "true")
        .setDeserializer(deserializer);
    if (cfg.bounded()) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b.build();
  }

  static OffsetsInitializer startingOffsets(KafkaSettings.StartingOffsets mode) {
    return switch (mode) {
      case COMMITTED_OR_EARLIEST -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
      case COMMITTED_OR_LATEST -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST);
      case EARLIEST -> OffsetsInitializer.earliest();
      case LATEST -> OffsetsInitializer.latest();
    };
  }
}
