# openat2(2) through syscall(437): glibc on Debian 12 has no wrapper. Usage: openat2.py DIR NAME RESOLVE
# Opens DIR/NAME for writing (create, truncate, close-on-exec, mode 0640) with the given RESOLVE_* bits and
# prints the result (fd or -errno); the test compares it with the captured event.
import ctypes, os, struct, sys

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
dirfd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
how = ctypes.create_string_buffer(struct.pack("<QQQ", os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC,
                                              0o640, int(sys.argv[3])), 24)
fd = libc.syscall(ctypes.c_long(437), ctypes.c_long(dirfd), ctypes.c_char_p(sys.argv[2].encode()), how,
                  ctypes.c_size_t(24))
print(fd if fd >= 0 else -ctypes.get_errno())
