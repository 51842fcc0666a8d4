package dev.eyrie.jobs.sink.elasticsearch;

import dev.eyrie.schema.Alert;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** Alert → indexable document with {@code _id} = alert_id. */
public final class AlertDocumentConverter implements ElementConverter<Alert, EsDocument> {
  private static final long serialVersionUID = 1L;
  private final String index;

  public AlertDocumentConverter(String index) {
    this.index = index;
  }

  @Override
  public EsDocument apply(Alert alert, SinkWriter.Context context) {
    return new EsDocument(index, alert.getAlertId(), AlertDocument.toBytes(alert), 0);
  }
}
