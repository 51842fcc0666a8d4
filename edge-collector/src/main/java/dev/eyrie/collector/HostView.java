package dev.eyrie.collector;

import java.nio.file.Path;

/**
 * Where the collector sees the host. In a container the host's /proc and /etc are bind-mounted elsewhere, and the
 * container's own UTS hostname is not the node's, so all of these are configurable.
 *
 * @param procRoot the host's /proc: every read of other processes and of host kernel state goes through it
 * @param hostname hostname stamped on events; null = read it from the host
 */
public record HostView(Path procRoot, Path passwdFile, Path groupFile, String hostname) {
  public static HostView local() {
    return new HostView(Path.of("/proc"), Path.of("/etc/passwd"), Path.of("/etc/group"), null);
  }
}
