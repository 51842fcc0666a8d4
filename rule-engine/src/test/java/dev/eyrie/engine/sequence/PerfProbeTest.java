package dev.eyrie.engine.sequence;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.schema.Event;
import java.util.*;
import org.junit.jupiter.api.Test;
class PerfProbeTest {
  @Test void probe() throws Exception {
    StepMatcher m = SequenceEvaluatorTest.vectorMatcher();
    Event e = FieldEvents.of("evt.type", "connect", "fd.typechar", "4", "fd.sip", "10.0.0.1", "fd.sport", 22L);
    for (int round = 0; round < 3; round++) {
    long t1 = System.nanoTime();
    int n = 0; for (int i = 0; i < 100000; i++) { int h = i % 10000; e.getHost().setId("h" + h); e.getFd().setRemoteIp("10.0." + (h >> 8 & 255) + "." + (h & 255)); n += m.match(e).size(); }
    long t2 = System.nanoTime();
    SequenceEvaluator ev = new SequenceEvaluator(m);
    for (int i = 0; i < 100000; i++) { int h = i % 10000; e.setTs(FieldEvents.DEFAULT_TS + i * 60_000_000L); e.getHost().setId("h" + h); e.getFd().setRemoteIp("10.0." + (h >> 8 & 255) + "." + (h & 255)); ev.accept(e, x -> {}); }
    long t3 = System.nanoTime();
    System.out.println("match " + (t2-t1)/1e5 + "us/ev eval " + (t3-t2)/1e5 + "us/ev hits " + n + " partials " + ev.partialMatches());
    }
  }
}
