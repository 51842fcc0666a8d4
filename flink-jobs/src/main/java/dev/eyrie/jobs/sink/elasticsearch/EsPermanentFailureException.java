package dev.eyrie.jobs.sink.elasticsearch;

/** Elasticsearch refused something no retry can fix; see the failure policy in ElasticsearchSinkWriter. */
public final class EsPermanentFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EsPermanentFailureException(String message) {
    super(message);
  }

  public EsPermanentFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
