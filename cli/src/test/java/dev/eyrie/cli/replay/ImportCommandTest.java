package dev.eyrie.cli.replay;

import static dev.eyrie.cli.replay.Cli.capture;
import static dev.eyrie.cli.replay.Cli.importing;
import static dev.eyrie.cli.replay.Cli.replay;
import static dev.eyrie.cli.replay.Cli.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.capture.CaptureReader;
import dev.eyrie.schema.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `eyrie import --to FILE`: an Avro events file holding exactly the capture's events, replayable like it. */
class ImportCommandTest {
  @TempDir Path tmp;

  @Test
  void importedFileHoldsTheCaptureEventsInOrder() throws IOException {
    Path file = tmp.resolve("events.avro");
    Cli.Result r = importing(capture("cat_write"), capture("connect_localhost"), "--to", file.toString());

    assertEquals(0, r.code(), r.err());
    List<Event> expected = new ArrayList<>();
    expected.addAll(decode("cat_write"));
    expected.addAll(decode("connect_localhost"));
    List<Event> actual = new ArrayList<>();
    try (DataFileReader<Event> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(Event.class))) {
      reader.forEach(actual::add);
    }
    assertFalse(expected.isEmpty());
    assertEquals(expected, actual);
    assertTrue(r.err().contains("Imported " + expected.size() + " events from 2 captures to " + file), r.err());
  }

  @Test
  void replayingTheImportedFileGivesTheSameAlertsAsTheCaptures() {
    Path file = tmp.resolve("three.avro");
    String[] captures = {capture("cat_write"), capture("connect_localhost"), capture("psp-write_tmp_test")};
    List<String> importArgs = new ArrayList<>(List.of(captures));
    importArgs.addAll(List.of("--to", file.toString()));
    assertEquals(0, importing(importArgs.toArray(String[]::new)).code());

    for (String mode : List.of("--json", "--rule-matching=all")) {
      List<String> fromCaptures = new ArrayList<>(List.of(mode, "--rules", rules()));
      fromCaptures.addAll(List.of(captures));
      Cli.Result direct = replay(fromCaptures.toArray(String[]::new));
      Cli.Result viaFile = replay(mode, "--rules", rules(), file.toString());

      assertEquals(0, viaFile.code(), viaFile.err());
      assertTrue(direct.lines().size() >= 6, direct.out());
      assertEquals(direct.out(), viaFile.out());
    }
  }

  @Test
  void unreachableKafkaFailsNamingTheBroker() {
    // needs no broker: nothing listens on port 1
    Cli.Result r = importing(capture("cat_write"), "--to", "kafka", "--kafka", "127.0.0.1:1", "--kafka-timeout", "2");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("Kafka at 127.0.0.1:1") && r.err().contains("eyrie.events"), r.err());
  }

  @Test
  void missingCaptureIsNamed() {
    Cli.Result r = importing(tmp.resolve("nope.scap").toString(), "--to", tmp.resolve("x.avro").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("capture not found") && r.err().contains("nope.scap"), r.err());
  }

  @Test
  void aFileThatIsNeitherCaptureNorEventsFileFailsNamingIt() throws IOException {
    Path junk = tmp.resolve("junk.bin");
    Files.writeString(junk, "definitely not a capture");
    Cli.Result r = replay("--rules", rules(), junk.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains(junk + " is neither a scap capture nor an Eyrie Avro events file"), r.err());
  }

  static List<Event> decode(String name) throws IOException {
    try (CaptureReader reader = CaptureReader.open(Path.of(capture(name)))) {
      return reader.events().toList();
    }
  }
}
