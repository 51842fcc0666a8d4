package dev.eyrie.jobs.rules;

import java.nio.charset.StandardCharsets;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Rules topic record → (offset, JSON text); parsed later, where a bad record can be reported as rejected. The
 * offset orders rulesets: a job never goes back to one older than the one it runs. Tombstones (compaction
 * deletes) carry no ruleset and are skipped.
 */
public final class RulesetDeserializer implements KafkaRecordDeserializationSchema<Tuple2<Long, String>> {
  private static final long serialVersionUID = 1L;

  public static final TypeInformation<Tuple2<Long, String>> TYPE = Types.TUPLE(Types.LONG, Types.STRING);

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Tuple2<Long, String>> out) {
    if (record.value() != null) {
      out.collect(Tuple2.of(record.offset(), new String(record.value(), StandardCharsets.UTF_8)));
    }
  }

  @Override
  public TypeInformation<Tuple2<Long, String>> getProducedType() {
    return TYPE;
  }
}
