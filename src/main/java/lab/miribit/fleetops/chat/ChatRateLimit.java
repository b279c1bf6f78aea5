package lab.miribit.fleetops.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A sliding one-minute window per chat user: one user flooding the bot does not slow anyone else. */
@ApplicationScoped
class ChatRateLimit {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();
    /** Deliveries counted within the window, by their platform's id. */
    private final Map<String, Instant> counted = new java.util.LinkedHashMap<>();

    @Inject
    ChatRateLimit(ChatConfig config) {
        this(config.rateLimitPerMinute(), Clock.systemUTC());
    }

    ChatRateLimit(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** How long until {@code user} may send a command again: when the oldest one counted leaves the window. */
    int secondsUntilFree(String user) {
        Deque<Instant> times = recent.get(user);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            Instant oldest = times.peekFirst();
            if (oldest == null || times.size() < perMinute) {
                return 0;
            }
            long millis = Duration.between(clock.instant(), oldest.plus(WINDOW)).toMillis();
            return (int) Math.max(1, (millis + 999) / 1000);
        }
    }

    /**
     * Counts one command for {@code user}; false when the user is over the limit (the command is not counted then). A
     * delivery counted already — the platform sent the same request again — is let through uncounted: the door
     * recognises it, and a platform's retry is not the user's doing.
     */
    boolean tryAcquire(String user, String delivery) {
        Instant now = clock.instant();
        if (delivery != null) {
            synchronized (counted) {
                // Kept in the order counted, so the expired ones are at the head: no walk over the whole minute's load.
                Instant windowStart = now.minus(WINDOW);
                for (var oldest = counted.values().iterator(); oldest.hasNext() && !oldest.next().isAfter(windowStart);) {
                    oldest.remove();
                }
                if (counted.containsKey(delivery)) {
                    return true;
                }
            }
        }
        if (!count(user, now)) {
            return false;
        }
        if (delivery != null) {
            synchronized (counted) {
                counted.put(delivery, now);
            }
        }
        return true;
    }

    private boolean count(String user, Instant now) {
        Deque<Instant> times = recent.computeIfAbsent(user, u -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() >= perMinute) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
