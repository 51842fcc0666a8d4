package dev.eyrie.jobs.sink.elasticsearch;

import dev.eyrie.jobs.config.ElasticsearchSettings;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends buffered documents as bulk index requests.
 *
 * <p>Failure policy: an item answered with 429 or 5xx, and a whole request that failed in transport (connection
 * refused, timeout, 429/5xx for the request), is retried with exponential backoff and jitter, indefinitely — the
 * buffer then fills and back-pressure slows the job rather than dropping alerts. A request rejected as a whole
 * with another 4xx (bad credentials, missing privileges) fails the job: no retry can fix it. An item rejected
 * with another 4xx (a document the mapping refuses) is permanent: it is logged with its id and reason and
 * counted in the {@code esPermanentFailures} metric; with {@code elasticsearch.fail-on-permanent-error} it fails
 * the job instead. Kafka holds every alert regardless, so a dropped document can be re-indexed from there.
 */
final class ElasticsearchSinkWriter<IN> extends AsyncSinkWriter<IN, EsDocument> {
  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

  private final ElasticsearchSettings settings;
  private final RestClient rest;
  private final ElasticsearchAsyncClient client;
  private final ScheduledExecutorService backoff;
  private final Counter permanentFailures;
  private final Counter retries;

  ElasticsearchSinkWriter(
      ElementConverter<IN, EsDocument> converter,
      WriterInitContext context,
      AsyncSinkWriterConfiguration config,
      Collection<BufferedRequestState<EsDocument>> restored,
      ElasticsearchSettings settings,
      EsStartup startup) {
    super(converter, context, config, restored);
    this.settings = settings;
    this.rest = EsClients.restClient(settings);
    startup.run(rest);
    this.client = EsClients.asyncClient(rest);
    this.backoff = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "es-sink-backoff");
      t.setDaemon(true);
      return t;
    });
    this.permanentFailures = context.metricGroup().counter("esPermanentFailures");
    this.retries = context.metricGroup().counter("esRetriedDocuments");
  }

  @Override
  protected void submitRequestEntries(List<EsDocument> docs, ResultHandler<EsDocument> result) {
    List<BulkOperation> ops = new ArrayList<>(docs.size());
    for (EsDocument d : docs) {
      BinaryData body = BinaryData.of(d.source(), ContentType.APPLICATION_JSON);
      ops.add(BulkOperation.of(o -> o.index(i -> i.index(d.index()).id(d.id()).document(body))));
    }
    client.bulk(BulkRequest.of(b -> b.operations(ops)))
        .whenComplete((response, error) -> {
          try {
            if (error != null) {
              onRequestFailure(docs, unwrap(error), result);
            } else {
              onResponse(docs, response, result);
            }
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
  }

  private void onResponse(List<EsDocument> docs, BulkResponse response, ResultHandler<EsDocument> result) {
    if (!response.errors()) {
      result.complete();
      return;
    }
    List<BulkResponseItem> items = response.items();
    List<EsDocument> again = new ArrayList<>();
    String firstTransient = null;
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      if (item.error() == null) {
        continue;
      }
      EsDocument doc = docs.get(i);
      if (transientStatus(item.status())) {
        again.add(doc.retried());
        if (firstTransient == null) {
          firstTransient = item.status() + " " + item.error().type() + ": " + item.error().reason();
        }
        continue;
      }
      String reason = item.status() + " " + item.error().type() + ": " + item.error().reason();
      permanentFailures.inc();
      LOG.warn("Elasticsearch rejected document {} in index {} permanently: {}", doc.id(), doc.index(), reason);
      if (settings.failOnPermanentError()) {
        getFatalExceptionCons().accept(new EsPermanentFailureException(
            "Elasticsearch rejected document " + doc.id() + " in " + doc.index() + ": " + reason));
        return;
      }
    }
    if (!again.isEmpty()) {
      LOG.warn("{} of {} documents to {} failed transiently, will retry (first: {})", again.size(), docs.size(),
          settings.urls(), firstTransient);
    }
    retryLater(again, result);
  }

  private void onRequestFailure(List<EsDocument> docs, Throwable error, ResultHandler<EsDocument> result) {
    int status = error instanceof ElasticsearchException ee ? ee.status()
        : error instanceof TransportException te ? te.statusCode() : -1;
    boolean transientError = status <= 0 || transientStatus(status) || error instanceof IOException;
    if (!transientError) {
      getFatalExceptionCons().accept(new EsPermanentFailureException(
          "Elasticsearch refused a bulk request of " + docs.size() + " documents (HTTP " + status + ", "
              + settings.urls() + "): " + error.getMessage(), error));
      return;
    }
    LOG.warn("bulk request of {} documents to {} failed, will retry: {}", docs.size(), settings.urls(),
        error.toString());
    List<EsDocument> again = new ArrayList<>(docs.size());
    for (EsDocument d : docs) {
      again.add(d.retried());
    }
    retryLater(again, result);
  }

  private void retryLater(List<EsDocument> again, ResultHandler<EsDocument> result) {
    if (again.isEmpty()) {
      result.complete();
      return;
    }
    retries.inc(again.size());
    int attempt = again.stream().mapToInt(EsDocument::attempt).max().orElse(1);
    long delay = backoffMillis(attempt, settings.retryBackoffInitial(), settings.retryBackoffMax());
    backoff.schedule(() -> result.retryForEntries(again), delay, TimeUnit.MILLISECONDS);
  }

  /** Exponential in the attempt number, capped, with "equal jitter" so writers do not retry in lockstep. */
  static long backoffMillis(int attempt, Duration initial, Duration max) {
    long base = initial.toMillis() << Math.min(20, Math.max(0, attempt - 1));
    long capped = Math.min(max.toMillis(), Math.max(1, base));
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }

  static boolean transientStatus(int status) {
    return status == 429 || status >= 500;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  protected long getSizeInBytes(EsDocument d) {
    return d.source().length + d.id().length() + d.index().length();
  }

  @Override
  public void close() {
    backoff.shutdownNow();
    try {
      rest.close();
    } catch (IOException e) {
      LOG.warn("closing the Elasticsearch client failed", e);
    }
    super.close();
  }
}
