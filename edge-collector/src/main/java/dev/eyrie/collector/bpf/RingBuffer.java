package dev.eyrie.collector.bpf;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.eyrie.collector.CollectorException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the BPF ring buffer straight from its mmap'd pages: no JNA call per record. Layout (kernel ringbuf): page 0
 * holds consumer_pos (written by us), page 1 producer_pos, then the data area mapped twice in a row so a record that
 * wraps is contiguous. Each record has an 8-byte header: u32 length with BUSY (bit 31) and DISCARD (bit 30), u32
 * page offset; records are 8-byte aligned.
 */
public final class RingBuffer implements AutoCloseable {
  private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
  private static final int BUSY = 1 << 31;
  private static final int DISCARD = 1 << 30;

  /** Receives one record: {@code buf} positions [off, off+len). Must not keep {@code buf} beyond the call. */
  public interface Handler {
    void onRecord(ByteBuffer buf, int off, int len);
  }

  private final LibC libc = LibC.INSTANCE;
  private final int page;
  private final long mask;
  private final Pointer consMap;
  private final Pointer prodMap;
  private final long prodLen;
  private final ByteBuffer cons;
  private final ByteBuffer data;
  private final int epfd;
  private final byte[] epollEvents = new byte[12 * 4];

  public RingBuffer(int mapFd, int size) {
    page = libc.getpagesize();
    mask = size - 1L;
    consMap = libc.mmap(null, new NativeLong(page), LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, mapFd,
        new NativeLong(0));
    prodLen = page + 2L * size;
    prodMap = libc.mmap(null, new NativeLong(prodLen), LibC.PROT_READ, LibC.MAP_SHARED, mapFd, new NativeLong(page));
    if (isFailed(consMap) || isFailed(prodMap)) {
      throw new CollectorException("mmap of the BPF ring buffer failed (errno "
          + com.sun.jna.Native.getLastError() + ")");
    }
    cons = consMap.getByteBuffer(0, page).order(ByteOrder.nativeOrder());
    data = prodMap.getByteBuffer(0, prodLen).order(ByteOrder.nativeOrder());
    epfd = libc.epoll_create1(LibC.EPOLL_CLOEXEC);
    byte[] ev = new byte[12];
    ByteBuffer.wrap(ev).order(ByteOrder.nativeOrder()).putInt(0, LibC.EPOLLIN).putLong(4, 0);
    if (epfd < 0 || libc.epoll_ctl(epfd, LibC.EPOLL_CTL_ADD, mapFd, ev) != 0) {
      throw new CollectorException("epoll on the BPF ring buffer failed (errno "
          + com.sun.jna.Native.getLastError() + ")");
    }
  }

  private static boolean isFailed(Pointer p) {
    return p == null || Pointer.nativeValue(p) == -1L;
  }

  /** Waits until the kernel signals data (batched wakeups) or the timeout passes. */
  public void await(int timeoutMs) {
    libc.epoll_wait(epfd, epollEvents, 4, timeoutMs);
  }

  /** bytes produced but not yet consumed */
  public long lag() {
    return (long) LONG.getAcquire(data, 0) - (long) LONG.getAcquire(cons, 0);
  }

  /** Hands every complete record to {@code h}; returns how many. */
  public int drain(Handler h) {
    long c = (long) LONG.getAcquire(cons, 0);
    long p = (long) LONG.getAcquire(data, 0);
    int n = 0;
    while (c < p) {
      int off = page + (int) (c & mask);
      int hdr = (int) INT.getAcquire(data, off);
      if ((hdr & BUSY) != 0) {
        break; // reserved, not yet committed: the producer is still writing it
      }
      int len = hdr & ~(BUSY | DISCARD);
      if ((hdr & DISCARD) == 0) {
        h.onRecord(data, off + 8, len);
        n++;
      }
      c += (len + 8 + 7) & ~7L;
      if ((n & 63) == 0) {
        LONG.setRelease(cons, 0, c); // give space back in slices, not only at the end of a long drain
      }
      if (c >= p) {
        p = (long) LONG.getAcquire(data, 0);
      }
    }
    LONG.setRelease(cons, 0, c);
    return n;
  }

  @Override
  public void close() {
    libc.close(epfd);
    libc.munmap(consMap, new NativeLong(page));
    libc.munmap(prodMap, new NativeLong(prodLen));
  }
}
