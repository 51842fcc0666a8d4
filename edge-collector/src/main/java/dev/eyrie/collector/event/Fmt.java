package dev.eyrie.collector.event;

/** How a syscall parameter is rendered into {@code Arg.value}, following Falco's parameter types. */
public enum Fmt {
  DEC, HEX, OCT, FD, ERRNO, PID, UID, GID,
  /** PT_FSPATH: resolved against the process' cwd when relative */
  PATH,
  /** PT_FSRELPATH: resolved against the directory fd named by the parameter's dirfd */
  RELPATH,
  /** PT_CHARBUF: as given */
  STR,
  OPEN_FLAGS, CHMOD_MODE, CLONE_FLAGS, SOCK_DOMAIN, PTRACE_REQ, UNLINKAT_FLAGS, RENAMEAT2_FLAGS, LINKAT_FLAGS,
  MOUNT_FLAGS, BPF_CMD, ACCEPT4_FLAGS, DEV, TUPLE, SOCKADDR,
  /** openat2 RESOLVE_* flags */
  RESOLVE_FLAGS,
  /** payload the collector does not capture (e.g. I/O buffers): empty value, no raw */
  NONE
}
