package dev.eyrie.collector.state;

import dev.eyrie.schema.Ancestor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Processes by pid: seeded from /proc at start, then kept current by exec/fork/exit records. A pid the records
 * never introduced (missed event, process older than a seed race) is read from /proc on first sight.
 */
public final class ProcessTable {
  private final Map<Integer, ProcInfo> procs = new HashMap<>(4096);
  private final ProcReader reader;
  private final int maxAncestors;
  /** bumps whenever a process image or lineage changes, invalidating cached ancestor lists */
  private long epoch;

  public ProcessTable(ProcReader reader, int maxAncestors) {
    this.reader = reader;
    this.maxAncestors = maxAncestors;
  }

  public void seed() {
    for (int pid : reader.pids()) {
      ProcInfo p = reader.read(pid);
      if (p != null) {
        procs.put(pid, p);
      }
    }
    epoch++;
  }

  public int size() {
    return procs.size();
  }

  public ProcInfo get(int pid) {
    return procs.get(pid);
  }

  /** the process, read from /proc if unknown, or a stub from the record header if it is already gone */
  public ProcInfo getOrLoad(int pid, int ppid, String comm) {
    ProcInfo p = procs.get(pid);
    if (p == null) {
      p = reader.read(pid);
      if (p == null) {
        p = new ProcInfo(pid);
        p.comm = comm;
        p.exe = comm;
        p.ppid = ppid;
        ProcInfo parent = procs.get(ppid);
        if (parent != null) {
          p.cwd = parent.cwd;
          p.container = parent.container;
        }
      }
      procs.put(pid, p);
      epoch++;
    }
    if (p.ppid != ppid && ppid != 0) {
      p.ppid = ppid; // reparented to a subreaper/init
      p.ancestors = null;
      p.version++;
    }
    return p;
  }

  public void put(ProcInfo p) {
    ProcInfo old = procs.put(p.pid, p);
    if (old != null) {
      old.imageChanged();
    }
    epoch++;
  }

  public void imageChanged(ProcInfo p) {
    p.imageChanged();
    epoch++;
  }

  public void remove(int pid) {
    if (procs.remove(pid) != null) {
      epoch++;
    }
  }

  public ProcReader reader() {
    return reader;
  }

  /** parent first, bounded by the configured depth */
  public List<Ancestor> ancestors(ProcInfo p) {
    if (p.ancestors != null && p.ancestorsEpoch == epoch) {
      return p.ancestors;
    }
    List<Ancestor> out = new ArrayList<>(maxAncestors);
    int next = p.ppid;
    int guard = 0;
    while (next > 0 && out.size() < maxAncestors && guard++ < maxAncestors + 4) {
      ProcInfo a = procs.get(next);
      if (a == null) {
        a = reader.read(next);
        if (a == null) {
          break;
        }
        procs.put(next, a);
      }
      out.add(a.asAncestor());
      if (a.ppid == next) {
        break;
      }
      next = a.ppid;
    }
    p.ancestors = List.copyOf(out);
    p.ancestorsEpoch = epoch;
    return p.ancestors;
  }

  /** Drops entries whose process no longer exists (lost exit records); returns how many. */
  public int sweep() {
    List<Integer> gone = new ArrayList<>();
    java.util.Set<Integer> live = new java.util.HashSet<>(reader.pids());
    for (Integer pid : procs.keySet()) {
      if (!live.contains(pid)) {
        gone.add(pid);
      }
    }
    gone.forEach(procs::remove);
    if (!gone.isEmpty()) {
      epoch++;
    }
    return gone.size();
  }
}
