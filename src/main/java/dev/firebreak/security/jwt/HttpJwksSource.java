package dev.firebreak.security.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a key set over HTTP(S) with short timeouts and a size cap, and reads {@code Cache-Control: max-age}.
 */
public final class HttpJwksSource implements JwksSource {
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*(\\d{1,9})");

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    public HttpJwksSource(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public Document fetch() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the key set", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("the key set host answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(JwksParser.MAX_JWKS_BYTES + 1);
            if (bytes.length > JwksParser.MAX_JWKS_BYTES) {
                throw new IOException("the key set is larger than " + JwksParser.MAX_JWKS_BYTES + " bytes");
            }
            return new Document(bytes, maxAge(response.headers().firstValue("Cache-Control").orElse("")));
        }
    }

    static Optional<Duration> maxAge(String cacheControl) {
        Matcher matcher = MAX_AGE.matcher(cacheControl.toLowerCase(Locale.ROOT));
        return matcher.find() ? Optional.of(Duration.ofSeconds(Long.parseLong(matcher.group(1)))) : Optional.empty();
    }
}
