package dev.eyrie.capture;

import dev.eyrie.schema.Event;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a sysdig/Falco scap capture and yields Eyrie events, rebuilding process, fd, user and container
 * state the way libsinsp does so every event stands on its own.
 *
 * <pre>{@code
 * try (CaptureReader r = CaptureReader.open(path)) {
 *     r.events().forEach(sink);
 * }
 * }</pre>
 * A reader is single-pass: use either {@link #events()} / {@link #iterator()} or {@link #decoded()}.
 * Corrupt input surfaces as {@link ScapFormatException} (wrapped in UncheckedIOException while streaming),
 * naming the file and the byte offset of the bad block.
 */
public final class CaptureReader implements Closeable, Iterable<Event> {
    private final ScapFile file;
    private final StateTracker state;
    private final ArgRenderer renderer;
    private final EventBuilder builder;
    private boolean started;
    /** Leading container events are state that sysdig loads at open time and never prints. */
    private boolean inInitialContainers = true;

    private CaptureReader(ScapFile file) {
        this.file = file;
        this.state = new StateTracker(file.metadata());
        this.renderer = new ArgRenderer(state);
        this.builder = new EventBuilder(file, state);
    }

    public static CaptureReader open(Path path) throws IOException {
        return new CaptureReader(ScapFile.open(path));
    }

    public Metadata metadata() { return file.metadata(); }

    /** Thread table as rebuilt so far (for inspection in tests and tools). */
    public ThreadInfo thread(long tid) { return state.lookup(tid); }

    /** One step: the next event decoded and, if it is one Falco evaluates, its Eyrie event. Null at end. */
    public record Step(DecodedEvent decoded, Event event) {}

    public Step nextStep() throws IOException {
        started = true;
        while (true) {
            RawEvent e = file.next();
            if (e == null) return null;
            state.process(e);
            if (e.num() == 0) continue; // user/group table updates: state only
            int t = e.type();
            boolean container = t == Codes.CONTAINER_JSON_E || t == Codes.CONTAINER_JSON_2_E;
            if (!container) inInitialContainers = false;
            boolean internal = (e.info().category() & EventTable.EC_INTERNAL) != 0;
            boolean displayed = !internal && !state.filteredOut && !(container && inInitialContainers);
            ThreadInfo t0 = state.tinfo;
            int n = e.nparams();
            List<String> names = new ArrayList<>(n);
            List<String> values = new ArrayList<>(n);
            List<String> resolved = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ArgRenderer.Rendered r = renderer.render(e, i, t0);
                names.add(e.paramName(i));
                values.add(r.value());
                resolved.add(r.resolved());
            }
            String pname = t0 == null ? "<NA>" : t0.comm;
            DecodedEvent d = new DecodedEvent(e, pname, names, values, resolved, displayed);
            Event ev = builder.build(e, d, internal);
            return new Step(d, ev);
        }
    }

    /** Every decoded event in file order (enter and exit, internal ones flagged as not displayed). */
    public Iterator<DecodedEvent> decoded() {
        return new Iterator<>() {
            Step next;

            @Override public boolean hasNext() {
                if (next == null) {
                    try { next = nextStep(); } catch (IOException ex) { throw new UncheckedIOException(ex); }
                }
                return next != null;
            }

            @Override public DecodedEvent next() {
                if (!hasNext()) throw new NoSuchElementException();
                Step s = next;
                next = null;
                return s.decoded();
            }
        };
    }

    /** Eyrie events: one per syscall exit (enter parameters merged in) and per enter-only event. */
    @Override
    public Iterator<Event> iterator() {
        return new Iterator<>() {
            Event next;
            boolean done;

            @Override public boolean hasNext() {
                while (next == null && !done) {
                    Step s;
                    try { s = nextStep(); } catch (IOException ex) { throw new UncheckedIOException(ex); }
                    if (s == null) done = true; else next = s.event();
                }
                return next != null;
            }

            @Override public Event next() {
                if (!hasNext()) throw new NoSuchElementException();
                Event e = next;
                next = null;
                return e;
            }
        };
    }

    public Stream<Event> events() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public void close() throws IOException { file.close(); }
}
