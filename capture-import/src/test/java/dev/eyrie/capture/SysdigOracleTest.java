package dev.eyrie.capture;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Decodes every event of each capture and compares the events sysdig displays, line by line and
 * byte for byte, with what sysdig 0.29.3 printed (../shared/captures/*.sysdig.txt). Times are UTC, as
 * in the oracle files. Nothing is normalized: number, time, cpu, process name, tid, direction, type
 * and the whole argument text must match. Events sysdig does not display (internal procinfo/scap
 * events, container events consumed as initial state) are decoded too but have no oracle line.
 */
class SysdigOracleTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "cat_write", "connect_localhost", "curl_google", "open-multiple-files", "ping_sendto", "psp-privileged",
            "psp-run_as_user_0_container", "psp-run_as_user_65534_container", "psp-write_tmp_test", "sample",
            "single_ipv6_conn", "syscall", "test_ipv6_client"})
    void matchesSysdigOutput(String name) throws Exception {
        List<String> expected = Files.readAllLines(Captures.oracle(name), StandardCharsets.UTF_8);
        // sysdig ends a line whose JSON argument holds a newline; the oracle then has a continuation line
        List<String> actual = new ArrayList<>();
        long decoded = 0;
        try (CaptureReader r = CaptureReader.open(Captures.capture(name))) {
            for (Iterator<DecodedEvent> it = r.decoded(); it.hasNext(); ) {
                DecodedEvent d = it.next();
                decoded++;
                if (d.displayed()) {
                    actual.addAll(List.of(d.sysdigLine().split("\n", -1)));
                }
            }
        }
        assertTrue(decoded >= expected.size(), "decoded fewer events than sysdig printed");
        List<String> diffs = new ArrayList<>();
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n && diffs.size() < 10; i++) {
            String e = i < expected.size() ? expected.get(i) : "<missing>";
            String a = i < actual.size() ? actual.get(i) : "<missing>";
            if (!e.equals(a)) diffs.add("line " + (i + 1) + "\n  expected: " + e + "\n  actual:   " + a);
        }
        if (!diffs.isEmpty()) {
            fail(name + ": " + diffs.size() + "+ mismatching lines (of " + expected.size() + ")\n" + String.join("\n", diffs));
        }
        assertEquals(expected.size(), actual.size());
    }
}
