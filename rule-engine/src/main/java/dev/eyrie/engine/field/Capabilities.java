package dev.eyrie.engine.field;

/** Linux capability bit → name, for thread.cap_* (rendered as space-separated names like libsinsp). */
public final class Capabilities {
  private static final String[] NAMES = {
    "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
    "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
    "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
    "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
    "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE"
  };

  private Capabilities() {}

  /** Bit number of a capability name such as {@code CAP_SYS_ADMIN} (case-insensitive), -1 if unknown. */
  public static int bit(String name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The capability set as libsinsp prints it: names separated by spaces. */
  public static String text(long mask) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      if ((mask & (1L << i)) == 0) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(i < NAMES.length ? NAMES[i] : "CAP_" + i);
    }
    return sb.toString();
  }
}
