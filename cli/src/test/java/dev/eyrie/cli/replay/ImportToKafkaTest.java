package dev.eyrie.cli.replay;

import static dev.eyrie.cli.replay.Cli.capture;
import static dev.eyrie.cli.replay.Cli.importing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;
import dev.eyrie.testinfra.KafkaServer;
import dev.eyrie.testinfra.RequiresKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** `eyrie import --to kafka:TOPIC` against a real broker: WireCodec values keyed by host id, per-host order kept. */
@RequiresKafka
class ImportToKafkaTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void capturesLandOnTheTopicAsWireEncodedEventsKeyedByHost(KafkaServer kafka) throws Exception {
    String topic = kafka.createTopic("import", 3);
    List<Event> expected = new ArrayList<>(ImportCommandTest.decode("cat_write"));
    expected.addAll(ImportCommandTest.decode("psp-write_tmp_test"));

    Cli.Result r = importing(capture("cat_write"), capture("psp-write_tmp_test"), "--to", "kafka:" + topic,
        "--kafka", kafka.bootstrapServers());

    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("Imported " + expected.size() + " events from 2 captures to Kafka "
        + kafka.bootstrapServers() + " topic " + topic), r.err());
    List<ConsumerRecord<byte[], byte[]>> records = kafka.consume(topic, expected.size(), WAIT);
    List<Event> received = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> rec : records) {
      Event e = WireCodec.events().decode(rec.value(), null);
      assertEquals(e.getHost().getId(), new String(rec.key(), StandardCharsets.UTF_8));
      received.add(e);
    }
    // one key per host means one partition per host: order within a host survives, across partitions it may not
    Comparator<Event> byId = Comparator.comparing(Event::getEventId);
    assertEquals(sorted(expected, byId), sorted(received, byId));
    for (String host : expected.stream().map(e -> e.getHost().getId()).distinct().toList()) {
      assertEquals(expected.stream().filter(e -> e.getHost().getId().equals(host)).toList(),
          received.stream().filter(e -> e.getHost().getId().equals(host)).toList());
    }
  }

  private static List<Event> sorted(List<Event> events, Comparator<Event> order) {
    List<Event> copy = new ArrayList<>(events);
    copy.sort(order);
    return copy;
  }
}
