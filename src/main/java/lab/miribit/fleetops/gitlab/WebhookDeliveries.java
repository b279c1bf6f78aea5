package lab.miribit.fleetops.gitlab;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The webhook deliveries already acted on, by GitLab's delivery id, so that a redelivery (GitLab retries when
 * an answer is slow) acts once. Remembered for {@code fleet.gitlab.webhook.delivery-memory}, at most
 * {@value #MAX} of them, in this replica's memory.
 */
@ApplicationScoped
public class WebhookDeliveries {

    static final int MAX = 10_000;

    /** What the first delivery led to (an operation id, or why nothing was done); null while it is being handled. */
    private record Seen(Instant at, String outcome) {
    }

    private final Map<String, Seen> seen = new LinkedHashMap<>();
    private final GitLabConfig config;
    private final Clock clock;

    WebhookDeliveries(GitLabConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /**
     * Claims the delivery id for the caller.
     *
     * @return empty when this is the first delivery (then {@link #done} or {@link #release} must follow), else
     *         what the first one led to
     */
    public synchronized Optional<String> claim(String deliveryId) {
        Instant now = clock.instant();
        forgetOlderThan(now.minus(config.webhook().deliveryMemory()));
        Seen earlier = seen.get(deliveryId);
        if (earlier != null) {
            return Optional.of(earlier.outcome() == null ? "being handled" : earlier.outcome());
        }
        if (seen.size() >= MAX) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        seen.put(deliveryId, new Seen(now, null));
        return Optional.empty();
    }

    public synchronized void done(String deliveryId, String outcome) {
        seen.computeIfPresent(deliveryId, (id, claimed) -> new Seen(claimed.at(), outcome));
    }

    /** The delivery was not acted on (refused): a redelivery may try again. */
    public synchronized void release(String deliveryId) {
        seen.remove(deliveryId);
    }

    private void forgetOlderThan(Instant cutoff) {
        Iterator<Seen> entries = seen.values().iterator();
        while (entries.hasNext() && entries.next().at().isBefore(cutoff)) {
            entries.remove();
        }
    }
}
