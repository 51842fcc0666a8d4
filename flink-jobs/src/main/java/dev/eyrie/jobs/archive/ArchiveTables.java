package dev.eyrie.jobs.archive;

import java.util.HashMap;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the archive's catalog and table: creates the table on first use, evolves its schema after that. */
public final class ArchiveTables {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveTables.class);

  /**
   * The backfill decides from the value and null counts of the event-bytes column whether a file can be read
   * through it; explicit so they are kept however many columns the table grows (Iceberg keeps metrics for only the
   * first 100 by default), and counts only, because min/max of opaque bytes prune nothing.
   */
  static final String EVENT_AVRO_METRICS = TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + ArchiveSchema.EVENT_AVRO;

  private ArchiveTables() {}

  public static CatalogLoader catalogLoader(ArchiveSettings s) {
    Configuration hadoop = new Configuration();
    s.hadoopProperties().forEach(hadoop::set);
    Map<String, String> props = new HashMap<>(s.catalogProperties());
    if (s.warehouse() != null) {
      props.putIfAbsent("warehouse", s.warehouse());
    }
    if (s.catalogUri() != null) {
      props.putIfAbsent("uri", s.catalogUri());
    }
    return switch (s.catalogType()) {
      case HADOOP -> CatalogLoader.hadoop(s.catalogName(), hadoop, props);
      case REST -> CatalogLoader.rest(s.catalogName(), hadoop, props);
      // needs the Hive metastore client jars on the classpath (not bundled: they drag in most of Hive)
      case HIVE -> CatalogLoader.hive(s.catalogName(), hadoop, props);
    };
  }

  public static TableIdentifier identifier(ArchiveSettings s) {
    return TableIdentifier.of(Namespace.of(s.namespace()), s.table());
  }

  public static TableLoader tableLoader(ArchiveSettings s) {
    return TableLoader.fromCatalog(catalogLoader(s), identifier(s));
  }

  /** The existing table, or null when there is none yet (a backfill over nothing). */
  public static Table loadIfExists(ArchiveSettings s) {
    Catalog catalog = catalogLoader(s).loadCatalog();
    TableIdentifier id = identifier(s);
    return catalog.tableExists(id) ? catalog.loadTable(id) : null;
  }

  /**
   * Creates the table for {@code desired} (Parquet, partitioned by event hour and host bucket) or, when it exists,
   * adds the columns {@code desired} has and the table lacks (Avro fields added with a default become optional
   * columns; old files read them as null, which {@link RowToEvent} turns back into the Avro default).
   */
  public static Table ensure(ArchiveSettings s, Schema desired) {
    Catalog catalog = catalogLoader(s).loadCatalog();
    TableIdentifier id = identifier(s);
    if (!catalog.tableExists(id)) {
      if (catalog instanceof SupportsNamespaces ns && !ns.namespaceExists(id.namespace())) {
        try {
          ns.createNamespace(id.namespace());
        } catch (AlreadyExistsException raced) {
          // another job created it first
        }
      }
      Map<String, String> props = new HashMap<>();
      props.put(TableProperties.FORMAT_VERSION, "2");
      props.put(TableProperties.DEFAULT_FILE_FORMAT, "parquet");
      props.put(TableProperties.PARQUET_COMPRESSION, "zstd");
      // a commit per checkpoint: keep the metadata history bounded
      props.put(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true");
      props.put(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "50");
      props.put(EVENT_AVRO_METRICS, "counts");
      props.putAll(s.tableProperties());
      PartitionSpec spec = ArchiveSchema.partitionSpec(desired, s.hostBuckets());
      try {
        Table t = catalog.createTable(id, desired, spec, props);
        LOG.info("created archive table {} at {} partitioned by {}", s.qualifiedTable(), t.location(), t.spec());
        return t;
      } catch (AlreadyExistsException raced) {
        LOG.info("archive table {} was created concurrently; using it", s.qualifiedTable());
      }
    }
    Table t = catalog.loadTable(id);
    UpdateSchema update = t.updateSchema().unionByNameWith(desired);
    Schema evolved = update.apply();
    if (!evolved.sameSchema(t.schema())) {
      update.commit();
      LOG.info("archive table {} schema evolved to follow the Avro schema: {}", s.qualifiedTable(), evolved);
      t.refresh();
    }
    if (!t.properties().containsKey(EVENT_AVRO_METRICS)) {
      t.updateProperties().set(EVENT_AVRO_METRICS, "counts").commit();
      t.refresh();
    }
    return t;
  }
}
