package dev.eyrie.cli.demo;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.status.StatusLogger;

/** Sends the components' logs to a file, so the terminal shows the demo's lines and the alerts. */
final class DemoLogging {
  private DemoLogging() {}

  static void toFile(Path log) {
    URL config = DemoLogging.class.getResource("demo-log4j2.xml");
    if (config == null) {
      return; // logging stays as the CLI configures it: noisier, nothing lost
    }
    System.setProperty("eyrie.demo.log", log.toString());
    try {
      Configurator.reconfigure(config.toURI());
      // log4j's own warnings (e.g. on Flink's log calls with one argument too many) would reach the terminal
      StatusLogger.getLogger().getFallbackListener().setLevel(Level.ERROR);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad log configuration resource " + config, e);
    }
  }
}
