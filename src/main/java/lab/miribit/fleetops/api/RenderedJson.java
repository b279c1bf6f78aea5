package lab.miribit.fleetops.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Recently rendered JSON answers of list endpoints, reused while the data they were rendered from has not
 * changed. A fleet of thousands of applications makes a list answer megabytes long; rendering it once per
 * change instead of once per request is what keeps the list endpoints fast under concurrent callers.
 */
@ApplicationScoped
class RenderedJson {

    private static final int ENTRIES = 32;

    private final ObjectMapper json;
    private final Map<Object, Rendered> recent = new LinkedHashMap<>(ENTRIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Rendered> eldest) {
            return size() > ENTRIES;
        }
    };

    private record Rendered(String version, byte[] body) {
    }

    RenderedJson(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON of {@code value}, from the cache when {@code key} was rendered at the same {@code version}. */
    byte[] render(Object key, String version, Supplier<Object> value) {
        synchronized (recent) {
            Rendered hit = recent.get(key);
            if (hit != null && hit.version().equals(version)) {
                return hit.body();
            }
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(value.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + key, e);
        }
        synchronized (recent) {
            recent.put(key, new Rendered(version, body));
        }
        return body;
    }
}
