package dev.eyrie.jobs.source;

import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;
import dev.eyrie.schema.WireFormatException;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes Avro single-object events. A record that does not decode becomes a {@link DeadLetter} instead of an
 * exception: one bad producer must not stop detection for the fleet.
 */
public final class EventDeserializer implements KafkaRecordDeserializationSchema<Either<Event, DeadLetter>> {
  private static final long serialVersionUID = 1L;

  private transient WireCodec<Event> codec;
  private transient Counter deadLetters;

  public static TypeInformation<Either<Event, DeadLetter>> typeInfo() {
    return new org.apache.flink.api.java.typeutils.EitherTypeInfo<>(
        new AvroTypeInfo<>(Event.class), TypeInformation.of(DeadLetter.class));
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    codec = WireCodec.events();
    deadLetters = context.getMetricGroup().counter("deadLetters");
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<Event, DeadLetter>> out) {
    if (codec == null) {
      codec = WireCodec.events();
    }
    Event event;
    try {
      event = codec.decode(record.value(), null);
    } catch (WireFormatException e) {
      out.collect(Either.Right(deadLetter(record, e.getMessage())));
      return;
    }
    out.collect(Either.Left(event));
  }

  private DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    if (deadLetters != null) {
      deadLetters.inc();
    }
    return new DeadLetter(reason, record.topic(), record.partition(), record.offset(), record.timestamp(),
        record.key(), record.value());
  }

  @Override
  public TypeInformation<Either<Event, DeadLetter>> getProducedType() {
    return typeInfo();
  }
}
