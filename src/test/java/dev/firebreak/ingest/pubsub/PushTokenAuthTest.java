package dev.firebreak.ingest.pubsub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.Payloads;

/**
 * The legacy shared-secret check: missing token 401, wrong token 403, both problem+json and nothing stored.
 */
@QuarkusTest
@TestProfile(PushTokenAuthTest.TokenProfile.class)
class PushTokenAuthTest {
    @Inject
    DataSource dataSource;

    public static class TokenProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("firebreak.push.auth", "token", "firebreak.push.token", "s3cret-push-token");
        }
    }

    @Test
    void missingWrongAndRightToken() {
        String body = Payloads.envelope(Payloads.bytes(Payloads.notification("0.token", "open", 1_764_000_000L, null,
                "checkout-token")), "token-1");

        given().contentType(ContentType.JSON)
                .body(body)
                .post("/pubsub/push")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        given().contentType(ContentType.JSON)
                .body(body)
                .queryParam("token", "s3cret-push-tokeX")
                .post("/pubsub/push")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE message_id = 'token-1'")).isZero();

        given().contentType(ContentType.JSON)
                .body(body)
                .queryParam("token", "s3cret-push-token")
                .post("/pubsub/push")
                .then()
                .statusCode(204);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE message_id = 'token-1'")).isEqualTo(1);
    }
}
