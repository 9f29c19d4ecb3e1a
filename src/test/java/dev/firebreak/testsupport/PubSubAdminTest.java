package dev.firebreak.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PubSubAdminTest {

    @ParameterizedTest
    @CsvSource({
            "PT0S, 0s",
            "PT1S, 1s",
            "PT10M, 600s",
            "PT0.25S, 0.250000000s",
            "PT1.000000001S, 1.000000001s"
    })
    void writesProtobufJsonDurations(Duration duration, String expected) {
        assertThat(PubSubAdmin.protobufDuration(duration)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "alerts, projects/p1/topics/alerts",
            "projects/other/topics/dead, projects/other/topics/dead"
    })
    void expandsTopicIdsButKeepsFullNames(String topic, String expected) {
        assertThat(PubSubAdmin.topicName("p1", topic)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("pushOnlyOptions")
    void pullSubscriptionsRejectPushOnlySettings(SubscriptionOptions options) {
        PubSubAdmin admin = new PubSubAdmin(URI.create("http://127.0.0.1:1/v1"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> admin.createPullSubscription("p1", "sub", "topic", options))
                .withMessageContaining("push subscriptions only");
    }

    static SubscriptionOptions[] pushOnlyOptions() {
        return new SubscriptionOptions[]{
                SubscriptionOptions.defaults().unwrapped(false),
                SubscriptionOptions.defaults().unwrapped(true),
                SubscriptionOptions.defaults().oidcToken("sa@p1.iam.gserviceaccount.com", null)
        };
    }
}
