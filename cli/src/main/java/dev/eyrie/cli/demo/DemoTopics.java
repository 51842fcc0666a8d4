package dev.eyrie.cli.demo;

import dev.eyrie.jobs.config.TopicSettings;
import dev.eyrie.jobs.rules.RulesTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics the demo's jobs read and write, when missing; existing ones are used as they are. */
final class DemoTopics {
  private DemoTopics() {}

  /** Returns the topics it created (empty on a second run). */
  static List<String> ensure(Properties kafka, TopicSettings topics) throws InterruptedException {
    List<String> created = new ArrayList<>();
    try (Admin admin = Admin.create(kafka)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      // one partition each: a single host and a parallelism-1 job gain nothing from more
      for (String t : List.of(topics.events(), topics.alerts(), topics.deadLetter())) {
        if (!existing.contains(t)) {
          missing.add(new NewTopic(t, 1, (short) -1));
          created.add(t);
        }
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("creating topics " + topics.events() + ", " + topics.alerts() + ", "
          + topics.deadLetter() + " at " + kafka.getProperty("bootstrap.servers") + " failed: " + e, e);
    }
    RulesTopics.ensure(kafka, topics.rules(), topics.rulesStatus());
    return created;
  }
}
