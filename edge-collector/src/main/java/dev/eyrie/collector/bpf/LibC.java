package dev.eyrie.collector.bpf;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** libc calls without a Java equivalent: mmap of the ring, epoll on its fd, CLOCK_BOOTTIME, va_list formatting. */
public interface LibC extends Library {
  LibC INSTANCE = Native.load("c", LibC.class);

  int PROT_READ = 1;
  int PROT_WRITE = 2;
  int MAP_SHARED = 1;
  int EPOLL_CLOEXEC = 0x80000;
  int EPOLL_CTL_ADD = 1;
  int EPOLLIN = 1;
  int CLOCK_REALTIME = 0;
  int CLOCK_BOOTTIME = 7;

  Pointer mmap(Pointer addr, NativeLong length, int prot, int flags, int fd, NativeLong offset);

  int munmap(Pointer addr, NativeLong length);

  int epoll_create1(int flags);

  /** event: the packed 12-byte struct epoll_event (u32 events, u64 data). */
  int epoll_ctl(int epfd, int op, int fd, byte[] event);

  int epoll_wait(int epfd, byte[] events, int maxEvents, int timeoutMs);

  int close(int fd);

  /** ts: two longs (tv_sec, tv_nsec). */
  int clock_gettime(int clock, long[] ts);

  int vsnprintf(byte[] buf, NativeLong size, String format, Pointer vaList);

  int getpagesize();
}
