package dev.dhow.deploy;

import dev.dhow.core.DhowException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Holds the other roles back until the first primary-role container is healthy (Kamal's boot barrier). Set once:
 * opened by the first healthy primary container, closed by the first failing one.
 */
final class Barrier {
    private final CompletableFuture<Boolean> state = new CompletableFuture<>();

    /** Opens the barrier; true if this call decided it. */
    boolean open() {
        return state.complete(true);
    }

    /** Closes the barrier for good; true if this call decided it. */
    boolean close() {
        return state.complete(false);
    }

    /** Blocks until decided; throws {@code Halted at barrier} when closed. */
    void await() {
        try {
            if (!state.get()) throw new DhowException("Halted at barrier");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DhowException("interrupted at barrier");
        } catch (ExecutionException e) {
            throw new DhowException("Halted at barrier");
        }
    }
}
