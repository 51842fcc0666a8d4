package dev.eyrie.jobs.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.jobs.sink.kafka.DeadLetterRecordSerializer;
import dev.eyrie.jobs.testing.MiniClusters;
import dev.eyrie.jobs.testing.TestEvents;
import dev.eyrie.jobs.testing.TestJobs;
import dev.eyrie.schema.WireCodec;
import dev.eyrie.testinfra.KafkaServer;
import dev.eyrie.testinfra.RequiresKafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresKafka
class DeadLetterIT {
  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

  @Test
  void undecodableRecordsGoToTheDeadLetterTopicWithTheirOriginAndTheJobKeepsRunning(KafkaServer kafka)
      throws Exception {
    TestJobs.Topics t = TestJobs.topics(kafka, 1);
    JobClient job = TestJobs.start(TestJobs.config(TestJobs.settings(kafka, t, null, null)));
    try {
      byte[] good = WireCodec.events().encode(TestEvents.open("h1", 1, "cat", "/etc/passwd"));
      byte[] truncated = Arrays.copyOf(good, good.length / 2);
      byte[] otherFingerprint = good.clone();
      otherFingerprint[5] ^= 0x5a;
      byte[] text = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
      // offsets 0..4: good, truncated, good, unknown fingerprint, JSON text
      kafka.produce(t.events(), List.of(good, truncated, good, otherFingerprint, text));

      List<ConsumerRecord<byte[], byte[]>> dead = kafka.consume(t.deadLetter(), 3, Duration.ofSeconds(120));
      assertEquals(List.of(1L, 3L, 4L), dead.stream().map(r -> Long.parseLong(header(r, DeadLetterRecordSerializer.SOURCE_OFFSET))).toList());
      for (ConsumerRecord<byte[], byte[]> r : dead) {
        assertEquals(t.events(), header(r, DeadLetterRecordSerializer.SOURCE_TOPIC));
        assertEquals("0", header(r, DeadLetterRecordSerializer.SOURCE_PARTITION));
      }
      assertTrue(header(dead.get(0), DeadLetterRecordSerializer.REASON).startsWith("corrupt event body"),
          header(dead.get(0), DeadLetterRecordSerializer.REASON));
      assertTrue(header(dead.get(1), DeadLetterRecordSerializer.REASON).startsWith("unknown event schema fingerprint"),
          header(dead.get(1), DeadLetterRecordSerializer.REASON));
      assertTrue(header(dead.get(2), DeadLetterRecordSerializer.REASON).startsWith("not an Avro single-object event"),
          header(dead.get(2), DeadLetterRecordSerializer.REASON));
      assertArrayEquals(truncated, dead.get(0).value());
      assertArrayEquals(text, dead.get(2).value());

      // still up: later garbage is handled too
      kafka.produce(t.events(), List.of(new byte[] {1, 2, 3}));
      List<ConsumerRecord<byte[], byte[]>> more = kafka.consume(t.deadLetter(), 4, Duration.ofSeconds(120));
      assertEquals("5", header(more.get(3), DeadLetterRecordSerializer.SOURCE_OFFSET));
      assertEquals(JobStatus.RUNNING, job.getJobStatus().get());
    } finally {
      TestJobs.stop(job);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
