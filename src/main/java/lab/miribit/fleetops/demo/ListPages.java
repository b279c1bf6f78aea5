package lab.miribit.fleetops.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * {@code limit} and {@code continue} on lists, which fabric8's mock ignores, as the API server answers them
 * (staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go GetList): the first page is cut from a list taken at one
 * moment, every later page from that same list, each with the {@code continue} token of the next and
 * {@code remainingItemCount}; a token whose list is gone is answered 410 Gone ("Expired"), after which a client lists
 * again from the start — what an informer does.
 */
final class ListPages {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lists being paged through; the oldest is dropped beyond this, and its token expires. */
    private static final int KEPT = 16;

    /** One list as it was when its first page was asked for: its envelope (kind, metadata) and every item. */
    private record Snapshot(ObjectNode envelope, ArrayNode items) {
    }

    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > KEPT;
        }
    };

    /** {@code store} answers the whole list; asked only for a first page, later pages come from its snapshot. */
    synchronized MockResponse answer(RecordedRequest request, Supplier<MockResponse> store) {
        Map<String, String> query = query(request.getPath());
        long limit;
        try {
            limit = Long.parseLong(query.getOrDefault("limit", "0"));
        } catch (NumberFormatException malformed) {
            return store.get();
        }
        String token = query.get("continue");
        if (limit <= 0) {
            return store.get();
        }
        try {
            String id;
            int offset;
            Snapshot snapshot;
            if (token == null || token.isEmpty()) {
                MockResponse full = store.get();
                if (full.code() != 200 || full.getBody() == null) {
                    return full;
                }
                ObjectNode list = (ObjectNode) JSON.readTree(full.getBody().getBytes());
                if (!(list.remove("items") instanceof ArrayNode items)) {
                    return full;
                }
                id = UUID.randomUUID().toString();
                offset = 0;
                snapshot = new Snapshot(list, items);
            } else {
                int colon = token.lastIndexOf(':');
                id = colon < 0 ? "" : token.substring(0, colon);
                snapshot = snapshots.get(id);
                if (snapshot == null) {
                    return expired();
                }
                offset = Integer.parseInt(token.substring(colon + 1));
            }
            ArrayNode items = snapshot.items();
            int end = (int) Math.min(items.size(), offset + limit);
            ArrayNode page = JSON.createArrayNode();
            for (int i = offset; i < end; i++) {
                page.add(items.get(i));
            }
            ObjectNode list = snapshot.envelope().deepCopy();
            list.set("items", page);
            ObjectNode metadata = list.with("metadata");
            if (end < items.size()) {
                snapshots.put(id, snapshot);
                metadata.put("continue", id + ":" + end);
                metadata.put("remainingItemCount", items.size() - end);
            } else {
                snapshots.remove(id);
            }
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(list));
        } catch (java.io.IOException | RuntimeException unreadable) {
            return store.get();
        }
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
