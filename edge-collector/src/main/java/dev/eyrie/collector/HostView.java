package dev.eyrie.collector;

import dev.eyrie.collector.state.runtime.RuntimeRoots;
import java.nio.file.Path;

/**
 * Where the collector sees the host. In a container the host's /proc and /etc are bind-mounted elsewhere, and the
 * container's own UTS hostname is not the node's, so all of these are configurable.
 *
 * @param procRoot the host's /proc: every read of other processes and of host kernel state goes through it
 * @param hostname hostname stamped on events; null = read it from the host
 * @param runtimes the container runtimes' state directories (container and pod metadata)
 */
public record HostView(Path procRoot, Path passwdFile, Path groupFile, String hostname, RuntimeRoots runtimes) {
  public static HostView local() {
    return new HostView(Path.of("/proc"), Path.of("/etc/passwd"), Path.of("/etc/group"), null,
        RuntimeRoots.defaults());
  }

  public HostView withRuntimes(RuntimeRoots roots) {
    return new HostView(procRoot, passwdFile, groupFile, hostname, roots);
  }
}
