package lab.miribit.fleetops.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.testing.ManualClock;

/** Edge clients stay bounded: the least recently used and the unused ones are closed, a changed Secret rebuilds one. */
class ClientPoolTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T05:00:00Z"));
    private final List<String> closed = new ArrayList<>();
    private final AtomicInteger built = new AtomicInteger();
    private final ClientPool<String> pool = new ClientPool<>(3, Duration.ofMinutes(10), clock, closed::add);

    private String client(String name, String version) {
        return pool.get(name, version, () -> name + "@" + version + "#" + built.incrementAndGet());
    }

    @Test
    void theLeastRecentlyUsedBeyondTheBoundIsClosed() {
        String a = client("cluster-a", "1");
        client("cluster-b", "1");
        client("cluster-c", "1");
        assertThat(client("cluster-a", "1")).as("kept and reused").isEqualTo(a);
        client("cluster-d", "1");
        assertThat(closed).containsExactly("cluster-b@1#2");
        assertThat(pool.size()).isEqualTo(3);
        assertThat(built).hasValue(4);
    }

    @Test
    void aChangedSecretRebuildsAndAnUnusedClientIsClosed() {
        client("cluster-a", "1");
        client("cluster-b", "1");
        assertThat(client("cluster-a", "2")).isEqualTo("cluster-a@2#3");
        assertThat(closed).containsExactly("cluster-a@1#1");
        clock.advance(Duration.ofMinutes(11));
        client("cluster-a", "2");
        assertThat(closed).as("cluster-b was not used for 11 minutes").containsExactly("cluster-a@1#1", "cluster-b@1#2");
        pool.closeAll();
        assertThat(closed).contains("cluster-a@2#3");
        assertThat(pool.size()).isZero();
    }
}
