package dev.eyrie.capture;

import java.util.ArrayList;
import java.util.List;

/** What the capture's header blocks say about the machine, its processes, users and interfaces. */
public final class Metadata {
    /** Machine info block; hostname is empty when the writer did not record it. */
    public record MachineInfo(int numCpus, long memoryBytes, long maxPid, String hostname, long bootTsEpoch, long flags) {}

    /** One entry of a process list block. Fields a block version lacks hold their defaults (-1 / 0 / empty). */
    public record ProcRecord(long tid, long pid, long ptid, long sid, long vpgid, long pgid, String comm, String exe,
                             String exepath, List<String> args, String cwd, long fdlimit, int flags, long uid, long gid,
                             List<String> env, long vtid, long vpid, List<String> cgroups, String root,
                             long pidnsInitStartTs, int tty, long loginuid, boolean exeWritable, long capInheritable,
                             long capPermitted, long capEffective, boolean exeUpperLayer, long exeIno,
                             boolean exeFromMemfd) {}

    /** One entry of an fd list block; addresses keep network byte order, ports are host values. */
    public record FdRecord(long tid, long fd, long ino, int scapType, String name, long openFlags, long dev,
                           byte[] sip, byte[] dip, int sport, int dport, int l4proto, long unixSource, long unixDest) {}

    public record UserRecord(long uid, long gid, String name, String homedir, String shell) {}

    public record GroupRecord(long gid, String name) {}

    /** One interface address; netmask has the address's length (libsinsp infers missing tuple ends from these). */
    public record InterfaceAddr(String ifname, byte[] addr, byte[] netmask, boolean ipv6) {}

    MachineInfo machine;
    final List<ProcRecord> procs = new ArrayList<>();
    final List<FdRecord> fds = new ArrayList<>();
    final List<UserRecord> users = new ArrayList<>();
    final List<GroupRecord> groups = new ArrayList<>();
    final List<InterfaceAddr> interfaces = new ArrayList<>();
    int majorVersion;
    int minorVersion;

    public MachineInfo machine() { return machine; }
    public List<ProcRecord> procs() { return procs; }
    public List<FdRecord> fds() { return fds; }
    public List<UserRecord> users() { return users; }
    public List<GroupRecord> groups() { return groups; }
    public List<InterfaceAddr> interfaces() { return interfaces; }
    public int majorVersion() { return majorVersion; }
    public int minorVersion() { return minorVersion; }
}
