package dev.eyrie.jobs.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the rules topic (one partition so every reader sees rulesets in publish order; compacted so only the
 * latest ruleset is kept) and the rules-status topic, when missing.
 */
public final class RulesTopics {
  /** Large enough for the three official Falco files and more, uncompressed. */
  public static final int MAX_RULESET_BYTES = 16 * 1024 * 1024;

  private RulesTopics() {}

  public static void ensure(Properties clientConfig, String rulesTopic, String statusTopic) {
    try (Admin admin = Admin.create(clientConfig)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> create = new ArrayList<>();
      if (!existing.contains(rulesTopic)) {
        create.add(new NewTopic(rulesTopic, 1, (short) -1).configs(Map.of(
            "cleanup.policy", "compact",
            "max.message.bytes", Integer.toString(MAX_RULESET_BYTES))));
      }
      if (statusTopic != null && !existing.contains(statusTopic)) {
        create.add(new NewTopic(statusTopic, 1, (short) -1));
      }
      if (create.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("creating topics " + rulesTopic + ", " + statusTopic + " at "
          + clientConfig.getProperty("bootstrap.servers") + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating rules topics", e);
    }
  }
}
