package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A post that failed before a connection existed is known not to exist (sent again without a lookup); one that failed
 * once connected may have been posted (looked up before it is ever repeated). Real sockets on loopback.
 */
class SlackApiNetworkFailuresTest {
    private static final Duration TIMEOUT = Duration.ofMillis(700);

    @Test
    void aRefusedConnectionNeverCarriedThePost() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SlackApi api = new SlackApi("http://127.0.0.1:" + closedPort + "/api/", "xoxb-test", TIMEOUT);

        SlackCallException failure = catchThrowableOfType(SlackCallException.class,
                () -> api.post("#alerts", null, "text", null, "root:1"));

        assertThat(failure.kind()).isEqualTo(SlackCallException.Kind.RETRYABLE);
        assertThat(failure.getMessage()).contains("ConnectException");
        assertThat(failure.outcomeUnknown()).isFalse();
    }

    @Test
    void aPostWithoutAnswerMayHaveBeenPosted() throws IOException {
        List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SlackApi api = new SlackApi("http://127.0.0.1:" + silent.getLocalPort() + "/api/", "xoxb-test", TIMEOUT);

            SlackCallException failure = catchThrowableOfType(SlackCallException.class,
                    () -> api.post("#alerts", null, "text", null, "root:2"));

            assertThat(failure.kind()).isEqualTo(SlackCallException.Kind.RETRYABLE);
            assertThat(failure.outcomeUnknown()).as("the request went out; Slack may have posted it").isTrue();
        } finally {
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void onlyFailuresBeforeAConnectionCountAsNeverSent() {
        assertThat(SlackApi.neverSent(new ConnectException("Connection refused"))).isTrue();
        assertThat(SlackApi.neverSent(new IOException("wrapped", new UnknownHostException("slack.com")))).isTrue();
        assertThat(SlackApi.neverSent(new SocketTimeoutException("timeout"))).isFalse();
        assertThat(SlackApi.neverSent(new IOException("unexpected end of stream"))).isFalse();
    }
}
