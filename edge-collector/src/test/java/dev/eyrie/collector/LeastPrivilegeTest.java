package dev.eyrie.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.schema.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented capability set (CAP_BPF, CAP_PERFMON, CAP_SYS_PTRACE, CAP_DAC_READ_SEARCH) is enough, and less is
 * refused with a message naming the capabilities. The collector runs as a child JVM under setpriv with a reduced
 * bounding set: as uid 0 its permitted and effective sets become exactly that set.
 */
class LeastPrivilegeTest {
  private static final String CAPS = "+bpf,+perfmon,+sys_ptrace,+dac_read_search";
  @TempDir Path dir;

  private List<String> command(String bounding, Path out) {
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set=-all," + bounding, "--",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-Djna.tmpdir=" + dir.resolve("jna"), "-cp", System.getProperty("java.class.path"),
        CollectorCommand.class.getName(), "--output", out.toString(), "--state-dir", dir.resolve("state").toString(),
        "--metrics-port", "-1", "--syscalls", "openat"));
    return cmd;
  }

  @Test
  void runsWithOnlyTheDocumentedCapabilities() throws Exception {
    Path out = dir.resolve("events.avro");
    Process p = new ProcessBuilder(command(CAPS, out)).redirectErrorStream(true).start();
    StringBuilder log = new StringBuilder();
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      log.append(line).append('\n');
      if (line.contains("eyrie collector: capturing")) {
        break;
      }
    }
    assertTrue(log.toString().contains("capturing"), "collector did not start:\n" + log);
    Thread pump = new Thread(() -> r.lines().forEach(l -> {
      synchronized (log) {
        log.append(l).append('\n');
      }
    }));
    pump.start();
    Children.Result marker = Children.run("cat", "/etc/hostname");
    assertEquals(0, marker.exit());
    Thread.sleep(300); // let the reader's timer pass once before asking it to stop
    p.destroy(); // SIGTERM: drains and exits
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "collector did not stop on SIGTERM");
    pump.join(10_000);
    // 143 = 128 + SIGTERM: the JVM's status after its shutdown hook (which drained and closed the file) ran
    assertEquals(143, p.exitValue(), log.toString());
    boolean found = false;
    try (DataFileReader<Event> events = new DataFileReader<>(out.toFile(), new SpecificDatumReader<>(Event.class))) {
      for (Event e : events) {
        if (e.getProc().getPid() == marker.pid() && e.getFd() != null
            && "/etc/hostname".equals(e.getFd().getName())) {
          found = true;
          // /proc links of another process were readable: exepath came through with the reduced set
          assertTrue(e.getProc().getExepath().endsWith("/cat"), e.getProc().getExepath());
        }
      }
    }
    assertTrue(found, "the open of /etc/hostname by cat was captured under the reduced capability set\n" + log);
  }

  @Test
  void withoutCapBpfItRefusesAndNamesTheCapabilities() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command("+perfmon,+sys_ptrace,+dac_read_search", dir.resolve("x.avro")))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("CAP_BPF and CAP_PERFMON"), out);
  }
}
