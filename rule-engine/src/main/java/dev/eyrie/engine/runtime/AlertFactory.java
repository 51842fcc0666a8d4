package dev.eyrie.engine.runtime;

import dev.eyrie.schema.Alert;
import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.EventRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link Alert}s in Falco's output shape: the text and fields Falco would print ({@link FalcoAlertText}).
 * The alert id is deterministic — the first 128 bits of SHA-256 over kind, rule name and the contributing event
 * ids — so a replay or backfill of the same events yields the same id and sinks can de-duplicate on it.
 */
public final class AlertFactory {
  private AlertFactory() {}

  /** An EVENT_RULE alert for a single-event match, its time prefix in UTC (the central jobs). */
  public static Alert eventAlert(Match m, String rulesetVersion) {
    return eventAlert(m, rulesetVersion, FalcoAlertText.CENTRAL_ZONE);
  }

  /** As above with the time prefix in {@code zone} ({@code eyrie replay} prints local time, like Falco). */
  public static Alert eventAlert(Match m, String rulesetVersion, ZoneId zone) {
    Event e = m.event();
    List<EventRef> refs = List.of(ref(e, null));
    return Alert.newBuilder()
        .setTime(e.getTs())
        .setRule(m.ruleName())
        .setPriority(m.priority().falcoName())
        .setOutput(FalcoAlertText.line(e.getTs(), zone, m.priority().falcoName(), m.output()))
        .setOutputFields(FalcoAlertText.withEvtTime(m.outputFields(), e.getTs()))
        .setSource(m.source() == null ? "syscall" : m.source())
        .setTags(new ArrayList<>(m.tags()))
        .setHostname(e.getHost().getHostname())
        .setAlertId(alertId(AlertKind.EVENT_RULE, m.ruleName(), List.of(e.getEventId())))
        .setKind(AlertKind.EVENT_RULE)
        .setRulesetVersion(rulesetVersion == null ? "" : rulesetVersion)
        .setBackfillRunId(null)
        .setEvents(refs)
        .build();
  }

  /** Reference to a contributing event; {@code step} names the sequence step (null for per-event rules). */
  public static EventRef ref(Event e, String step) {
    return EventRef.newBuilder()
        .setEventId(e.getEventId())
        .setHostId(e.getHost().getId())
        .setHostname(e.getHost().getHostname())
        .setTs(e.getTs())
        .setStep(step)
        .build();
  }

  /**
   * 32 lower-case hex chars: SHA-256 over {@code kind \0 rule \0 id1 \0 id2 ...}, truncated to 128 bits. The
   * separators keep ("a", "bc") and ("ab", "c") apart.
   */
  public static String alertId(AlertKind kind, String rule, List<String> eventIds) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 unavailable", ex);
    }
    md.update(kind.name().getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(rule.getBytes(StandardCharsets.UTF_8));
    for (String id : eventIds) {
      md.update((byte) 0);
      md.update(id.getBytes(StandardCharsets.UTF_8));
    }
    byte[] d = md.digest();
    StringBuilder sb = new StringBuilder(32);
    for (int i = 0; i < 16; i++) {
      sb.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
    }
    return sb.toString();
  }
}
