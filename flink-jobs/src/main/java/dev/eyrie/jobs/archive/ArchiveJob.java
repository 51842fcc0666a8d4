package dev.eyrie.jobs.archive;

import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.runtime.FailOnceAfter;
import dev.eyrie.jobs.source.EventDecoder;
import dev.eyrie.jobs.source.EventSources;
import dev.eyrie.jobs.source.RawEvent;
import dev.eyrie.jobs.source.RawEventTypeInfo;
import dev.eyrie.schema.Event;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.sink.IcebergSink;

/**
 * The archive job: every event of the events topic → one row of the Iceberg table. Exactly once: the Iceberg
 * sink writes data files continuously and commits them in one table snapshot per completed checkpoint, recording
 * the checkpoint id in the snapshot; after a failure the job resumes from the last checkpoint's Kafka offsets and
 * re-commits only what that checkpoint had not committed. (The sink-v2 {@code IcebergSink}, not the older
 * {@code FlinkSink}: the latter ships data-file metadata between operators through Kryo, which fails on JDK 17
 * without {@code --add-opens java.base/java.nio}.) The source hands over the record bytes undecoded, so the row
 * keeps exactly the bytes the collector sent ({@link ArchiveSchema#EVENT_AVRO}, unless archive.event-bytes is
 * off). Records that do not decode are counted ({@code undecodableEvents}) and skipped: dead letters are left to
 * the detection job, which routes them to the dead-letter topic (two jobs writing them would duplicate them there).
 */
public final class ArchiveJob {
  public static final String DEFAULT_NAME = "eyrie-archive";

  private ArchiveJob() {}

  public static DataStreamSink<RowData> build(StreamExecutionEnvironment env, JobConfig cfg, ArchiveSettings archive) {
    Table table = ArchiveTables.ensure(archive, ArchiveSchema.current());
    Schema schema = table.schema();

    DataStream<RawEvent> events = EventSources.raw(env, cfg);
    if (cfg.fault().enabled()) {
      events = events.map(new FailOnceAfter<RawEvent>(cfg.fault()), RawEventTypeInfo.INSTANCE)
          .name("fault injection (test only)").uid("fault-injection");
    }
    DataStream<RowData> rows = events
        .flatMap(new ToRow(schema, cfg.topics().events(), archive.eventBytes()),
            InternalTypeInfo.of(FlinkSchemaUtil.convert(schema)))
        .name("event → archive row").uid("archive-to-row");
    // no writeParallelism: the writers follow the rows' parallelism, which is the deployment's unless the job's
    // settings name one (JobEnvironments)
    return IcebergSink.forRowData(rows)
        .tableLoader(ArchiveTables.tableLoader(archive))
        .distributionMode(archive.distribution() == ArchiveSettings.Distribution.HASH
            ? DistributionMode.HASH : DistributionMode.NONE)
        .uidSuffix("archive")
        .append();
  }

  static final class ToRow extends RichFlatMapFunction<RawEvent, RowData> {
    private static final long serialVersionUID = 1L;
    private final Schema schema;
    private final String topic;
    private final boolean eventBytes;
    private transient EventToRow convert;
    private transient EventDecoder decoder;
    private transient Counter undecodable;

    ToRow(Schema schema, String topic, boolean eventBytes) {
      this.schema = schema;
      this.topic = topic;
      this.eventBytes = eventBytes;
    }

    @Override
    public void open(OpenContext ctx) {
      convert = new EventToRow(schema);
      decoder = new EventDecoder(topic);
      undecodable = getRuntimeContext().getMetricGroup().counter("undecodableEvents");
    }

    @Override
    public void flatMap(RawEvent raw, Collector<RowData> out) {
      Event e = decoder.decode(raw);
      if (e == null) {
        undecodable.inc();
        return;
      }
      // the row copies what it needs from the reused event; the value array is the Kafka record's own
      out.collect(convert.convert(e, eventBytes ? raw.value : null));
    }
  }
}
