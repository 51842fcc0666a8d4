package dev.eyrie.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The current schemas must stay backward compatible (new readers read data of released writers: collectors are
 * upgraded after the jobs) and forward compatible (released readers read new data: jobs may lag) with every
 * released copy.
 */
class SchemaCompatibilityTest {

  static Stream<Arguments> releases() {
    List<Arguments> all = new ArrayList<>();
    SchemaReleases.EVENT.forEach(r -> all.add(Arguments.of(Event.getClassSchema(), r)));
    SchemaReleases.ALERT.forEach(r -> all.add(Arguments.of(Alert.getClassSchema(), r)));
    return all.stream();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("releases")
  void currentSchemaIsBackwardCompatible(Schema current, String release) throws IOException {
    SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current, load(release));
    assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(), () -> describe(result));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("releases")
  void currentSchemaIsForwardCompatible(Schema current, String release) throws IOException {
    SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(load(release), current);
    assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(), () -> describe(result));
  }

  @Test
  void everyReleaseListedInSchemaReleasesShipsInTheJar() {
    assertFalse(SchemaReleases.EVENT.isEmpty());
    assertFalse(SchemaReleases.ALERT.isEmpty());
    Stream.concat(SchemaReleases.EVENT.stream(), SchemaReleases.ALERT.stream())
        .forEach(r -> assertNotNull(SchemaCompatibilityTest.class.getResource(r), r));
  }

  @Test
  void newFieldWithoutDefaultIsCaughtAsBackwardIncompatible() throws IOException {
    Schema released = load(SchemaReleases.EVENT.get(0));
    Schema changed = withField(Event.getClassSchema(), new Schema.Field("tenant", Schema.create(Schema.Type.STRING)));

    SchemaPairCompatibility backward = SchemaCompatibility.checkReaderWriterCompatibility(changed, released);

    assertEquals(SchemaCompatibilityType.INCOMPATIBLE, backward.getType());
    assertTrue(describe(backward).contains("tenant"), describe(backward));
  }

  @Test
  void newFieldWithDefaultIsAccepted() throws IOException {
    Schema released = load(SchemaReleases.EVENT.get(0));
    Schema changed = withField(Event.getClassSchema(),
        new Schema.Field("tenant", Schema.create(Schema.Type.STRING), null, "default"));

    assertEquals(SchemaCompatibilityType.COMPATIBLE,
        SchemaCompatibility.checkReaderWriterCompatibility(changed, released).getType());
    assertEquals(SchemaCompatibilityType.COMPATIBLE,
        SchemaCompatibility.checkReaderWriterCompatibility(released, changed).getType());
  }

  @Test
  void typeChangeIsCaughtBothWays() throws IOException {
    Schema released = load(SchemaReleases.ALERT.get(0));
    Schema changed = withFieldType(Alert.getClassSchema(), "time", Schema.create(Schema.Type.STRING));

    SchemaPairCompatibility backward = SchemaCompatibility.checkReaderWriterCompatibility(changed, released);
    SchemaPairCompatibility forward = SchemaCompatibility.checkReaderWriterCompatibility(released, changed);

    assertEquals(SchemaCompatibilityType.INCOMPATIBLE, backward.getType());
    assertEquals(SchemaCompatibilityType.INCOMPATIBLE, forward.getType());
    assertTrue(describe(forward).contains("/fields/0/type"), describe(forward));
  }

  static Schema load(String resource) throws IOException {
    try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream(resource)) {
      assertNotNull(in, "released schema not on the classpath: " + resource);
      return new Schema.Parser().parse(in);
    }
  }

  private static Schema withField(Schema record, Schema.Field added) {
    List<Schema.Field> fields = copyFields(record);
    fields.add(added);
    return rebuilt(record, fields);
  }

  private static Schema withFieldType(Schema record, String name, Schema type) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : record.getFields()) {
      fields.add(f.name().equals(name) ? new Schema.Field(f.name(), type, f.doc()) : new Schema.Field(f, f.schema()));
    }
    return rebuilt(record, fields);
  }

  private static List<Schema.Field> copyFields(Schema record) {
    List<Schema.Field> fields = new ArrayList<>();
    // a Field belongs to one record; copies are needed to build another
    record.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    return fields;
  }

  private static Schema rebuilt(Schema record, List<Schema.Field> fields) {
    return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
  }

  private static String describe(SchemaPairCompatibility result) {
    StringBuilder text = new StringBuilder(result.getDescription());
    result.getResult().getIncompatibilities().forEach(i -> text.append("\n  ").append(i.getType()).append(" at ")
        .append(i.getLocation()).append(": ").append(i.getMessage()));
    return text.toString();
  }
}
