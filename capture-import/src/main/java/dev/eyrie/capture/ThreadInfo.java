package dev.eyrie.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A thread as libsinsp tracks it. Threads of a process share the main thread's fd table and cwd. */
public final class ThreadInfo {
    long tid, pid, ptid = -1, sid, vpgid, vtid = -1, vpid = -1;
    String comm = "", exe = "", exepath = "";
    List<String> args = List.of();
    List<String> env = List.of();
    List<String> cgroups = List.of();
    String cwd = "/";
    long uid = 0xffffffffL, gid = 0xffffffffL, loginuid = 0xffffffffL;
    int tty;
    long fdlimit;
    long flags;
    long capInheritable, capPermitted, capEffective;
    long exeIno;
    boolean exeWritable, exeUpperLayer, exeFromMemfd;
    long startTs;
    String containerId = "";
    /** Shared with the main thread when created by clone(CLONE_FILES) or as a thread of a PL process. */
    Map<Long, FdInfo> fds = new HashMap<>();
    /** Not null when this thread shares cwd with its process (CLONE_FS); then cwd lives there. */
    ThreadInfo cwdOwner;
    /** Last enter event seen for the thread; its parameters complete the matching exit. */
    RawEvent lastEnter;
    int lastEventType = -1;
    long lastEventFd = -1;
    boolean fake;

    ThreadInfo(long tid) { this.tid = tid; this.pid = tid; }

    public long tid() { return tid; }
    public long pid() { return pid; }
    public long ptid() { return ptid; }
    public String comm() { return comm; }
    public String exe() { return exe; }
    public String exepath() { return exepath; }
    public List<String> args() { return args; }
    public List<String> env() { return env; }
    public long uid() { return uid; }
    public long gid() { return gid; }
    public long loginuid() { return loginuid; }
    public String containerId() { return containerId; }

    public String cwd() { return cwdOwner != null ? cwdOwner.cwd : cwd; }

    void setCwd(String c) {
        if (cwdOwner != null) cwdOwner.cwd = c; else cwd = c;
    }

    FdInfo fd(long fd) { return fds.get(fd); }

    public Map<Long, FdInfo> fdTable() { return fds; }

    static List<String> copyArgs(List<String> a) { return new ArrayList<>(a); }
}
