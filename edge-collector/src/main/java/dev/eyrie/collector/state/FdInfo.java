package dev.eyrie.collector.state;

/** What the collector knows about one open fd of a process; rebuilt into Avro FileDescriptor per event. */
public final class FdInfo {
  public String type = "file";
  public String name = "";
  public String nameraw;
  public long openFlags;
  public long ino;
  public long dev;
  public String l4proto;
  public String sockfamily;
  public String localIp;
  public int localPort = -1;
  public String remoteIp;
  public int remotePort = -1;
  public boolean server;
  public boolean connected;

  public FdInfo copy() {
    FdInfo c = new FdInfo();
    c.type = type;
    c.name = name;
    c.nameraw = nameraw;
    c.openFlags = openFlags;
    c.ino = ino;
    c.dev = dev;
    c.l4proto = l4proto;
    c.sockfamily = sockfamily;
    c.localIp = localIp;
    c.localPort = localPort;
    c.remoteIp = remoteIp;
    c.remotePort = remotePort;
    c.server = server;
    c.connected = connected;
    return c;
  }

  /** fd.type from the inode mode */
  public static String typeOfMode(int mode) {
    return switch (mode & 0170000) {
      case 0040000 -> "directory";
      case 0010000 -> "pipe";
      case 0140000 -> "unix";
      default -> "file";
    };
  }
}
