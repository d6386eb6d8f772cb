package dev.dhow.output;

import java.util.List;

/** Where events go: a renderer, a log, a test's recorder. Implementations are thread-safe (hosts run in parallel). */
@FunctionalInterface
public interface EventSink extends AutoCloseable {
    void emit(Event event);

    /** Flushes and releases what the sink holds (a status line, a file); safe to call twice. */
    @Override
    default void close() {}

    /** Every event to each of {@code sinks}, in order. */
    static EventSink all(List<EventSink> sinks) {
        List<EventSink> copy = List.copyOf(sinks);
        if (copy.size() == 1) return copy.get(0);
        return new EventSink() {
            @Override
            public void emit(Event event) {
                for (EventSink s : copy) s.emit(event);
            }

            @Override
            public void close() {
                for (EventSink s : copy) s.close();
            }
        };
    }
}
