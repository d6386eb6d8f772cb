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

    static String describe(String host, int port, Throwable error, Duration timeout) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "host " + host + ": could not resolve host name";
            }
            if (t instanceof NoRouteToHostException) return "host " + host + ": no route to host";
            if (t instanceof ConnectException) {
                String m = String.valueOf(t.getMessage()).toLowerCase();
                if (m.contains("timed out")) return timedOut(host, timeout);
                return "host " + host + ": connection refused (port " + port + ")";
            }
            if (t instanceof SocketTimeoutException || t instanceof java.nio.channels.InterruptedByTimeoutException) {
                return timedOut(host, timeout);
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("within specified timeout") || m.contains("timed out") || m.contains("Timeout")) {
                return timedOut(host, timeout);
            }
        }
        String m = error.getMessage();
        for (Throwable t = error.getCause(); (m == null || m.isBlank()) && t != null; t = t.getCause()) m = t.getMessage();
        return "host " + host + ": " + (m == null ? error.getClass().getSimpleName() : m);
    }

    static String timedOut(String host, Duration timeout) {
        return "host " + host + ": timed out after " + seconds(timeout) + "s";
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
