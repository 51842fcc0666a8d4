package dev.eyrie.engine.compile;

import dev.eyrie.engine.field.EvalContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A condition node shared by every rule that contains the same text (the same macro expansion or check), whose
 * result is computed at most once per event — the role of libsinsp's per-check compare cache. Slots are
 * process-wide unique so rules compiled by different compilers can be mixed in one ruleset.
 */
final class Cached implements Filter {
  private static final AtomicInteger SLOTS = new AtomicInteger();

  private final Filter inner;
  private final int slot;

  Cached(Filter inner) {
    this(inner, SLOTS.getAndIncrement());
  }

  /** A rewritten (equivalent) form of a shared node keeps its slot: both compute the same per-event result. */
  Cached(Filter inner, int slot) {
    this.inner = inner;
    this.slot = slot;
  }

  Filter inner() {
    return inner;
  }

  int slot() {
    return slot;
  }

  @Override
  public boolean eval(EvalContext c) {
    int r = c.cached(slot);
    if (r != 0) {
      return r == 2;
    }
    return c.remember(slot, inner.eval(c));
  }
}
