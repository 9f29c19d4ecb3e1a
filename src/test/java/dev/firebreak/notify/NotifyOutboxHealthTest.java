package dev.firebreak.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.firebreak.testsupport.FakeSlack;
import dev.firebreak.testsupport.FakeSlackResource;
import dev.firebreak.testsupport.NotifierReplicas;
import dev.firebreak.testsupport.OutboxDriver;
import dev.firebreak.testsupport.SlackTestProfile;

/**
 * The outbox is observable: depth and oldest-age gauges in {@code /q/metrics}, and the notifications health group goes
 * DOWN while Slack is down for longer than {@code stuck-after} (4 s here), and UP again once Slack is back and the outbox
 * drained.
 */
@QuarkusTest
@TestProfile(SlackTestProfile.class)
class NotifyOutboxHealthTest {
    @Inject
    DataSource dataSource;
    @Inject
    NotificationDispatcher dispatcher;
    @Inject
    NotifierReplicas replicas;

    @Test
    void gaugesAndHealthFollowAnOutageAndTheRecovery() {
        FakeSlack slack = FakeSlackResource.slack();
        slack.clearFaults();
        OutboxDriver driver = new OutboxDriver(dataSource, dispatcher);
        // a replica of our own: poll() is what the scheduler runs, and it also refreshes the gauges
        NotificationDispatcher replica = replicas.replica();
        String channel = "#" + OutboxDriver.unique("outage");
        slack.createChannel(channel);

        slack.downFor(Duration.ofSeconds(60));
        long id = driver.open(OutboxDriver.unique("0.outage"), OutboxDriver.unique("checkout-outage"), "Critical",
                Map.of("slack_channel", channel));
        long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        Response health = health();
        while (health.statusCode() == 200) {
            Response current = health;
            assertThat(System.nanoTime()).as("health goes DOWN while delivery is stuck; last: %s, pending %d, calls %s",
                    current.asString(), driver.pending(id), slack.calls()).isLessThan(deadline);
            replica.poll();
            OutboxDriver.sleep(Duration.ofMillis(200));
            health = health();
        }
        JsonPath down = health.jsonPath();
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(down.getString("status")).isEqualTo("DOWN");
        assertThat(down.getString("checks[0].name")).isEqualTo("Notification delivery");
        assertThat(down.getLong("checks[0].data.undelivered")).isPositive();
        assertThat(down.getLong("checks[0].data.oldestUndeliveredSeconds")).isGreaterThan(4);
        assertThat(driver.pending(id)).isPositive();
        assertThat(slack.roots(id)).isEmpty();
        replica.poll();
        assertThat(gauge("firebreak_notify_outbox_depth")).isGreaterThanOrEqualTo(1);
        assertThat(gauge("firebreak_notify_outbox_oldest_age_seconds")).isGreaterThan(4);

        slack.clearFaults();
        driver.deliverUntil(() -> driver.pendingEverywhere() == 0, Duration.ofSeconds(20),
                () -> driver.pendingEverywhere() + " undelivered");
        replica.poll();

        assertThat(slack.roots(id)).hasSize(1);
        assertThat(slack.calls()).extracting(c -> c.outcome()).contains("503");
        Response up = health();
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.jsonPath().getString("status")).isEqualTo("UP");
        assertThat(up.jsonPath().getLong("checks[0].data.undelivered")).isZero();
        assertThat(gauge("firebreak_notify_outbox_depth")).isZero();
        assertThat(gauge("firebreak_notify_outbox_oldest_age_seconds")).isZero();
    }

    private static Response health() {
        return given().get("/q/health/group/notifications");
    }

    private static double gauge(String name) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(body);
        assertThat(matcher.find()).as("%s is exported", name).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
