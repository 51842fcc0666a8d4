package dev.eyrie.collector.state;

import dev.eyrie.schema.Host;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** hostname, machine-id (the stable host id), non-loopback addresses and boot_id of this machine. */
public final class HostIdentity {
  private HostIdentity() {}

  public static Host read() {
    return read(Path.of("/proc"), null);
  }

  /**
   * @param procRoot the host's /proc (boot_id is host-wide; hostname there is only the reader's UTS name, hence
   *     {@code hostname} for containers)
   * @param hostname the name to stamp; null or blank = read it
   */
  public static Host read(Path procRoot, String hostname) {
    if (hostname == null || hostname.isBlank()) {
      hostname = firstLine(procRoot.resolve("sys/kernel/hostname"));
    }
    if (hostname == null || hostname.isEmpty()) {
      try {
        hostname = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        hostname = "localhost";
      }
    }
    String machineId = firstLine(Path.of("/etc/machine-id"));
    if (machineId == null || machineId.isEmpty()) {
      machineId = firstLine(Path.of("/var/lib/dbus/machine-id"));
    }
    String id = machineId == null || machineId.isEmpty() ? hostname : machineId;
    String boot = firstLine(procRoot.resolve("sys/kernel/random/boot_id"));
    return Host.newBuilder().setId(id).setHostname(hostname).setIps(ips()).setBootId(boot == null ? "" : boot)
        .build();
  }

  private static List<String> ips() {
    List<String> out = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            continue;
          }
          String s = a.getHostAddress();
          if (a instanceof Inet6Address) {
            int pct = s.indexOf('%');
            s = pct >= 0 ? s.substring(0, pct) : s;
          }
          out.add(s);
        }
      }
    } catch (IOException e) {
      // no addresses is a valid answer on an isolated node
    }
    Collections.sort(out);
    return out;
  }

  private static String firstLine(Path p) {
    try {
      List<String> lines = Files.readAllLines(p);
      return lines.isEmpty() ? null : lines.get(0).trim();
    } catch (IOException e) {
      return null;
    }
  }
}
