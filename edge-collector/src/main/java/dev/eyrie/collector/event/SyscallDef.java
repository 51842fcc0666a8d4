package dev.eyrie.collector.event;

import java.util.List;

/**
 * One traced syscall: its x86_64 number, the capture recipe written into the BPF program's .rodata (see
 * collector.h struct sc_desc) and how the exit record becomes Falco-named parameters.
 *
 * @param dataArg arg index + 1 of an I/O buffer whose first bytes become evt.buffer (0: none)
 * @param eventFd which fd the event acts on (Event.fd): an argument, the return value, or NONE
 * @param createsFd the return value is a new fd that enters the process' fd table
 */
public record SyscallDef(
    int nr, String name, int kind, int strMask, int fileFd, int sockFd, int uaddr, int uaddrLen, int msghdr,
    int dataArg, Src eventFd, boolean createsFd, List<Param> params) {

  public static final int KIND_PLAIN = 0;
  public static final int KIND_EXEC = 1;
  public static final int KIND_FORK = 2;
  /** fd selector value meaning "the return value" (collector.h FD_RET) */
  public static final int FD_RET = 7;

  /** the 8 bytes of struct sc_desc */
  public byte[] descriptor() {
    return new byte[] {1, (byte) (kind | dataArg << 4), (byte) strMask, (byte) fileFd, (byte) sockFd, (byte) uaddr, (byte) uaddrLen,
        (byte) msghdr};
  }

  public int blobCount() {
    return Integer.bitCount(strMask);
  }
}
