package dev.eyrie.jobs.sink.elasticsearch;

import dev.eyrie.jobs.config.ElasticsearchSettings;

import java.util.Collection;
import java.util.List;

import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Elasticsearch sink on Flink's AsyncSinkBase with the official Java client (the Flink ES 8 connector does not
 * resolve here). At-least-once: a checkpoint waits until every buffered document is acknowledged, and the
 * documents' deterministic ids make a resend an overwrite, so the index holds each document once.
 */
public final class ElasticsearchSink<IN> extends AsyncSinkBase<IN, EsDocument> {
  private static final long serialVersionUID = 1L;
  private static final long MAX_RECORD_BYTES = 10L * 1024 * 1024;

  private final ElasticsearchSettings settings;
  private final EsStartup startup;

  public ElasticsearchSink(
      ElementConverter<IN, EsDocument> converter, ElasticsearchSettings settings, EsStartup startup) {
    super(converter,
        settings.maxBatchSize(),
        settings.maxInFlightRequests(),
        settings.maxBufferedRequests(),
        // bulk bodies well under Elasticsearch's 100 MB http.max_content_length
        20L * 1024 * 1024,
        settings.maxTimeInBuffer().toMillis(),
        MAX_RECORD_BYTES,
        settings.requestTimeout().toMillis(),
        false);
    this.settings = settings;
    this.startup = startup;
  }

  /** The alerts sink: installs the alert index template on start, then indexes by alert_id. */
  public static ElasticsearchSink<dev.eyrie.schema.Alert> forAlerts(ElasticsearchSettings settings) {
    String index = settings.index();
    EsStartup installTemplate = settings.installTemplate()
        ? new InstallAlertTemplate(index)
        : EsStartup.NONE;
    return new ElasticsearchSink<>(new AlertDocumentConverter(index), settings, installTemplate);
  }

  private record InstallAlertTemplate(String index) implements EsStartup {
    @Override
    public void run(org.elasticsearch.client.RestClient client) {
      AlertIndexTemplate.install(client, index);
    }
  }

  @Override
  public StatefulSinkWriter<IN, BufferedRequestState<EsDocument>> createWriter(WriterInitContext context) {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<IN, BufferedRequestState<EsDocument>> restoreWriter(
      WriterInitContext context, Collection<BufferedRequestState<EsDocument>> restored) {
    AsyncSinkWriterConfiguration config = AsyncSinkWriterConfiguration.builder()
        .setMaxBatchSize(getMaxBatchSize())
        .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
        .setMaxInFlightRequests(getMaxInFlightRequests())
        .setMaxBufferedRequests(getMaxBufferedRequests())
        .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
        .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
        .setRequestTimeoutMS(getRequestTimeoutMS())
        .setFailOnTimeout(getFailOnTimeout())
        .build();
    return new ElasticsearchSinkWriter<>(getElementConverter(), context, config, restored, settings, startup);
  }

  @Override
  public SimpleVersionedSerializer<BufferedRequestState<EsDocument>> getWriterStateSerializer() {
    return new EsDocumentStateSerializer();
  }
}
