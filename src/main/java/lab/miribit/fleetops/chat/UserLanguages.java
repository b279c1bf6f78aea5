package lab.miribit.fleetops.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * The language of chat users whose platform tells it only through its Web API (Slack's {@code users.info}, Mattermost's
 * {@code /api/v4/users/{id}}): asked once per user and kept for an hour, within a short wait so the platform's three
 * seconds for an answer hold; a platform that does not answer in time leaves the user in the service's language for
 * this reply, and the answer arriving later serves the next.
 */
@ApplicationScoped
public class UserLanguages {

    private static final Logger LOG = Logger.getLogger(UserLanguages.class);
    private static final Duration KEEP = Duration.ofHours(1);
    /** A lookup that failed is not tried again for this long: a platform outage must not cost every command a wait. */
    private static final Duration KEEP_FAILURE = Duration.ofMinutes(5);
    private static final int MAX_USERS = 10_000;

    private final ChatLocales locales;
    private final Duration wait;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> asking = new ConcurrentHashMap<>();
    private final ExecutorService lookups = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "chat-user-language");
        thread.setDaemon(true);
        return thread;
    });

    /** A user's language tag as the platform told it (null: it did not), and until when it is kept. */
    private record Known(String tag, Instant until) {
    }

    @Inject
    UserLanguages(ChatLocales locales) {
        this(locales, Duration.ofMillis(800));
    }

    UserLanguages(ChatLocales locales, Duration wait) {
        this.locales = locales;
        this.wait = wait;
    }

    /**
     * @param userKey the user on their platform ({@code slack:TEAM:USER})
     * @param lookup  asks the platform for the user's language tag ({@code ko-KR}, {@code ko}); null or an exception when
     *                it cannot tell
     */
    public ChatText of(String userKey, Callable<String> lookup) {
        Instant now = clock.instant();
        Known cached = known.get(userKey);
        if (cached != null && cached.until().isAfter(now)) {
            return locales.of(cached.tag());
        }
        CompletableFuture<String> answer = asking.computeIfAbsent(userKey, key -> CompletableFuture.supplyAsync(() -> {
            try {
                return lookup.call();
            } catch (Exception e) {
                LOG.debugf("the platform did not tell the language of a chat user: %s", e.getClass().getSimpleName());
                return null;
            }
        }, lookups).whenComplete((tag, failure) -> {
            if (known.size() >= MAX_USERS) {
                known.clear();
            }
            known.put(key, new Known(tag, clock.instant().plus(tag == null ? KEEP_FAILURE : KEEP)));
            asking.remove(key);
        }));
        try {
            return locales.of(answer.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException slow) {
            return locales.service();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return locales.service();
        } catch (java.util.concurrent.ExecutionException e) {
            return locales.service();
        }
    }

    @PreDestroy
    void stop() {
        lookups.shutdownNow();
    }
}
