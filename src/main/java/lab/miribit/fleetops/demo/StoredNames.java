package lab.miribit.fleetops.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;

/**
 * The embedded API server's stored keys by object name, so that one object asked for by name is a lookup, as etcd reads
 * one key, where fabric8's CRUD store scans every object it holds (KubernetesCrudDispatcher.findResource and handleGet
 * in kubernetes-server-mock 7.5.2): at 50 000 Applications each GET, patch or replace of one of them cost the server
 * about 50 ms, which made the benchmark measure the mock instead of fleet-ops.
 *
 * <p>Kept by the store's {@code processEvent}, the one place fabric8 changes its map. Every key recorded is checked
 * against the map (the stored text must be the very string fabric8 put under it); should fabric8 ever store under a key
 * worked out differently, the index stops answering and every lookup goes back to fabric8's scan, so it can be slow but
 * never wrong.
 */
final class StoredNames {

    private static final String NAME = "name";

    private final Map<String, Set<AttributeSet>> keysByName = new ConcurrentHashMap<>();
    private volatile boolean complete = true;

    /** Whether {@link #find} can answer {@code query}: it names one object, by equality, and every key is known. */
    boolean answers(AttributeSet query) {
        return complete && nameOf(query) != null;
    }

    /** The stored object {@code query} matches, as fabric8's scan would find it, or null when there is none. */
    Map.Entry<AttributeSet, String> find(AttributeSet query, Map<AttributeSet, String> stored) {
        for (AttributeSet key : keysByName.getOrDefault(nameOf(query), Set.of())) {
            String object = stored.get(key);
            if (object != null && key.matches(query)) {
                return Map.entry(key, object);
            }
        }
        return null;
    }

    void forget(AttributeSet key) {
        String name = nameOf(key);
        if (name != null) {
            keysByName.computeIfPresent(name, (n, keys) -> {
                keys.remove(key);
                return keys.isEmpty() ? null : keys;
            });
        }
    }

    /** Records that {@code object} was just stored under {@code key}, if the store's map says so. */
    void remember(AttributeSet key, String object, Map<AttributeSet, String> stored) {
        String name = nameOf(key);
        if (name == null || stored.get(key) != object) {
            complete = false;
            return;
        }
        keysByName.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(key);
    }

    void clear() {
        keysByName.clear();
        complete = true;
    }

    /** The single name an attribute set asks for or carries; null for none, a wildcard, or a selector of another kind. */
    private static String nameOf(AttributeSet attributes) {
        Attribute name = attributes.getAttribute(NAME);
        if (name == null || name.getType() != AttributeType.WITH) {
            return null;
        }
        List<?> values = name.getValues();
        String value = values.size() == 1 ? String.valueOf(values.get(0)) : null;
        return value == null || "*".equals(value) ? null : value;
    }
}
