package dev.eyrie.jobs.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Kafka record → {@link RawEvent}: no decoding here, the consuming operator decodes ({@link EventDecoder}). */
public final class RawEventDeserializer implements KafkaRecordDeserializationSchema<RawEvent> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out) {
    out.collect(new RawEvent(record.value(), record.key(), record.partition(), record.offset(), record.timestamp()));
  }

  @Override
  public TypeInformation<RawEvent> getProducedType() {
    return RawEventTypeInfo.INSTANCE;
  }
}
