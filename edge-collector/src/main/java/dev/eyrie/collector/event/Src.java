package dev.eyrie.collector.event;

/** Where a parameter's value comes from in a ring record. */
public enum Src {
  ARG0, ARG1, ARG2, ARG3, ARG4, ARG5,
  /** the syscall's return value */
  RES,
  /** string blobs in ascending argument order (see collector.h) */
  BLOB0, BLOB1, BLOB2,
  FILE_DEV, FILE_INO,
  /** the socket endpoints, rendered client->server */
  TUPLE,
  /** the user-supplied sockaddr (connect/sendto/recvfrom/sendmsg/recvmsg/accept) */
  UADDR,
  /** openat2's struct open_how (flags, mode, resolve), copied from user memory at exit */
  HOW_FLAGS, HOW_MODE, HOW_RESOLVE,
  NONE;

  public boolean isArg() {
    return ordinal() <= ARG5.ordinal();
  }
}
