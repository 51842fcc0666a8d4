package dev.eyrie.testinfra;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * Gives tests a real Kafka and Elasticsearch. Each server is obtained once per JVM, from the first source that
 * applies:
 * <ol>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} / {@code ELASTICSEARCH_URL} from the environment;
 *   <li>Testcontainers, when a Docker engine answers;
 *   <li>the project's scripts ({@code scripts/kafka.sh start}, {@code scripts/elasticsearch.sh start}), found via
 *       the {@code eyrie.root} system property or by walking up from the working directory.
 * </ol>
 * Servers started here are left running for later test JVMs (the scripts are idempotent; CI stops them). When a
 * server cannot be had, the test fails under {@code CI=true} and is aborted (reported as skipped) elsewhere, with
 * the reason either way.
 */
public final class RealInfra implements BeforeEachCallback, ParameterResolver {
  private static final Memo<KafkaServer> KAFKA = new Memo<>("Kafka", Sources::kafka);
  private static final Memo<ElasticsearchServer> ELASTICSEARCH = new Memo<>("Elasticsearch", Sources::elasticsearch);

  /** The shared broker; fails or aborts the calling test when there is none. */
  public static KafkaServer kafka() {
    return KAFKA.get();
  }

  /** The shared node; fails or aborts the calling test when there is none. */
  public static ElasticsearchServer elasticsearch() {
    return ELASTICSEARCH.get();
  }

  static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Checked per test, not per class: an aborted class would vanish from the reports, while aborted tests are
   * listed as skipped with the reason. The first check does the work; later ones reuse its outcome.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    require(context.getRequiredTestClass());
    context.getTestMethod().ifPresent(RealInfra::require);
  }

  private static void require(AnnotatedElement element) {
    if (AnnotationSupport.isAnnotated(element, RequiresKafka.class)) {
      kafka();
    }
    if (AnnotationSupport.isAnnotated(element, RequiresElasticsearch.class)) {
      elasticsearch();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KafkaServer.class || type == ElasticsearchServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaServer.class ? kafka() : elasticsearch();
  }

  /** One attempt per JVM: a failure is remembered so that later classes report it without retrying. */
  private static final class Memo<T> {
    private final String name;
    private final Supplier<T> source;
    private T value;
    private String failure;

    Memo(String name, Supplier<T> source) {
      this.name = name;
      this.source = source;
    }

    synchronized T get() {
      if (value == null && failure == null) {
        try {
          value = source.get();
        } catch (RuntimeException e) {
          failure = Optional.ofNullable(e.getMessage()).orElse(e.toString());
        }
      }
      if (value != null) {
        return value;
      }
      String reason = "no real " + name + " for this test: " + failure;
      if (underCi()) {
        throw new IllegalStateException(reason + " (CI=true: integration tests must not skip)");
      }
      throw new TestAbortedException(reason);
    }
  }
}
