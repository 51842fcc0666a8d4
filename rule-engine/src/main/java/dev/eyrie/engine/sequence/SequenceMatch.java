package dev.eyrie.engine.sequence;

import dev.eyrie.engine.runtime.AlertFactory;
import dev.eyrie.engine.runtime.FalcoAlertText;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.EventRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A completed sequence: its contributing events in match order, each with the step it filled. Both evaluators
 * produce these and turn them into alerts the same way.
 */
public record SequenceMatch(SequenceDef sequence, List<StepHit> events, List<Integer> steps) {

  public SequenceMatch {
    events = List.copyOf(events);
    steps = List.copyOf(steps);
  }

  /** The match of a plan's states, one hit per state, in state order. */
  public static SequenceMatch of(SequenceDef def, SequencePlan plan, List<StepHit> hits) {
    List<Integer> steps = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      steps.add(plan.state(i).step());
    }
    return new SequenceMatch(def, hits, steps);
  }

  public String name() {
    return sequence.name();
  }

  public StepHit last() {
    return events.get(events.size() - 1);
  }

  public List<String> eventIds() {
    return events.stream().map(StepHit::eventId).toList();
  }

  /** Deterministic: hash of kind, sequence name and the contributing event ids in order. */
  public String alertId() {
    return AlertFactory.alertId(AlertKind.SEQUENCE, sequence.name(), eventIds());
  }

  /** Each output segment from the last event of its step (or of the match). */
  private StepHit[] bySegment() {
    SequenceOutput o = sequence.output();
    StepHit[] out = new StepHit[o.segmentCount()];
    for (int j = 0; j < out.length; j++) {
      int step = o.segmentStep(j);
      StepHit h = last();
      if (step >= 0) {
        for (int i = events.size() - 1; i >= 0; i--) {
          if (steps.get(i) == step) {
            h = events.get(i);
            break;
          }
        }
      }
      out[j] = h;
    }
    return out;
  }

  public String output() {
    return sequence.output().text(bySegment());
  }

  public Map<String, Object> outputFields() {
    return sequence.output().fields(bySegment());
  }

  public Alert toAlert(String rulesetVersion) {
    List<EventRef> refs = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      StepHit h = events.get(i);
      refs.add(EventRef.newBuilder().setEventId(h.eventId()).setHostId(h.hostId()).setHostname(h.hostname())
          .setTs(h.ts()).setStep(sequence.steps().get(steps.get(i)).name()).build());
    }
    return Alert.newBuilder()
        .setTime(last().ts())
        .setRule(sequence.name())
        .setPriority(sequence.priority().falcoName())
        .setOutput(FalcoAlertText.line(last().ts(), FalcoAlertText.CENTRAL_ZONE, sequence.priority().falcoName(),
            output()))
        .setOutputFields(FalcoAlertText.withEvtTime(outputFields(), last().ts()))
        .setSource("syscall")
        .setTags(new ArrayList<>(sequence.tags()))
        .setHostname(last().hostname())
        .setAlertId(alertId())
        .setKind(AlertKind.SEQUENCE)
        .setRulesetVersion(rulesetVersion == null ? "" : rulesetVersion)
        .setBackfillRunId(null)
        .setEvents(refs)
        .build();
  }
}
