package dev.eyrie.jobs.sink.elasticsearch;

import dev.eyrie.jobs.config.ElasticsearchSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the alerts index template (explicit mappings) and creates the index, at job start and before the
 * first document: an index auto-created by a bulk request would otherwise get dynamic mappings for good.
 */
public final class AlertIndexTemplate {
  private static final Logger LOG = LoggerFactory.getLogger(AlertIndexTemplate.class);
  private static final String RESOURCE = "alerts-template.json";

  private AlertIndexTemplate() {}

  public static String body(String index) {
    try (InputStream in = AlertIndexTemplate.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("index template resource " + RESOURCE + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@INDEX@", index);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void install(ElasticsearchSettings settings) {
    try (RestClient rest = EsClients.restClient(settings)) {
      install(rest, settings.index());
    } catch (IOException e) {
      throw new UncheckedIOException("closing the Elasticsearch client", e);
    }
  }

  public static void install(RestClient rest, String index) {
    String name = index + "-template";
    Request put = new Request("PUT", "/_index_template/" + name);
    put.setJsonEntity(body(index));
    perform(rest, put, "installing index template " + name);
    Request exists = new Request("HEAD", "/" + index);
    exists.addParameter("ignore_unavailable", "false");
    if (status(rest, exists) == 404) {
      Request create = new Request("PUT", "/" + index);
      try {
        rest.performRequest(create);
        LOG.info("created Elasticsearch index {}", index);
      } catch (ResponseException e) {
        // another job instance created it between HEAD and PUT
        if (!responseBody(e.getResponse()).contains("resource_already_exists_exception")) {
          throw new IllegalStateException("creating index " + index + " failed: " + responseBody(e.getResponse()), e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("creating index " + index + " at " + rest.getNodes(), e);
      }
    }
    LOG.info("Elasticsearch index template {} installed for index {}", name, index);
  }

  private static void perform(RestClient rest, Request req, String what) {
    try {
      rest.performRequest(req);
    } catch (ResponseException e) {
      throw new IllegalStateException(what + " failed: " + responseBody(e.getResponse()), e);
    } catch (IOException e) {
      throw new UncheckedIOException(what + " failed: cannot reach Elasticsearch at " + rest.getNodes(), e);
    }
  }

  private static int status(RestClient rest, Request req) {
    try {
      Response r = rest.performRequest(req);
      return r.getStatusLine().getStatusCode();
    } catch (ResponseException e) {
      return e.getResponse().getStatusLine().getStatusCode();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach Elasticsearch at " + rest.getNodes(), e);
    }
  }

  private static String responseBody(Response r) {
    try {
      return r.getStatusLine() + " " + (r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity()));
    } catch (IOException e) {
      return r.getStatusLine().toString();
    }
  }
}
