package dev.eyrie.engine.testkit;

import dev.eyrie.schema.FileDescriptor;

/** fd.type names and their fd.typechar, as Falco prints them. */
final class FdTypes {
  private FdTypes() {}

  static String fromTypechar(String c) {
    return switch (c) {
      case "f" -> "file";
      case "4" -> "ipv4";
      case "6" -> "ipv6";
      case "u" -> "unix";
      case "p" -> "pipe";
      case "e" -> "event";
      case "s" -> "signalfd";
      case "l" -> "eventpoll";
      case "i" -> "inotify";
      case "t" -> "timerfd";
      case "n" -> "netlink";
      case "d" -> "directory";
      case "b" -> "bpf";
      case "u2", "userfaultfd" -> "userfaultfd";
      case "r" -> "io_uring";
      case "m" -> "memfd";
      default -> throw new IllegalArgumentException("unknown fd.typechar '" + c + "'");
    };
  }

  static boolean isSocket(String type) {
    return "ipv4".equals(type) || "ipv6".equals(type);
  }

  /** Falco's socket fd.name: client ip:port -> server ip:port. */
  static String socketName(FileDescriptor.Builder fd) {
    String lip = fd.getLocalIp() + ":" + (fd.getLocalPort() == null ? 0 : fd.getLocalPort());
    String rip = fd.getRemoteIp() + ":" + (fd.getRemotePort() == null ? 0 : fd.getRemotePort());
    return fd.getIsServer() ? rip + "->" + lip : lip + "->" + rip;
  }
}
