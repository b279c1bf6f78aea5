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

    @Inject
    ChatRateLimit(ChatConfig config) {
        this(config.rateLimitPerMinute(), Clock.systemUTC());
    }

    ChatRateLimit(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Counts one command for {@code user}; false when the user is over the limit (the command is not counted then). */
    boolean tryAcquire(String user) {
        Instant now = clock.instant();
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
