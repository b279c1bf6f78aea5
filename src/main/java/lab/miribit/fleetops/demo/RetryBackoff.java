package lab.miribit.fleetops.demo;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import lab.miribit.fleetops.argocd.GoDuration;

/** When the controller tries a failed operation again (pkg/apis/application/v1alpha1/types.go, Backoff). */
final class RetryBackoff {

    private RetryBackoff() {
    }

    /** types.go NextRetryAt: last + min(maxDuration, duration × factor^count); defaults 5s, ×2, 3m; a bare number is seconds. */
    static Instant nextRetryAt(Instant last, JsonNode operation, long count) {
        JsonNode backoff = operation.path("retry").path("backoff");
        Duration duration = goDuration(backoff.path("duration").asText("5s"), Duration.ofSeconds(5));
        long factor = backoff.path("factor").asLong(2);
        Duration max = goDuration(backoff.path("maxDuration").asText("3m"), Duration.ofMinutes(3));
        double millis = duration.toMillis() * Math.pow(factor, count);
        long capped = max.isZero() ? (long) millis : (long) Math.min(millis, max.toMillis());
        return last.plusMillis(capped);
    }

    private static Duration goDuration(String text, Duration fallback) {
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
