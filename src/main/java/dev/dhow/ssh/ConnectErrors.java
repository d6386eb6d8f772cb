package dev.dhow.ssh;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/** Turns the exceptions of a failed connection into the one plain sentence a user needs. */
final class ConnectErrors {
    private ConnectErrors() {}

    /** {@code host web1: connection refused (port 22)}; {@code who} may name a hop too ({@code web1: jump host bastion}). */
    static String describe(String who, int port, Throwable error, Duration timeout) {
        return "host " + who + ": " + reason(port, error, timeout);
    }

    /** The sentence without the host: what went wrong on the way to {@code port}. */
    static String reason(int port, Throwable error, Duration timeout) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "could not resolve host name";
            }
            if (t instanceof NoRouteToHostException) return "no route to host";
            if (t instanceof ConnectException) {
                String m = String.valueOf(t.getMessage()).toLowerCase();
                if (m.contains("timed out")) return timedOutAfter(timeout);
                return "connection refused (port " + port + ")";
            }
            if (t instanceof SocketTimeoutException || t instanceof java.nio.channels.InterruptedByTimeoutException) {
                return timedOutAfter(timeout);
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("within specified timeout") || m.contains("timed out") || m.contains("Timeout")) {
                return timedOutAfter(timeout);
            }
        }
        if (error == null) return "connection failed";
        String m = error.getMessage();
        for (Throwable t = error.getCause(); (m == null || m.isBlank()) && t != null; t = t.getCause()) m = t.getMessage();
        return m == null ? error.getClass().getSimpleName() : m;
    }

    static String timedOut(String who, Duration timeout) {
        return "host " + who + ": " + timedOutAfter(timeout);
    }

    static String timedOutAfter(Duration timeout) {
        return "timed out after " + seconds(timeout) + "s";
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
