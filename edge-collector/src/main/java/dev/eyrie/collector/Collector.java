package dev.eyrie.collector;

import dev.eyrie.collector.bpf.LibC;
import dev.eyrie.collector.bpf.Probe;
import dev.eyrie.collector.bpf.ProbeOptions;
import dev.eyrie.collector.bpf.RingBuffer;
import dev.eyrie.collector.event.EventBuilder;
import dev.eyrie.collector.event.Syscalls;
import dev.eyrie.collector.metrics.Metrics;
import dev.eyrie.collector.metrics.MetricsServer;
import dev.eyrie.collector.out.AvroFileSink;
import dev.eyrie.collector.out.EventSink;
import dev.eyrie.collector.out.KafkaSink;
import dev.eyrie.collector.out.SeqStore;
import dev.eyrie.collector.out.Spool;
import dev.eyrie.collector.state.HostIdentity;
import dev.eyrie.collector.state.ProcReader;
import dev.eyrie.collector.state.ProcessTable;
import dev.eyrie.collector.state.UserDb;
import dev.eyrie.collector.state.runtime.ContainerCatalog;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.Host;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The running node agent: BPF probe → ring buffer → enrichment → numbered events → Kafka (or a file). One consumer
 * thread owns the ring, the process table and the sink; {@link #close()} drains the ring and the sink, then exits.
 */
public final class Collector implements AutoCloseable {
  /** how soon a container id whose runtime state was missing is looked up again */
  private static final long CONTAINER_RETRY_NS = 2_000_000_000L;
  private final CollectorConfig cfg;
  private final Metrics metrics = new Metrics();
  private final Consumer<String> log;
  private Probe probe;
  private RingBuffer ring;
  private EventSink sink;
  private MetricsServer metricsServer;
  private EventBuilder builder;
  private SeqStore seq;
  private String idPrefix;
  private Thread consumer;
  private volatile boolean stopping;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile RuntimeException failure;

  private Collector(CollectorConfig cfg, Consumer<String> log) {
    this.cfg = cfg;
    this.log = log;
  }

  /** Starts capturing; returns once events flow. */
  public static Collector start(CollectorConfig cfg, Consumer<String> log) {
    Collector c = new Collector(cfg, log);
    try {
      c.startInternal();
    } catch (RuntimeException e) {
      c.closeResources();
      throw e;
    }
    return c;
  }

  private void startInternal() {
    if ((cfg.kafka() == null) == (cfg.output() == null)) {
      throw new CollectorException("choose exactly one output: --kafka HOST:PORT --topic T, or --output FILE");
    }
    Path tracefs = cfg.tracefs() != null ? cfg.tracefs() : Preflight.tracefsRoot();
    for (String w : Preflight.check(cfg.tracefs())) {
      log.accept("warning: " + w);
    }
    Probe.loadLibrary(cfg.libbpf()); // fail on a missing libbpf before anything else is set up
    HostView view = cfg.hostView();
    Host host = HostIdentity.read(view.procRoot(), view.hostname());
    idPrefix = host.getId() + ":" + host.getBootId() + ":";
    seq = new SeqStore(cfg.stateDir(), host.getBootId());
    sink = openSink(host);
    probe = Probe.open(new ProbeOptions(Syscalls.select(cfg.syscalls()), (int) ProcessHandle.current().pid(),
        cfg.libbpf(), tracefs, cfg.ringBytes(), cfg.wakeupBytes(), cfg.argsMax(), cfg.envMax(), cfg.snaplen()));
    if (!probe.unavailable().isEmpty()) {
      log.accept("note: no tracepoint on this kernel for " + probe.unavailable() + " (not traced)");
    }
    ring = new RingBuffer(probe.ringFd(), probe.ringBytes());
    metrics.kernel(() -> probe.stats()[0], () -> probe.stats()[2], ring::lag);
    // attached first, seeded second: a process that starts in between is in the ring or read lazily from /proc
    long offset = bootToEpochNs();
    ProcessTable procs = new ProcessTable(new ProcReader(view.procRoot(), offset), cfg.ancestors());
    procs.seed();
    UserDb users = new UserDb(view.passwdFile(), view.groupFile());
    ContainerCatalog containers = new ContainerCatalog(view.runtimes(), 4096, CONTAINER_RETRY_NS, log);
    builder = new EventBuilder(procs, users, host, offset, containers);
    if (cfg.metricsPort() >= 0) {
      metricsServer = new MetricsServer(metrics, cfg.metricsBind(), cfg.metricsPort(), this::health);
    }
    consumer = new Thread(() -> consume(procs), "eyrie-collector");
    consumer.start();
  }

  private EventSink openSink(Host host) {
    if (cfg.output() != null) {
      return new AvroFileSink(cfg.output(), metrics);
    }
    Properties props = KafkaEnv.producerProperties(System.getenv(), cfg.producerConfig());
    props.put("bootstrap.servers", cfg.kafka());
    Spool spool = new Spool(cfg.effectiveSpoolDir(), cfg.spoolMaxBytes(), metrics);
    return new KafkaSink(KafkaSink.withDefaults(props), cfg.topic(), host.getId(), spool, metrics,
        cfg.maxUnacked(), cfg.drainTimeout());
  }

  private void consume(ProcessTable procs) {
    RingBuffer.Handler handler = this::onRecord;
    long nextClock = System.nanoTime();
    long nextSweep = System.nanoTime() + 60_000_000_000L;
    try {
      while (!stopping) {
        ring.await(cfg.pollMs());
        ring.drain(handler);
        long now = System.nanoTime();
        if (now - nextClock > 0) {
          builder.setBootToEpochNs(bootToEpochNs());
          nextClock = now + 1_000_000_000L;
        }
        if (now - nextSweep > 0) {
          procs.sweep();
          nextSweep = now + 60_000_000_000L;
        }
      }
      ring.drain(handler); // what the kernel wrote before the links went away
    } catch (RuntimeException e) {
      failure = e;
      log.accept("collector stopped on error: " + e);
    } finally {
      stopped.countDown();
    }
  }

  private void onRecord(ByteBuffer buf, int off, int len) {
    Event e;
    try {
      e = builder.build(buf, off, len);
    } catch (RuntimeException ex) {
      metrics.decodeErrors.incrementAndGet();
      metrics.userspaceDropped.incrementAndGet();
      if (metrics.decodeErrors.get() <= 5) {
        log.accept("cannot decode a ring record: " + ex);
      }
      return;
    }
    if (e == null) {
      return;
    }
    long s = seq.next();
    e.setSeq(s);
    e.setEventId(idPrefix + s);
    metrics.captured.incrementAndGet();
    sink.ship(e);
  }

  /** null while healthy, else why not (served by /healthz) */
  private String health() {
    Thread t = consumer;
    if (t == null || !t.isAlive()) {
      RuntimeException f = failure;
      return f != null ? "consumer thread stopped: " + f : "consumer thread not running";
    }
    return null;
  }

  public Metrics metrics() {
    return metrics;
  }

  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.port();
  }

  /** kernel counters: seen, sent, dropped */
  public long[] kernelStats() {
    return probe.stats();
  }

  /** Blocks until the consumer thread ends (after {@link #close()} or an error). */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Detaches, drains the ring and the sink (Kafka acknowledgements or the spool), releases everything. */
  @Override
  public void close() {
    stopping = true;
    if (consumer != null) {
      try {
        consumer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (sink != null) {
      sink.drain();
    }
    closeResources();
    if (failure != null) {
      throw failure;
    }
  }

  private void closeResources() {
    if (metricsServer != null) {
      metricsServer.close();
    }
    if (ring != null) {
      ring.close();
    }
    if (probe != null) {
      probe.close();
    }
    if (sink != null) {
      sink.close();
    }
  }

  /** CLOCK_REALTIME - CLOCK_BOOTTIME in ns: turns the kernel's boot-based timestamps into epoch time */
  static long bootToEpochNs() {
    long[] rt = new long[2];
    long[] bt = new long[2];
    LibC.INSTANCE.clock_gettime(LibC.CLOCK_BOOTTIME, bt);
    LibC.INSTANCE.clock_gettime(LibC.CLOCK_REALTIME, rt);
    return (rt[0] * 1_000_000_000L + rt[1]) - (bt[0] * 1_000_000_000L + bt[1]);
  }
}
