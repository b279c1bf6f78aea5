package lab.miribit.fleetops.chat.mattermost;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * The one way fleet-ops calls Mattermost: a JSON post to a {@code response_url} or an incoming webhook, only to a
 * configured host, bounded in time. A Mattermost that is down costs one log line, never a retry storm; the URL
 * (a webhook URL is a credential) is never logged.
 */
final class MattermostPoster {

    private static final Logger LOG = Logger.getLogger(MattermostPoster.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<String> hosts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    MattermostPoster(List<String> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    /** Whether fleet-ops may call {@code url} at all: http(s) on a configured host. */
    boolean allowed(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && hosts.contains(uri.getHost())
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getUserInfo() == null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** Mattermost's user ids: 26 lowercase letters and digits; anything else never reaches a URL. */
    private static final java.util.regex.Pattern USER_ID = java.util.regex.Pattern.compile("[a-z0-9]{26}");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The user's language as {@code GET /api/v4/users/{id}} tells it ({@code ko}, {@code en}); empty when it does not. */
    java.util.Optional<String> userLocale(String apiUrl, String token, String userId) throws IOException, InterruptedException {
        String url = apiUrl.replaceAll("/+$", "") + "/api/v4/users/" + userId;
        if (userId == null || !USER_ID.matcher(userId).matches() || !allowed(url)) {
            return java.util.Optional.empty();
        }
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            LOG.debugf("Mattermost answered HTTP %d to a user lookup", answer.statusCode());
            return java.util.Optional.empty();
        }
        String locale = JSON.readTree(answer.body()).path("locale").asText("");
        return locale.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(locale);
    }

    /** Posts {@code json}; false when the URL is not allowed or Mattermost did not take it. */
    boolean post(String url, String json) {
        if (!allowed(url)) {
            return false;
        }
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() >= 300) {
                LOG.warnf("Mattermost answered HTTP %d to a post", answer.statusCode());
            }
            return answer.statusCode() < 300;
        } catch (IOException e) {
            LOG.warnf("could not post to Mattermost: %s", e.getClass().getSimpleName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
