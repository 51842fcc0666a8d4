package dev.eyrie.schema;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Avro binary body of an {@link Event} written with the <em>current</em> schema straight from the byte
 * array, into a reused instance (nested records and lists reused too). Avro's own readers go through a
 * {@code ResolvingDecoder} grammar on every field even when writer and reader schemas are identical; that grammar
 * was the top cost of decoding (BENCHMARKS.md, "Detection job"). The field order below must follow event.avsc:
 * {@link #SHAPE} is compared with the schema by EventReaderTest, so a schema change fails the build, not a job.
 * Errors on arbitrary bytes surface as runtime exceptions (index out of bounds, negative sizes): the caller turns
 * them into a corrupt-body report.
 */
final class EventReader {
  /** The schema this reader follows: record(field:type, ...) depth first, as EventReaderTest renders it. */
  static final String SHAPE = "Event(event_id:string,host:Host(id:string,hostname:string,ips:array<string>,"
      + "boot_id:string),seq:long,ts:long,cpu:int,type:string,res:long,args:array<Arg(name:string,value:string,"
      + "raw:null|long)>,buffer:null|bytes,proc:Process(pid:long,tid:long,vpid:long,vtid:long,ppid:long,sid:long,"
      + "vpgid:long,name:string,exe:string,exepath:string,args:array<string>,env:null|array<string>,"
      + "cwd:null|string,tty:int,start_ts:long,exe_ino:null|long,is_exe_writable:boolean,"
      + "is_exe_upper_layer:boolean,is_exe_from_memfd:boolean,cap_effective:long,cap_permitted:long,"
      + "cap_inheritable:long),user:User(uid:long,name:null|string,homedir:null|string,shell:null|string,"
      + "loginuid:long,loginname:null|string,gid:long,group:null|string),ancestors:array<Ancestor(pid:long,"
      + "name:string,exe:string,exepath:string,args:array<string>)>,fd:null|FileDescriptor(num:long,type:string,"
      + "name:string,nameraw:null|string,name_changed:boolean,open_flags:long,ino:null|long,dev:null|long,"
      + "l4proto:null|string,sockfamily:null|string,local_ip:null|string,local_port:null|int,remote_ip:null|string,"
      + "remote_port:null|int,is_server:boolean,connected:boolean,server_ip_name:null|string,"
      + "client_ip_name:null|string),container:Container(id:string,full_id:string,runtime:null|string,"
      + "name:null|string,image:null|string,image_repository:null|string,image_tag:null|string,"
      + "image_digest:null|string,privileged:null|boolean,mounts:array<Mount(source:string,dest:string,mode:string,"
      + "rdwr:boolean,propagation:string)>),k8s:null|Kubernetes(ns_name:null|string,pod_name:null|string,"
      + "pod_uid:null|string,pod_labels:map<string>))";

  private byte[] buf;
  private int pos;

  Event read(byte[] bytes, int offset, Event reuse) {
    buf = bytes;
    pos = offset;
    Event e = reuse != null ? reuse : new Event();
    e.setEventId(string());
    e.setHost(host(e.getHost()));
    e.setSeq(readLong());
    e.setTs(readLong());
    e.setCpu(readInt());
    e.setType(string());
    e.setRes(readLong());
    e.setArgs(args(e.getArgs()));
    e.setBuffer(index() == 0 ? null : bytes());
    e.setProc(process(e.getProc()));
    e.setUser(user(e.getUser()));
    e.setAncestors(ancestors(e.getAncestors()));
    e.setFd(index() == 0 ? null : fd(e.getFd()));
    e.setContainer(container(e.getContainer()));
    e.setK8s(index() == 0 ? null : k8s(e.getK8s()));
    if (pos > buf.length) {
      throw new IndexOutOfBoundsException("body ends past the message");
    }
    buf = null;
    return e;
  }

  private Host host(Host h) {
    h = h != null ? h : new Host();
    h.setId(string());
    h.setHostname(string());
    h.setIps(strings(h.getIps()));
    h.setBootId(string());
    return h;
  }

  private List<Arg> args(List<Arg> list) {
    ArrayList<Arg> out = reusable(list);
    int n = 0;
    for (long block = blockCount(); block != 0; block = blockCount()) {
      for (long i = 0; i < block; i++, n++) {
        Arg a = n < out.size() ? out.get(n) : add(out, new Arg());
        a.setName(string());
        a.setValue(string());
        a.setRaw(index() == 0 ? null : readLong());
      }
    }
    truncate(out, n);
    return out;
  }

  private Process process(Process p) {
    p = p != null ? p : new Process();
    p.setPid(readLong());
    p.setTid(readLong());
    p.setVpid(readLong());
    p.setVtid(readLong());
    p.setPpid(readLong());
    p.setSid(readLong());
    p.setVpgid(readLong());
    p.setName(string());
    p.setExe(string());
    p.setExepath(string());
    p.setArgs(strings(p.getArgs()));
    p.setEnv(index() == 0 ? null : strings(p.getEnv()));
    p.setCwd(optString());
    p.setTty(readInt());
    p.setStartTs(readLong());
    p.setExeIno(index() == 0 ? null : readLong());
    p.setIsExeWritable(bool());
    p.setIsExeUpperLayer(bool());
    p.setIsExeFromMemfd(bool());
    p.setCapEffective(readLong());
    p.setCapPermitted(readLong());
    p.setCapInheritable(readLong());
    return p;
  }

  private User user(User u) {
    u = u != null ? u : new User();
    u.setUid(readLong());
    u.setName(optString());
    u.setHomedir(optString());
    u.setShell(optString());
    u.setLoginuid(readLong());
    u.setLoginname(optString());
    u.setGid(readLong());
    u.setGroup(optString());
    return u;
  }

  private List<Ancestor> ancestors(List<Ancestor> list) {
    ArrayList<Ancestor> out = reusable(list);
    int n = 0;
    for (long block = blockCount(); block != 0; block = blockCount()) {
      for (long i = 0; i < block; i++, n++) {
        Ancestor a = n < out.size() ? out.get(n) : add(out, new Ancestor());
        a.setPid(readLong());
        a.setName(string());
        a.setExe(string());
        a.setExepath(string());
        a.setArgs(strings(a.getArgs()));
      }
    }
    truncate(out, n);
    return out;
  }

  private FileDescriptor fd(FileDescriptor f) {
    f = f != null ? f : new FileDescriptor();
    f.setNum(readLong());
    f.setType(string());
    f.setName(string());
    f.setNameraw(optString());
    f.setNameChanged(bool());
    f.setOpenFlags(readLong());
    f.setIno(index() == 0 ? null : readLong());
    f.setDev(index() == 0 ? null : readLong());
    f.setL4proto(optString());
    f.setSockfamily(optString());
    f.setLocalIp(optString());
    f.setLocalPort(index() == 0 ? null : readInt());
    f.setRemoteIp(optString());
    f.setRemotePort(index() == 0 ? null : readInt());
    f.setIsServer(bool());
    f.setConnected(bool());
    f.setServerIpName(optString());
    f.setClientIpName(optString());
    return f;
  }

  private Container container(Container c) {
    c = c != null ? c : new Container();
    c.setId(string());
    c.setFullId(string());
    c.setRuntime(optString());
    c.setName(optString());
    c.setImage(optString());
    c.setImageRepository(optString());
    c.setImageTag(optString());
    c.setImageDigest(optString());
    c.setPrivileged(index() == 0 ? null : bool());
    ArrayList<Mount> out = reusable(c.getMounts());
    int n = 0;
    for (long block = blockCount(); block != 0; block = blockCount()) {
      for (long i = 0; i < block; i++, n++) {
        Mount m = n < out.size() ? out.get(n) : add(out, new Mount());
        m.setSource(string());
        m.setDest(string());
        m.setMode(string());
        m.setRdwr(bool());
        m.setPropagation(string());
      }
    }
    truncate(out, n);
    c.setMounts(out);
    return c;
  }

  private Kubernetes k8s(Kubernetes k) {
    k = k != null ? k : new Kubernetes();
    k.setNsName(optString());
    k.setPodName(optString());
    k.setPodUid(optString());
    Map<String, String> labels = k.getPodLabels() instanceof HashMap<String, String> m ? m : new HashMap<>();
    labels.clear();
    for (long block = blockCount(); block != 0; block = blockCount()) {
      for (long i = 0; i < block; i++) {
        String key = string();
        labels.put(key, string());
      }
    }
    k.setPodLabels(labels);
    return k;
  }

  private List<String> strings(List<String> list) {
    ArrayList<String> out = reusable(list);
    out.clear();
    for (long block = blockCount(); block != 0; block = blockCount()) {
      for (long i = 0; i < block; i++) {
        out.add(string());
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <E> ArrayList<E> reusable(List<E> list) {
    return list instanceof ArrayList<E> a ? a : new ArrayList<>();
  }

  private static <E> E add(ArrayList<E> list, E e) {
    list.add(e);
    return e;
  }

  private static void truncate(ArrayList<?> list, int n) {
    if (list.size() > n) {
      list.subList(n, list.size()).clear();
    }
  }

  /** Items in the next array/map block; a negative count is followed by the block's size in bytes. */
  private long blockCount() {
    long n = readLong();
    if (n < 0) {
      readLong();
      n = -n;
    }
    return n;
  }

  private int index() {
    int i = readInt();
    if (i != 0 && i != 1) {
      throw new IllegalArgumentException("union index " + i + " out of range");
    }
    return i;
  }

  private boolean bool() {
    return buf[pos++] != 0;
  }

  private String string() {
    int n = readInt();
    if (n == 0) {
      return "";
    }
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  private String optString() {
    return index() == 0 ? null : string();
  }

  private ByteBuffer bytes() {
    int n = readInt();
    byte[] b = new byte[n];
    System.arraycopy(buf, pos, b, 0, n);
    pos += n;
    return ByteBuffer.wrap(b);
  }

  private int readInt() {
    long v = readLong();
    if (v != (int) v) {
      throw new IllegalArgumentException("int out of range: " + v);
    }
    return (int) v;
  }

  /** Zig-zag varint, at most 10 bytes. */
  private long readLong() {
    long raw = 0;
    int shift = 0;
    byte b;
    do {
      if (shift > 63) {
        throw new IllegalArgumentException("invalid varint");
      }
      b = buf[pos++];
      raw |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    return (raw >>> 1) ^ -(raw & 1);
  }
}
