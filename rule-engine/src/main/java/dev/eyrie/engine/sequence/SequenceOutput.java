package dev.eyrie.engine.sequence;

import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.output.CompiledOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sequence's output: literal prefix, then segments (one token plus the literal after it), each rendered against
 * the event of its step ({@code %shell.proc.cmdline}) or the sequence's last event ({@code %proc.cmdline}).
 * Segments are rendered when an event becomes a step hit, so partial matches carry text, not whole events.
 * Output field keys are {@code <step>.<field>} for step tokens and the plain field otherwise; values are typed
 * exactly as a per-event alert's output fields (String, Long, Boolean; null for {@code <NA>}), from the same
 * {@link CompiledOutput#fields} path, so the Kafka and Elasticsearch renderers treat both kinds alike.
 */
public final class SequenceOutput {
  private static final String NA = "<NA>";

  private final String format;
  private final String prefix;
  private final int[] segmentStep;
  private final CompiledOutput[] segments;
  /** Output field slots, in order: segment, field name in the segment, key in output_fields. */
  private final int[] slotSegment;
  private final String[] slotField;
  private final String[] slotKey;

  SequenceOutput(String format, String prefix, List<Integer> segmentStep, List<CompiledOutput> segments,
      List<String> stepNames) {
    this.format = format;
    this.prefix = prefix;
    this.segmentStep = segmentStep.stream().mapToInt(Integer::intValue).toArray();
    this.segments = segments.toArray(new CompiledOutput[0]);
    List<Integer> seg = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int j = 0; j < this.segments.length; j++) {
      int step = this.segmentStep[j];
      for (String f : this.segments[j].fieldNames()) {
        String key = step < 0 ? f : stepNames.get(step) + "." + f;
        if (!keys.contains(key)) {
          seg.add(j);
          fields.add(f);
          keys.add(key);
        }
      }
    }
    this.slotSegment = seg.stream().mapToInt(Integer::intValue).toArray();
    this.slotField = fields.toArray(new String[0]);
    this.slotKey = keys.toArray(new String[0]);
  }

  public String format() {
    return format;
  }

  int segmentCount() {
    return segments.length;
  }

  /** The step a segment is rendered against; -1 = the last event of the match. */
  int segmentStep(int segment) {
    return segmentStep[segment];
  }

  /**
   * Renders the segments this event can supply: those of the steps in {@code roles} (step i = bit i), and the
   * last-event segments when the event can be the last step. Others stay null.
   */
  Rendered render(EvalContext c, int roles, int lastStep) {
    String[] texts = new String[segments.length];
    Object[] values = new Object[slotKey.length];
    Map<String, Object>[] fieldMaps = null;
    for (int j = 0; j < segments.length; j++) {
      int step = segmentStep[j] < 0 ? lastStep : segmentStep[j];
      if ((roles & (1 << step)) != 0) {
        texts[j] = segments[j].render(c);
      }
    }
    for (int k = 0; k < slotKey.length; k++) {
      int j = slotSegment[k];
      if (texts[j] == null) {
        continue;
      }
      if (fieldMaps == null) {
        @SuppressWarnings("unchecked")
        Map<String, Object>[] m = new Map[segments.length];
        fieldMaps = m;
      }
      if (fieldMaps[j] == null) {
        fieldMaps[j] = segments[j].fields(c);
      }
      values[k] = fieldMaps[j].get(slotField[k]);
    }
    return new Rendered(texts, values);
  }

  /** What one event supplies: segment texts and output field values (null where it supplies none). */
  record Rendered(String[] texts, Object[] values) {}

  /** The output line: each segment's text from the hit that filled its step. */
  String text(StepHit[] bySegment) {
    StringBuilder sb = new StringBuilder(prefix);
    for (int j = 0; j < segments.length; j++) {
      String t = bySegment[j].texts()[j];
      sb.append(t == null ? NA : t);
    }
    return sb.toString();
  }

  Map<String, Object> fields(StepHit[] bySegment) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int k = 0; k < slotKey.length; k++) {
      out.put(slotKey[k], bySegment[slotSegment[k]].fields()[k]);
    }
    return out;
  }
}
