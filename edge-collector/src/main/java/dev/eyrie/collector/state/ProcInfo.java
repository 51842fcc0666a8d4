package dev.eyrie.collector.state;

import dev.eyrie.schema.Ancestor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One thread group as the collector tracks it. Touched only by the consumer thread. */
public final class ProcInfo {
  public final int pid;
  public int ppid;
  public int vpid;
  public int sid;
  public int vpgid;
  public int tty;
  public String comm = "";
  public String exe = "";
  public String exepath = "";
  public List<String> args = List.of();
  public List<String> env;
  public String cwd;
  public long startTs;
  public Long exeIno;
  public boolean exeWritable;
  public boolean exeUpperLayer;
  public boolean exeFromMemfd;
  public long capEffective;
  public long capPermitted;
  public long capInheritable;
  public long loginuid = -1;
  public ContainerRef container = ContainerRef.HOST;
  public final Map<Integer, FdInfo> fds;

  /** bumped whenever a field that goes into the Avro Process record changes outside exec/fork */
  public int version;
  public dev.eyrie.schema.Process lastProcess;
  public int lastProcessVersion;
  public dev.eyrie.schema.User lastUser;
  public long lastUserGeneration;
  /** container metadata of {@link #containerEntryRef}, kept so the catalog is not asked on every event */
  public ContainerRef containerEntryRef;
  public dev.eyrie.collector.state.runtime.ContainerCatalog.Entry containerEntry;

  /** cached lineage, valid while {@link #ancestorsEpoch} equals the table's epoch */
  List<Ancestor> ancestors;
  long ancestorsEpoch = -1;
  Ancestor asAncestor;

  public ProcInfo(int pid) {
    this.pid = pid;
    this.fds = new HashMap<>();
  }

  private ProcInfo(int pid, Map<Integer, FdInfo> fds) {
    this.pid = pid;
    this.fds = fds;
  }

  /** the child of a fork: same image, cwd, container and (a copy of) the fd table */
  public ProcInfo forkChild(int childPid) {
    Map<Integer, FdInfo> copy = new HashMap<>(fds.size() * 2);
    for (Map.Entry<Integer, FdInfo> e : fds.entrySet()) {
      copy.put(e.getKey(), e.getValue().copy());
    }
    ProcInfo c = new ProcInfo(childPid, copy);
    c.ppid = pid;
    c.sid = sid;
    c.vpgid = vpgid;
    c.tty = tty;
    c.comm = comm;
    c.exe = exe;
    c.exepath = exepath;
    c.args = args;
    c.env = env;
    c.cwd = cwd;
    c.exeIno = exeIno;
    c.exeWritable = exeWritable;
    c.exeUpperLayer = exeUpperLayer;
    c.exeFromMemfd = exeFromMemfd;
    c.capEffective = capEffective;
    c.capPermitted = capPermitted;
    c.capInheritable = capInheritable;
    c.loginuid = loginuid;
    c.container = container;
    return c;
  }

  void imageChanged() {
    asAncestor = null;
    ancestors = null;
  }

  Ancestor asAncestor() {
    if (asAncestor == null) {
      asAncestor = Ancestor.newBuilder().setPid(pid).setName(comm).setExe(exe).setExepath(exepath).setArgs(args)
          .build();
    }
    return asAncestor;
  }
}
