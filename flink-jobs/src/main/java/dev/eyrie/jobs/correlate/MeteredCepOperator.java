package dev.eyrie.jobs.correlate;

import dev.eyrie.engine.sequence.StepHit;
import dev.eyrie.schema.Alert;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.ComputationState;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.NFAStateSerializer;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.util.OutputTag;

/**
 * Flink's CEP operator (event time, skip past last event, late hits to a side output) plus two gauges that show
 * its state is bounded by {@code within}: {@code partialMatches} (partial and completed-but-held matches over all
 * keys) and {@code activeKeys} (keys holding NFA state). Both are kept up to date on the task thread after each
 * timer — the only place an event-time CEP operator changes its NFA state — by reading the touched key's NFA state
 * before and after (the state CEP itself registered, same name and serializer); the gauges only read the totals.
 */
final class MeteredCepOperator<K> extends CepOperator<StepHit, K, Alert> {
  private static final long serialVersionUID = 1L;
  /** CepOperator's NFA state name. */
  private static final String NFA_STATE_NAME = "nfaStateName";

  private transient ValueState<NFAState> nfa;
  private transient volatile long partialMatches;
  private transient volatile long activeKeys;

  MeteredCepOperator(TypeSerializer<StepHit> serializer, NFACompiler.NFAFactory<StepHit> nfaFactory,
      PatternProcessFunction<StepHit, Alert> function, OutputTag<StepHit> lateHits) {
    super(serializer, false, nfaFactory, null, AfterMatchSkipStrategy.skipPastLastEvent(), function, lateHits);
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    nfa = context.getKeyedStateStore().getState(new ValueStateDescriptor<>(NFA_STATE_NAME, new NFAStateSerializer()));
  }

  @Override
  public void open() throws Exception {
    super.open();
    getMetricGroup().gauge("partialMatches", () -> partialMatches);
    getMetricGroup().gauge("activeKeys", () -> activeKeys);
  }

  @Override
  public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
    NFAState before = nfa.value();
    long was = count(before);
    boolean had = before != null;
    super.onEventTime(timer);
    NFAState after = nfa.value();
    partialMatches += count(after) - was;
    activeKeys += (after != null ? 1 : 0) - (had ? 1 : 0);
  }

  private static long count(NFAState s) {
    if (s == null) {
      return 0;
    }
    long n = s.getCompletedMatches().size();
    for (ComputationState c : s.getPartialMatches()) {
      if (c.getStartEventID() != null) {
        n++;
      }
    }
    return n;
  }
}
