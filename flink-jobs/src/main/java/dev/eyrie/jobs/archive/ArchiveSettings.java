package dev.eyrie.jobs.archive;

import dev.eyrie.jobs.config.Settings;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the event archive lives and how it is laid out. Catalog {@code hadoop} (default) keeps table metadata as
 * files under {@code warehouse} (a local path, {@code hdfs://} or {@code s3a://}); {@code rest} and {@code hive}
 * talk to a catalog service at {@code catalog.uri}. {@code catalog.properties.*} pass through unchanged to the
 * Iceberg catalog (e.g. {@code io-impl}, {@code s3.endpoint}, {@code credential}), {@code hadoop.*} to the
 * Hadoop configuration (e.g. {@code fs.s3a.endpoint}), {@code table-properties.*} to the table when created.
 * {@code event-bytes} (default true): also keep each event's Avro bytes in {@link ArchiveSchema#EVENT_AVRO}, which
 * lets the backfill read one column instead of all of them, for more storage.
 */
public record ArchiveSettings(
    CatalogType catalogType,
    String catalogName,
    String catalogUri,
    String warehouse,
    Map<String, String> catalogProperties,
    Map<String, String> hadoopProperties,
    String namespace,
    String table,
    int hostBuckets,
    Distribution distribution,
    Map<String, String> tableProperties,
    Duration retention,
    Duration snapshotMaxAge,
    boolean eventBytes) implements Serializable {

  public enum CatalogType { HADOOP, REST, HIVE }

  /** How rows reach the writers: as they come (no shuffle), or hashed by partition (fewer, larger files). */
  public enum Distribution { NONE, HASH }

  public static final String DEFAULT_WAREHOUSE = ".eyrie/warehouse";

  public ArchiveSettings {
    catalogProperties = Map.copyOf(catalogProperties);
    hadoopProperties = Map.copyOf(hadoopProperties);
    tableProperties = Map.copyOf(tableProperties);
    if (hostBuckets < 1) {
      throw new IllegalArgumentException("archive.host-buckets must be >= 1, is " + hostBuckets);
    }
    if (catalogType != CatalogType.HADOOP && catalogUri == null) {
      throw new IllegalArgumentException("archive.catalog.type " + catalogType.name().toLowerCase()
          + " needs archive.catalog.uri (the catalog service address)");
    }
  }

  public static ArchiveSettings from(Settings s) {
    CatalogType type = s.enumValue("archive.catalog.type", CatalogType.class, CatalogType.HADOOP);
    String warehouse = s.string("archive.warehouse", type == CatalogType.HADOOP ? DEFAULT_WAREHOUSE : null);
    return new ArchiveSettings(
        type,
        s.string("archive.catalog.name", "eyrie"),
        s.optional("archive.catalog.uri"),
        warehouse == null ? null : absoluteIfLocal(warehouse),
        map(s.withPrefix("archive.catalog.properties.")),
        map(s.withPrefix("archive.hadoop.")),
        s.string("archive.namespace", "eyrie"),
        s.string("archive.table", "events"),
        s.integer("archive.host-buckets", 16),
        s.enumValue("archive.write.distribution", Distribution.class, Distribution.NONE),
        map(s.withPrefix("archive.table-properties.")),
        s.duration("archive.retention", Duration.ofDays(30)),
        s.duration("archive.snapshot-max-age", Duration.ofHours(24)),
        s.bool("archive.event-bytes", true));
  }

  /** A plain path means the local file system; resolved now so the job and the CLI agree on it. */
  static String absoluteIfLocal(String warehouse) {
    if (warehouse.contains("://") || warehouse.startsWith("file:")) {
      return warehouse;
    }
    return Path.of(warehouse).toAbsolutePath().normalize().toString();
  }

  private static Map<String, String> map(Properties p) {
    Map<String, String> m = new TreeMap<>();
    p.forEach((k, v) -> m.put(k.toString(), v.toString()));
    return m;
  }

  public String qualifiedTable() {
    return catalogName + "." + namespace + "." + table;
  }
}
