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

    /** A page's JSON and the token for the page after it. */
    record Rendered(String version, byte[] body, String next) {
    }

    RenderedJson(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON of a page, from the cache when {@code key} was rendered at the same {@code version}. */
    Rendered render(Object key, String version, Supplier<ListPage.Page<?>> page) {
        synchronized (recent) {
            Rendered hit = recent.get(key);
            if (hit != null && hit.version().equals(version)) {
                return hit;
            }
        }
        ListPage.Page<?> cut = page.get();
        Rendered rendered = new Rendered(version, json(cut.items()), cut.next());
        synchronized (recent) {
            recent.put(key, rendered);
        }
        return rendered;
    }

    /** The JSON of {@code value}, rendered now: lists whose data has no version to cache it under. */
    byte[] json(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a list", e);
        }
    }
}
