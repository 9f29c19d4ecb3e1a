package dev.firebreak.ingest.pubsub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.firebreak.testsupport.ReceivedMessage;

/**
 * Stopping the subscriber in the middle of a burst: what was acknowledged is committed, what was committed was
 * acknowledged, and everything else is redelivered to the next subscriber and stored once.
 */
@QuarkusTest
@TestProfile(PullTestProfile.class)
class PubSubPullShutdownTest {
    private static final Logger LOG = Logger.getLogger(PubSubPullShutdownTest.class);
    static final int BURST = 300;

    @Inject
    DataSource dataSource;

    @Inject
    PubSubPuller puller;

    @Test
    void stoppingMidBurstLeavesNothingHalfDone() {
        PullFixture fixture = new PullFixture(dataSource);
        String prefix = PullFixture.unique("0.pull-burst");
        List<String> published = fixture.publishOpens(
                IntStream.range(0, BURST).mapToObj(i -> prefix + "-" + i).toList());
        Awaitility.await()
                .atMost(PullFixture.WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> fixture.storedOf(published) >= 10);

        long stopStarted = System.nanoTime();
        puller.stop();
        long stopMillis = (System.nanoTime() - stopStarted) / 1_000_000;
        List<String> stored = fixture.storedIdsOf(published);
        LOG.infof("stopped after %d of %d messages were stored; stop took %d ms", stored.size(), BURST, stopMillis);
        try {
            assertThat(stored.size()).as("the burst was still in flight when stopped").isLessThan(BURST);
            Awaitility.await()
                    .during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(fixture.storedOf(published)).isEqualTo(stored.size()));
            given().get("/q/health/ready").then().statusCode(503);

            // what the stopped subscriber did not acknowledge is available again, immediately
            List<ReceivedMessage> leftovers = fixture.pullLeftovers(BURST - stored.size(), Duration.ofSeconds(5));
            Set<String> leftoverIds = new HashSet<>();
            leftovers.forEach(message -> leftoverIds.add(message.messageId()));
            assertThat(leftoverIds).as("committed messages were all acknowledged").doesNotContainAnyElementsOf(stored);
            Set<String> accountedFor = new HashSet<>(stored);
            accountedFor.addAll(leftoverIds);
            assertThat(accountedFor).as("every message is either committed or still in Pub/Sub")
                    .containsExactlyInAnyOrderElementsOf(published);
            LOG.infof("%d messages were handed back and pulled by another subscriber", leftoverIds.size());
            fixture.admin.nack(PullFixture.PROJECT, fixture.subscription,
                    leftovers.stream().map(ReceivedMessage::ackId).toList());
        } finally {
            puller.start();
        }
        long restarted = System.nanoTime();

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(fixture.storedOf(published)).isEqualTo(BURST));
        assertThat(fixture.storedIdsOf(published)).doesNotHaveDuplicates().hasSize(BURST);
        LOG.infof("all %d stored once, %d ms after the restart", BURST, (System.nanoTime() - restarted) / 1_000_000);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
