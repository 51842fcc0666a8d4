package dev.eyrie.jobs.sink.elasticsearch;

import dev.eyrie.jobs.config.ElasticsearchSettings;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds Elasticsearch clients from settings: hosts, basic auth or API key, TLS with an optional private CA. */
public final class EsClients {
  private EsClients() {}

  public static RestClient restClient(ElasticsearchSettings s) {
    if (s.urls().isEmpty()) {
      throw new IllegalArgumentException("elasticsearch.url is empty");
    }
    HttpHost[] hosts = s.urls().stream().map(EsClients::host).toArray(HttpHost[]::new);
    RestClientBuilder b = RestClient.builder(hosts);
    if (s.apiKey() != null) {
      b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + s.apiKey())});
    }
    SSLContext ssl = s.caCertPath() == null ? null : sslTrusting(Path.of(s.caCertPath()));
    b.setHttpClientConfigCallback(http -> {
      if (s.username() != null) {
        BasicCredentialsProvider creds = new BasicCredentialsProvider();
        creds.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(s.username(), s.password()));
        http.setDefaultCredentialsProvider(creds);
      }
      if (ssl != null) {
        http.setSSLContext(ssl);
      }
      return http;
    });
    b.setRequestConfigCallback(rc -> rc
        .setConnectTimeout(10_000)
        .setSocketTimeout((int) Math.min(Integer.MAX_VALUE, s.requestTimeout().toMillis())));
    return b.build();
  }

  public static ElasticsearchAsyncClient asyncClient(RestClient rest) {
    return new ElasticsearchAsyncClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
  }

  static HttpHost host(String url) {
    URI u = URI.create(url);
    if (u.getHost() == null || u.getScheme() == null) {
      throw new IllegalArgumentException("elasticsearch.url '" + url + "' is not a URL like http://host:9200");
    }
    int port = u.getPort() != -1 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 9200);
    return new HttpHost(u.getHost(), port, u.getScheme());
  }

  /** Trusts exactly the CA certificate(s) in a PEM file: the usual setup for a cluster with its own CA. */
  static SSLContext sslTrusting(Path caPem) {
    try (InputStream in = Files.newInputStream(caPem)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new IllegalArgumentException("elasticsearch.ca-cert " + caPem + " holds no certificate");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException("reading elasticsearch.ca-cert " + caPem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("elasticsearch.ca-cert " + caPem + " is not a usable PEM certificate: " + e, e);
    }
  }
}
