package dev.eyrie.capture;

import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Event;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Eyrie events carry the process, fd, user and container state Falco rules read. */
class CaptureStateTest {

    private static List<Event> events(String name) throws IOException {
        try (CaptureReader r = CaptureReader.open(Captures.capture(name))) {
            return r.events().collect(Collectors.toList());
        }
    }

    private static String arg(Event e, String name) {
        for (Arg a : e.getArgs()) if (a.getName().equals(name)) return a.getValue();
        return null;
    }

    @Test
    void catWriteHasFilePathProcessAndParent() throws IOException {
        // cat_write.scap is `cat /dev/null`: its I/O is the read of the opened file (there is no write syscall)
        List<Event> evs = events("cat_write");
        Event write = evs.stream().filter(e -> e.getType().equals("read") && e.getProc().getName().equals("cat")
                && e.getFd() != null && e.getFd().getType().equals("file")).reduce((a, b) -> b).orElseThrow();
        assertEquals("/dev/null", write.getFd().getName());
        assertEquals("cat", write.getProc().getName());
        assertEquals(20072L, write.getProc().getPid());
        assertEquals("bash", write.getAncestors().get(0).getName());
        assertEquals(11310L, write.getProc().getPpid());
        assertEquals(List.of("/dev/null"), write.getProc().getArgs());
        // the exit event carries the enter's fd and size
        assertNotNull(arg(write, "fd"));
        assertNotNull(arg(write, "size"));
        assertEquals("host", write.getContainer().getId());
        assertTrue(write.getSeq() > 0);
        assertEquals(write.getHost().getId() + ":" + write.getHost().getBootId() + ":" + write.getSeq(), write.getEventId());
    }

    @Test
    void openExitResolvesFlagsAndPath() throws IOException {
        Event open = events("psp-write_tmp_test").stream().filter(e -> e.getType().equals("open")).findFirst().orElseThrow();
        assertEquals("/tmp/test", open.getFd().getName());
        assertEquals("O_TRUNC|O_CREAT|O_WRONLY", arg(open, "flags"));
        assertEquals(3L, open.getRes());
        assertEquals("bash", open.getProc().getName());
    }

    @Test
    void connectCarriesTupleAndSocketEnds() throws IOException {
        Event c = events("connect_localhost").stream().filter(e -> e.getType().equals("connect")).findFirst().orElseThrow();
        assertEquals(-115L, c.getRes());
        assertEquals("127.0.0.1:47192->127.0.0.1:80", c.getFd().getName());
        assertEquals("127.0.0.1", c.getFd().getRemoteIp());
        assertEquals(80, c.getFd().getRemotePort());
        assertEquals("tcp", c.getFd().getL4proto());
    }

    @Test
    void udpSocketTupleFollowsSendtoThenKeepsItsFirstPeer() throws IOException {
        // test_ipv6_client: sendto on an unbound UDP socket, connect, then a second connect to another peer
        List<Event> sends = events("test_ipv6_client").stream().filter(e -> e.getType().equals("sendto")).toList();
        assertEquals(4, sends.size());
        // the first sendto gives the socket its peer; the local address is inferred from the interface list
        assertEquals("::1:0->::1:2345", sends.get(0).getFd().getName());
        assertEquals("udp", sends.get(0).getFd().getL4proto());
        assertEquals("::1:38255->::1:2345", sends.get(1).getFd().getName());
        // libsinsp never replaces a known destination on connect: the second peer does not show
        assertEquals("::1:38255->::1:2345", sends.get(3).getFd().getName());
        assertEquals("::1", sends.get(3).getFd().getRemoteIp());
        assertEquals(2345, sends.get(3).getFd().getRemotePort());
        assertTrue(sends.get(3).getFd().getConnected());
    }

    @Test
    void containerProcessesGetContainerMetadata() throws IOException {
        Event ex = events("psp-run_as_user_65534_container").stream().filter(e -> e.getType().equals("execve")).findFirst().orElseThrow();
        assertEquals("697956520d89", ex.getContainer().getId());
        assertEquals("nologin", ex.getProc().getName());
    }

    @Test
    void enterEventsAreNotEmittedButEnterOnlyEventsAre() throws IOException {
        List<Event> evs = events("sample");
        assertTrue(evs.stream().anyMatch(e -> e.getType().equals("switch")));
        assertFalse(evs.stream().anyMatch(e -> e.getType().equals("procinfo")));
        long distinct = evs.stream().map(Event::getSeq).distinct().count();
        assertEquals(evs.size(), distinct);
    }

    @Test
    void truncatedFileReportsFileAndOffset(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        byte[] all;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(Captures.capture("cat_write")))) {
            all = in.readAllBytes();
        }
        Path cut = tmp.resolve("cut.scap");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 10));
        ScapFormatException ex = assertThrows(ScapFormatException.class, () -> {
            try (CaptureReader r = CaptureReader.open(cut)) {
                try {
                    r.events().forEach(e -> { });
                } catch (java.io.UncheckedIOException u) {
                    throw u.getCause();
                }
            }
        });
        assertTrue(ex.getMessage().contains("cut.scap:"), ex.getMessage());
        assertTrue(ex.offset() > 0);
        Path junk = tmp.resolve("junk.scap");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        ScapFormatException ex2 = assertThrows(ScapFormatException.class, () -> CaptureReader.open(junk).close());
        assertTrue(ex2.getMessage().contains("junk.scap:0"), ex2.getMessage());
        assertNull(null);
    }
}
