package dev.firebreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a TCP port on the loopback interface that is free right now. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Asks the OS for an ephemeral loopback port and releases it again. Another process may grab it before the caller
     * binds, so callers that start external processes should retry on a bind failure.
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
