package dev.eyrie.capture;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One event with its parameters rendered against the state at that point of the capture.
 *
 * @param displayed false for events sysdig does not print: internal events (procinfo, scap meta events)
 *                  and the container events it consumes as initial state when the capture opens
 */
public record DecodedEvent(RawEvent raw, String procName, List<String> argNames, List<String> argValues,
                           List<String> argResolved, boolean displayed) {

    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    public long num() { return raw.num(); }

    /** evt.args as sysdig prints it: name=value or name=value(resolved), each followed by a space. */
    public String argsText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < argNames.size(); i++) {
            sb.append(argNames.get(i)).append('=').append(argValues.get(i));
            String r = argResolved.get(i);
            if (!r.isEmpty()) sb.append('(').append(r).append(')');
            sb.append(' ');
        }
        return sb.toString();
    }

    /** The line `sysdig -r` prints for this event (times in UTC). */
    public String sysdigLine() {
        long ts = raw.ts();
        String time = HMS.format(Instant.ofEpochSecond(Long.divideUnsigned(ts, 1_000_000_000L))) + "."
                + String.format("%09d", Long.remainderUnsigned(ts, 1_000_000_000L));
        String args = (raw.type() == Codes.GENERIC_E || raw.type() == Codes.GENERIC_X) ? "" : argsText();
        return raw.num() + " " + time + " " + raw.cpu() + " " + procName + " (" + raw.tid() + ") "
                + (raw.isEnter() ? ">" : "<") + " " + raw.name() + " " + args;
    }
}
