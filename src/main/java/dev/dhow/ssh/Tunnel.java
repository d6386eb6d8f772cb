package dev.dhow.ssh;

/** An open port forward; closing it stops forwarding. */
public interface Tunnel extends AutoCloseable {
    /** The listening port: on this machine for -L, on the host for -R. */
    int port();

    @Override
    void close();
}
