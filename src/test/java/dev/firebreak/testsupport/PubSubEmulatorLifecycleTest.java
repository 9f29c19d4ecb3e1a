package dev.firebreak.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

class PubSubEmulatorLifecycleTest {

    @Test
    void sharedInstanceIsReusedAndPublishedForOtherClassLoaders() {
        PubSubEmulator emulator = PubSubEmulator.shared();

        assertThat(PubSubEmulator.shared()).isSameAs(emulator);
        assertThat(emulator.isAlive()).isTrue();
        assertThat(emulator.hostPort()).isEqualTo("127.0.0.1:" + emulator.port());
        assertThat(emulator.restBase()).hasToString("http://127.0.0.1:" + emulator.port() + "/v1");
        assertThat(System.getProperty(PubSubEmulator.SHARED_PORT_PROPERTY)).isEqualTo(String.valueOf(emulator.port()));
    }

    @Test
    void privateInstanceLogsToTargetAndStopsOnClose() throws IOException {
        PubSubEmulator emulator = PubSubEmulator.start();
        int port = emulator.port();
        try (emulator) {
            assertThat(emulator.port()).isNotEqualTo(PubSubEmulator.shared().port());
            assertThat(emulator.admin().createTopic("lifecycle", "probe-topic").path("name").asText())
                    .isEqualTo("projects/lifecycle/topics/probe-topic");
            assertThat(emulator.logFile()).exists();
            assertThat(emulator.logFile().getParent().getParent().getFileName()).hasToString("target");
            assertThat(Files.readString(emulator.logFile())).contains("Server started, listening on " + port);
        }

        assertThat(emulator.isAlive()).isFalse();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            }
        }).isInstanceOf(IOException.class);
    }
}
