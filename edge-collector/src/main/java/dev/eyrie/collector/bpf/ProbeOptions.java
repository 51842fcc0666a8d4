package dev.eyrie.collector.bpf;

import dev.eyrie.collector.event.SyscallDef;
import java.nio.file.Path;
import java.util.List;

/**
 * @param libbpf library name handed to JNA (libbpf.so.1; tests point it elsewhere)
 * @param tracefs tracefs root whose events/ directory lists the tracepoints
 * @param ringBytes ring buffer size, a power of two multiple of the page size
 * @param wakeupBytes backlog at which the kernel wakes the reader
 * @param snaplen bytes of read/write/send/recv data copied into evt.buffer (0: none)
 */
public record ProbeOptions(
    List<SyscallDef> syscalls, int selfTgid, String libbpf, Path tracefs, int ringBytes, int wakeupBytes,
    int argsMax, int envMax, int snaplen) {}
