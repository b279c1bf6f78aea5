package lab.miribit.fleetops.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * {@code limit} and {@code continue} on lists, which fabric8's mock ignores, as the API server answers them
 * (staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go GetList): the first page is cut from a list taken at one
 * moment, every later page from that same list, each with the {@code continue} token of the next and
 * {@code remainingItemCount}; a token whose list is gone is answered 410 Gone ("Expired"), after which a client lists
 * again from the start — what an informer does.
 *
 * <p>The list taken is the stored objects' JSON as the store holds it, not one answer of them all: composing fifty
 * thousand objects into one document and parsing it again to cut pages held the server's event loop for seconds.
 */
final class ListPages {

    /** Lists being paged through; the oldest is dropped beyond this, and its token expires. */
    private static final int KEPT = 16;

    /** One list as it was when its first page was asked for: every item's JSON, and the store's version then. */
    record Snapshot(String resourceVersion, List<String> items) {
    }

    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * A page of the list {@code request} asks for. {@code snapshot} takes the list for a first page (null when the path is
     * not a plain list, such as one naming an object or a discovery path); {@code store} answers what is not paged.
     */
    MockResponse answer(RecordedRequest request, Function<String, Snapshot> snapshot, Supplier<MockResponse> store) {
        Map<String, String> query;
        long limit;
        try {
            query = query(request.getPath());
            limit = Long.parseLong(query.getOrDefault("limit", "0"));
        } catch (IllegalArgumentException malformed) {
            return store.get();
        }
        String token = query.get("continue");
        if (limit <= 0) {
            return store.get();
        }
        String id;
        int offset;
        Snapshot list;
        if (token == null || token.isEmpty()) {
            list = snapshot.apply(request.getPath());
            if (list == null) {
                return store.get();
            }
            id = UUID.randomUUID().toString();
            offset = 0;
        } else {
            int colon = token.lastIndexOf(':');
            id = colon < 0 ? "" : token.substring(0, colon);
            synchronized (snapshots) {
                list = snapshots.get(id);
            }
            if (list == null) {
                return expired();
            }
            try {
                offset = Integer.parseInt(token.substring(colon + 1));
            } catch (NumberFormatException malformed) {
                return expired();
            }
            if (offset < 0 || offset > list.items().size()) {
                return expired();
            }
        }
        List<String> items = list.items();
        int end = (int) Math.min(items.size(), offset + Math.min(limit, items.size()));
        StringBuilder page = new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
        for (int i = offset; i < end; i++) {
            page.append(i > offset ? "," : "").append(items.get(i));
        }
        page.append("],\"metadata\":{\"resourceVersion\":\"").append(list.resourceVersion()).append('"');
        synchronized (snapshots) {
            if (end < items.size()) {
                snapshots.put(id, list);
                page.append(",\"continue\":\"").append(id).append(':').append(end).append("\",\"remainingItemCount\":")
                        .append(items.size() - end);
            } else {
                snapshots.remove(id);
            }
        }
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(page.append("}}").toString());
    }

    private static MockResponse expired() {
        return new MockResponse().setResponseCode(410).setHeader("Content-Type", "application/json").setBody("{\"kind\":\"Status\","
                + "\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"The provided continue parameter is too old to display a "
                + "consistent list result. You can start a new list without the continue parameter.\",\"reason\":\"Expired\",\"code\":410}");
    }

    private static Map<String, String> query(String path) {
        Map<String, String> query = new LinkedHashMap<>();
        int start = path.indexOf('?');
        if (start < 0) {
            return query;
        }
        for (String pair : path.substring(start + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
