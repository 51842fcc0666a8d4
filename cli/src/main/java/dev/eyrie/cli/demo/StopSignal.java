package dev.eyrie.cli.demo;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop, handled by the demo's own thread: the JVM does not start its
 * shutdown (which would run Flink's and log4j's hooks concurrently with the orderly stop), so the collector is
 * drained, the jobs cancelled and the servers stopped in order. A third signal exits at once.
 */
final class StopSignal {
  private final CountDownLatch requested = new CountDownLatch(1);
  private final AtomicInteger count = new AtomicInteger();
  private volatile String name = "";

  /**
   * {@code onRepeat} gets a message for the second signal (still stopping), {@code note} a warning when SIGINT
   * cannot be handled.
   */
  static StopSignal install(Consumer<String> onRepeat, Consumer<String> note) {
    StopSignal s = new StopSignal();
    for (String sig : new String[] {"INT", "TERM"}) {
      SignalHandler previous = Signal.handle(new Signal(sig), received -> s.receive("SIG" + received.getName(), onRepeat));
      if (previous == SignalHandler.SIG_IGN) {
        // a process started in the background by a non-interactive shell inherits an ignored SIGINT, and the JVM
        // keeps it ignored
        note.accept("note: SIG" + sig + " is ignored by this process (started in the background?): "
            + "stop it with kill -TERM " + ProcessHandle.current().pid());
      }
    }
    return s;
  }

  private void receive(String signal, Consumer<String> onRepeat) {
    int n = count.incrementAndGet();
    if (n == 1) {
      name = signal;
      requested.countDown();
    } else if (n == 2) {
      onRepeat.accept(signal + " again: still stopping what this run started; a third one exits at once "
          + "(servers this run started would then keep running: stop them with ./eyrie infra stop)");
    } else {
      Runtime.getRuntime().halt(130);
    }
  }

  /** Asks to stop from inside (e.g. a job failed for good). */
  void request(String reason) {
    if (count.compareAndSet(0, 1)) {
      name = reason;
      requested.countDown();
    }
  }

  boolean requested() {
    return requested.getCount() == 0;
  }

  String reason() {
    return name;
  }

  /** True if a stop was requested within the timeout. */
  boolean await(long millis) throws InterruptedException {
    return requested.await(millis, TimeUnit.MILLISECONDS);
  }
}
