package dev.eyrie.engine.sequence;

import dev.eyrie.schema.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The pure-Java reference evaluator of sequence rules, for {@code rules test} and backfill what-ifs. Input must be
 * in event-time order (ms resolution, like Flink's event time; events of equal time are taken in input order); an
 * event older than one already seen is late: counted and not matched, as CEP does with events behind the watermark.
 *
 * <p>Semantics are those of the correlation job's CEP patterns (shared test vectors check it), for each sequence
 * and join key separately:
 * <ul>
 *   <li>Every event that plays the first step starts a partial match; a partial match takes the next event that
 *       plays the step it waits for and skips others ({@link SequencePlan}: relaxed contiguity, repetitions as
 *       states).
 *   <li>{@code within}: a partial match whose first event is {@code within} or more older than the current time
 *       is dropped (so a match spans strictly less than {@code within}).
 *   <li>Gates ({@code not}, {@code until}): a waiting partial match that sees a gate event is discarded, even if
 *       the event also plays the step it waits for.
 *   <li>Trailing absence ({@code not: {after: last}}): a partial match that has taken its last step waits until
 *       {@code within} from its first event has passed; an absence (or {@code until}) event of its key with a time
 *       in between discards it, otherwise it completes at first + {@code within} (an event at exactly that time
 *       comes too late to suppress it).
 *   <li>After-match skip past last event: a completed match is emitted once no partial match that started earlier
 *       is pending (such a one could still complete first); emitting it discards every partial and completed match
 *       that started at or before its last event. One alert per attack chain, no combinatorial blow-up.
 * </ul>
 * State is bounded by {@code within}: partial matches expire, and a key without partial matches is forgotten.
 * Not thread-safe.
 */
public final class SequenceEvaluator {
  private final StepMatcher matcher;
  private final Runner[] runners;
  private long seq;
  private long nowMillis = Long.MIN_VALUE;
  private long late;

  public SequenceEvaluator(StepMatcher matcher) {
    this.matcher = matcher;
    this.runners = new Runner[matcher.sequences().size()];
    for (int i = 0; i < runners.length; i++) {
      runners[i] = new Runner(matcher.sequences().get(i));
    }
  }

  public StepMatcher matcher() {
    return matcher;
  }

  /** Evaluates the next event (in event-time order); completed sequences go to {@code out}. */
  public void accept(Event event, Consumer<SequenceMatch> out) {
    long t = Math.floorDiv(event.getTs(), 1_000_000L);
    if (t < nowMillis) {
      late++;
      return;
    }
    advanceTo(t, out);
    long s = ++seq;
    matcher.match(event, hit -> runners[hit.sequence()].process(hit, t, s, out));
  }

  /** Moves event time forward without an event (a watermark): partial matches older than {@code within} expire. */
  public void advanceTo(long millis, Consumer<SequenceMatch> out) {
    if (millis < nowMillis) {
      return;
    }
    nowMillis = millis;
    for (Runner r : runners) {
      r.advanceAll(millis, out);
    }
  }

  /** End of input: every partial match expires; matches that were waiting on an earlier one are emitted. */
  public void flush(Consumer<SequenceMatch> out) {
    advanceTo(Long.MAX_VALUE, out);
  }

  /** Events dropped because they were older than an event already seen. */
  public long lateEvents() {
    return late;
  }

  /** Partial matches currently held (including completed ones waiting on an earlier partial match). */
  public long partialMatches() {
    long n = 0;
    for (Runner r : runners) {
      for (KeyState k : r.keys.values()) {
        n += k.partials.size() + k.completed.size();
      }
    }
    return n;
  }

  /** (sequence, key) pairs currently holding state. */
  public int activeKeys() {
    int n = 0;
    for (Runner r : runners) {
      n += r.keys.size();
    }
    return n;
  }

  /** A partial (or completed) match: start event id (time, input position), next state and the hits so far. */
  private record Partial(long startT, long startSeq, int pos, StepHit[] hits, long lastT, long lastSeq) {
    Partial take(StepHit h, long t, long s) {
      StepHit[] next = Arrays.copyOf(hits, hits.length + 1);
      next[hits.length] = h;
      return new Partial(startT, startSeq, pos + 1, next, t, s);
    }

    int compareStart(Partial o) {
      int c = Long.compare(startT, o.startT);
      return c != 0 ? c : Long.compare(startSeq, o.startSeq);
    }

    boolean startsAtOrBefore(long t, long s) {
      return startT < t || (startT == t && startSeq <= s);
    }
  }

  private record Expiry(long at, String key) {}

  /** One sequence: its plan and its keys' state. */
  private static final class Runner {
    final SequenceDef def;
    final SequencePlan plan;
    final long within;
    final Map<String, KeyState> keys = new HashMap<>();
    /** Expiry times of started partial matches, in start order (input is time-ordered). */
    final ArrayDeque<Expiry> expiries = new ArrayDeque<>();

    Runner(SequenceDef def) {
      this.def = def;
      this.plan = SequencePlan.of(def);
      this.within = plan.withinMillis();
    }

    void process(StepHit hit, long t, long s, Consumer<SequenceMatch> out) {
      KeyState k = keys.get(hit.key());
      if (k == null) {
        if ((plan.state(0).role() & hit.roles()) == 0) {
          return;
        }
        k = new KeyState();
        keys.put(hit.key(), k);
      }
      if (k.process(this, hit, t, s, out)) {
        expiries.add(new Expiry(t + within, hit.key()));
      }
      if (k.isEmpty()) {
        keys.remove(hit.key());
      }
    }

    void advanceAll(long t, Consumer<SequenceMatch> out) {
      while (!expiries.isEmpty() && expiries.peek().at() <= t) {
        String key = expiries.poll().key();
        KeyState k = keys.get(key);
        if (k != null) {
          k.advance(this, t, out);
          if (k.isEmpty()) {
            keys.remove(key);
          }
        }
      }
    }
  }

  /** One key of one sequence: partial matches and completed ones not yet emitted, both in start order. */
  private static final class KeyState {
    List<Partial> partials = new ArrayList<>(2);
    final List<Partial> completed = new ArrayList<>(0);

    boolean isEmpty() {
      return partials.isEmpty() && completed.isEmpty();
    }

    /** Returns true when the hit started a new partial match. */
    boolean process(Runner r, StepHit hit, long t, long s, Consumer<SequenceMatch> out) {
      int roles = hit.roles();
      SequencePlan plan = r.plan;
      List<Partial> next = new ArrayList<>(partials.size() + 1);
      for (Partial p : partials) {
        if (p.pos() == plan.size()) {
          // Waiting after the last step for within to pass: only a trailing-absence (or until) event ends it.
          if ((plan.trailingGate() & roles) == 0) {
            next.add(p);
          }
          continue;
        }
        SequencePlan.State x = plan.state(p.pos());
        if ((x.gate() & roles) != 0) {
          continue;
        }
        if ((x.role() & roles) != 0) {
          Partial q = p.take(hit, t, s);
          if (q.pos() == plan.size() && !plan.hasTrailingAbsence()) {
            insertSorted(completed, q);
          } else {
            next.add(q);
          }
        } else {
          next.add(p);
        }
      }
      boolean started = (plan.state(0).role() & roles) != 0;
      if (started) {
        next.add(new Partial(t, s, 1, new StepHit[] {hit}, t, s));
      }
      partials = next;
      release(r, out);
      return started;
    }

    /**
     * Partial matches whose window has ended are dropped — except those waiting after the last step of a sequence
     * with a trailing absence: no absence event came in time, so they are complete now.
     */
    void advance(Runner r, long t, Consumer<SequenceMatch> out) {
      int size = r.plan.size();
      partials.removeIf(p -> {
        if (t - p.startT() < r.within) {
          return false;
        }
        if (p.pos() == size) {
          insertSorted(completed, p);
        }
        return true;
      });
      release(r, out);
    }

    private void release(Runner r, Consumer<SequenceMatch> out) {
      while (!completed.isEmpty()) {
        Partial m = completed.get(0);
        if (!partials.isEmpty() && m.compareStart(partials.get(0)) > 0) {
          return;
        }
        completed.remove(0);
        out.accept(SequenceMatch.of(r.def, r.plan, List.of(m.hits())));
        partials.removeIf(p -> p.startsAtOrBefore(m.lastT(), m.lastSeq()));
        completed.removeIf(p -> p.startsAtOrBefore(m.lastT(), m.lastSeq()));
      }
    }

    private static void insertSorted(List<Partial> list, Partial p) {
      int i = list.size();
      while (i > 0 && list.get(i - 1).compareStart(p) > 0) {
        i--;
      }
      list.add(i, p);
    }
  }
}
