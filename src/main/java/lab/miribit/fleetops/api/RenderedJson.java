package lab.miribit.fleetops.api;

import java.util.Iterator;
import java.util.LinkedHashMap;
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
    /**
     * What the kept answers may add up to. One answer of a whole fleet of 50 000 applications is about 30 MB, and every
     * filter and page size is an answer of its own: bounded by count alone, a few callers asking for everything at once
     * could hold a gigabyte. An answer larger than a quarter of this is rendered for its caller and not kept.
     */
    static final long BYTES = 16L << 20;

    private final ObjectMapper json;
    private final long budget;
    /** Least recently used first. */
    private final LinkedHashMap<Object, Rendered> recent = new LinkedHashMap<>(ENTRIES, 0.75f, true);
    private long kept;

    /** A page's JSON and the token for the page after it. */
    record Rendered(String version, byte[] body, String next) {
    }

    @jakarta.inject.Inject
    RenderedJson(ObjectMapper json) {
        this(json, BYTES);
    }

    RenderedJson(ObjectMapper json, long budget) {
        this.json = json;
        this.budget = budget;
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
            Rendered replaced = recent.remove(key);
            if (replaced != null) {
                kept -= replaced.body().length;
            }
            if (rendered.body().length <= budget / 4) {
                recent.put(key, rendered);
                kept += rendered.body().length;
            }
            for (Iterator<Rendered> eldest = recent.values().iterator(); (kept > budget || recent.size() > ENTRIES) && eldest.hasNext();) {
                kept -= eldest.next().body().length;
                eldest.remove();
            }
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
