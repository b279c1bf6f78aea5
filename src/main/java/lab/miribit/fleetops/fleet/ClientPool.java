package lab.miribit.fleetops.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Clients kept by name and version, bounded: at most {@code max} open, none unused for longer than {@code idle} (a
 * cluster that left the fleet, one nobody asked about). What leaves the pool is closed, outside the pool's lock.
 */
final class ClientPool<C> {

    private final int max;
    private final Duration idle;
    private final Clock clock;
    private final Consumer<C> close;
    /** Access order: the least recently used first. */
    private final Map<String, Entry<C>> entries = new LinkedHashMap<>(16, 0.75f, true);

    private record Entry<C>(String version, C client, Instant lastUsed) {
    }

    ClientPool(int max, Duration idle, Clock clock, Consumer<C> close) {
        this.max = max;
        this.idle = idle;
        this.clock = clock;
        this.close = close;
    }

    /** The client for {@code name} at {@code version}, built when there is none or its version changed. */
    C get(String name, String version, Supplier<C> build) {
        Instant now = clock.instant();
        List<C> leaving = new ArrayList<>();
        C client;
        synchronized (entries) {
            Entry<C> existing = entries.get(name);
            if (existing != null && existing.version().equals(version)) {
                client = existing.client();
                entries.put(name, new Entry<>(version, client, now));
            } else {
                client = null;
            }
        }
        if (client == null) {
            // Built outside the lock: one cluster's TLS setup must not hold up the others'.
            C built = build.get();
            synchronized (entries) {
                Entry<C> raced = entries.get(name);
                if (raced != null && raced.version().equals(version)) {
                    leaving.add(built);
                    client = raced.client();
                } else {
                    if (raced != null) {
                        leaving.add(raced.client());
                    }
                    client = built;
                }
                entries.put(name, new Entry<>(version, client, now));
            }
        }
        synchronized (entries) {
            Iterator<Map.Entry<String, Entry<C>>> eldestFirst = entries.entrySet().iterator();
            while (eldestFirst.hasNext()) {
                Map.Entry<String, Entry<C>> entry = eldestFirst.next();
                boolean over = entries.size() > max;
                boolean unused = entry.getValue().lastUsed().isBefore(now.minus(idle));
                if (!entry.getKey().equals(name) && (over || unused)) {
                    leaving.add(entry.getValue().client());
                    eldestFirst.remove();
                }
            }
        }
        leaving.forEach(close);
        return client;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    void closeAll() {
        List<C> all;
        synchronized (entries) {
            all = entries.values().stream().map(Entry::client).toList();
            entries.clear();
        }
        all.forEach(close);
    }
}
