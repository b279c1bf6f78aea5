package lab.miribit.fleetops.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(StoredNames.class);
    private static final String NAME = "name";

    private final Map<String, Set<AttributeSet>> keysByName = new ConcurrentHashMap<>();
    private volatile boolean complete = true;

    /** Whether {@link #find} may answer {@code query}: it asks for one name, by equality, and every key is known. */
    boolean answers(AttributeSet query) {
        return complete && nameOf(query) != null;
    }

    /**
     * What fabric8's scan would find for {@code query}: the one stored object it matches, or none. Undecided when two
     * stored objects match (a name asked for without its namespace): fabric8 answers with the first in its map's order,
     * which only its scan knows.
     */
    Lookup find(AttributeSet query, Map<AttributeSet, String> stored) {
        Map.Entry<AttributeSet, String> match = null;
        for (AttributeSet key : keysByName.getOrDefault(nameOf(query), Set.of())) {
            String object = stored.get(key);
            if (object != null && key.matches(query)) {
                if (match != null) {
                    return Lookup.UNDECIDED;
                }
                match = Map.entry(key, object);
            }
        }
        return match == null ? Lookup.NONE : new Lookup(true, match);
    }

    /** A lookup's outcome: {@code decided} with the entry found (null for none), or left to fabric8's scan. */
    record Lookup(boolean decided, Map.Entry<AttributeSet, String> entry) {
        static final Lookup NONE = new Lookup(true, null);
        static final Lookup UNDECIDED = new Lookup(false, null);
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

    /**
     * Records that {@code object} was just stored under {@code key}, if the store's map says so. A key without a single
     * name is left out: no query by one name can match it.
     */
    void remember(AttributeSet key, String object, Map<AttributeSet, String> stored) {
        if (stored.get(key) != object) {
            if (complete) {
                LOG.warnf("the embedded API server stored an object under a key its index did not work out (%s);"
                        + " objects asked for by name are now found by scanning them all", key);
            }
            complete = false;
            return;
        }
        String name = nameOf(key);
        if (name != null) {
            keysByName.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(key);
        }
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
