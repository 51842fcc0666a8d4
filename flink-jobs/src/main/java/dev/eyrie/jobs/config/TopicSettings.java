package dev.eyrie.jobs.config;

import java.io.Serializable;

public record TopicSettings(String events, String alerts, String deadLetter, String rules, String rulesStatus)
    implements Serializable {

  static TopicSettings from(Settings s) {
    return new TopicSettings(
        s.string("topics.events", "eyrie.events"),
        s.string("topics.alerts", "eyrie.alerts"),
        s.string("topics.dead-letter", "eyrie.events.dead-letter"),
        s.string("topics.rules", "eyrie.rules"),
        s.string("topics.rules-status", "eyrie.rules.status"));
  }
}
