package lab.miribit.fleetops.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;

/**
 * The embedded API server's request handling: expectations set by tests first (injected failures), then fabric8's
 * CRUD store, with what kube-apiserver does for custom resources that the mock store does not: a custom resource
 * whose CustomResourceDefinition (created through this server) has a structural schema is pruned of fields the
 * schema does not know and refused with 422 when its types or required fields are wrong. A field real Argo CD's
 * API server would drop is therefore dropped in the demo and in tests too.
 */
final class SchemaEnforcingDispatcher extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CUSTOM_RESOURCE = Pattern.compile(
            "/apis/([^/]+)/[^/]+/(?:namespaces/[^/]+/)?([^/?]+)(?:/[^/?]+)?(/status)?(?:\\?.*)?");
    private static final Pattern CRD = Pattern.compile("/apis/apiextensions\\.k8s\\.io/v1/customresourcedefinitions.*");

    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final MockDispatcher expected;
    private final Store store = new Store();
    /** Structural schemas by {@code plural.group}, from the CRDs created on this server. */
    private final Map<String, StructuralSchema> schemas = new ConcurrentHashMap<>();
    private final List<String> recorded = new CopyOnWriteArrayList<>();
    private volatile String recordedToken;

    SchemaEnforcingDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations) {
        this.expectations = expectations;
        this.expected = new MockDispatcher(expectations);
    }

    void recordRequestsOf(String bearerToken) {
        recordedToken = bearerToken;
    }

    List<String> recordedRequests() {
        return List.copyOf(recorded);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String token = recordedToken;
        if (token != null && ("Bearer " + token).equals(request.getHeader("Authorization"))) {
            recorded.add(request.getMethod() + " " + request.getPath());
        }
        Queue<ServerResponse> queued = expectations.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
        if (queued != null && !queued.isEmpty()) {
            return expected.dispatch(request);
        }
        if ("GET".equals(request.getMethod()) && request.getPath().contains("limit=") && !request.getPath().contains("watch=true")) {
            return pages.answer(request, store::listed, () -> store.dispatch(request));
        }
        return store.dispatch(request);
    }

    /**
     * Stores {@code resource} in the collection at {@code collectionPath} as a create would — resource version, uid,
     * creation time, watchers told — but without the create's search for an existing object of that name, which the
     * mock makes by scanning every stored object: seeding tens of thousands of objects one create at a time is
     * quadratic. The caller guarantees the name is new and the object valid, and that no request is being served
     * meanwhile: this bypasses the store's lock.
     */
    void preload(String collectionPath, io.fabric8.kubernetes.api.model.GenericKubernetesResource resource) {
        io.fabric8.kubernetes.api.model.ObjectMeta metadata = resource.getMetadata();
        metadata.setResourceVersion(String.valueOf(store.requestResourceVersion()));
        metadata.setUid(java.util.UUID.randomUUID().toString());
        metadata.setCreationTimestamp(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        metadata.setGeneration(1L);
        store.processEvent(collectionPath, store.getKey(collectionPath).add(new io.fabric8.mockwebserver.crud.Attribute("name",
                metadata.getName())), null, resource, io.fabric8.kubernetes.client.utils.Serialization.asJson(resource));
    }

    private final ListPages pages = new ListPages();

    /** The schema for the custom resource a path names, or null for built-in kinds and kinds without one. */
    private StructuralSchema schemaFor(String path) {
        Matcher matcher = CUSTOM_RESOURCE.matcher(path);
        return matcher.matches() ? schemas.get(matcher.group(2) + "." + matcher.group(1)) : null;
    }

    private void learn(String crdJson) {
        try {
            JsonNode crd = JSON.readTree(crdJson);
            String key = crd.path("spec").path("names").path("plural").asText() + "." + crd.path("spec").path("group").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                JsonNode schema = version.path("schema").path("openAPIV3Schema");
                if (version.path("storage").asBoolean(false) && schema.isObject()
                        && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                    schemas.put(key, new StructuralSchema(schema));
                    return;
                }
            }
            schemas.remove(key);
        } catch (java.io.IOException unreadable) {
            throw new IllegalStateException("the embedded API server stored a CRD it cannot read", unreadable);
        }
    }

    private static String pruned(StructuralSchema schema, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                return json;
            }
            schema.prune(object);
            return JSON.writeValueAsString(object);
        } catch (java.io.IOException notJson) {
            return json;
        }
    }

    /**
     * The stored object without null-valued fields: a JSON merge patch deletes the fields it sets to null (RFC 7386),
     * which fabric8's store keeps as nulls, and kube-apiserver stores no nulls.
     */
    private static String withoutNulls(String json) {
        if (json == null || !json.contains(":null")) {
            return json;
        }
        try {
            JsonNode node = JSON.readTree(json);
            dropNulls(node);
            return JSON.writeValueAsString(node);
        } catch (java.io.IOException notJson) {
            return json;
        }
    }

    /** RFC 7386 section 2: {@code target} is changed in place where it is an object. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!(patch instanceof ObjectNode changes)) {
            return patch;
        }
        ObjectNode merged = target instanceof ObjectNode object ? object : JSON.createObjectNode();
        changes.properties().forEach(change -> {
            if (change.getValue().isNull()) {
                merged.remove(change.getKey());
            } else {
                merged.set(change.getKey(), mergePatch(merged.get(change.getKey()), change.getValue()));
            }
        });
        return merged;
    }

    private static void dropNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> field.getValue().isNull());
            object.forEach(SchemaEnforcingDispatcher::dropNulls);
        } else if (node.isArray()) {
            node.forEach(SchemaEnforcingDispatcher::dropNulls);
        }
    }

    /** fabric8's CRUD store, storing what the schema keeps and answering with it; one object by name is looked up. */
    private final class Store extends KubernetesCrudDispatcher {

        private final StoredNames names = new StoredNames();
        /** fabric8's own lock and version counter, private to it: a list for paging is taken as its lists are. */
        private final ReadWriteLock fabric8Lock = privateField("lock", ReadWriteLock.class);
        private final AtomicLong fabric8Version = privateField("resourceVersion", AtomicLong.class);

        /**
         * The objects a list path (not a watch: the caller tells) asks for, as fabric8's list finds them (its scan, under
         * its read lock, in its order) but without composing them into one document; null for what fabric8 answers
         * otherwise (a path naming an object, a discovery path, nothing found) or if its lock could not be reached.
         */
        ListPages.Snapshot listed(String path) {
            AttributeSet query = getAttributeExtractor().fromPath(path);
            if (fabric8Lock == null || fabric8Version == null || query.containsKey("name")) {
                return null;
            }
            Lock read = fabric8Lock.readLock();
            read.lock();
            try {
                List<String> items = new ArrayList<>();
                synchronized (map) {
                    for (Map.Entry<AttributeSet, String> stored : map.entrySet()) {
                        if (stored.getKey().matches(query)) {
                            items.add(stored.getValue());
                        }
                    }
                }
                return items.isEmpty() ? null : new ListPages.Snapshot(String.valueOf(fabric8Version.get()), items);
            } finally {
                read.unlock();
            }
        }

        /**
         * A private field of KubernetesCrudDispatcher (kubernetes-server-mock 7.5.2), or null, and lists are then answered
         * whole, unpaged, by fabric8 — which ListPagesTest catches after an upgrade that renames one.
         */
        private <T> T privateField(String name, Class<T> type) {
            try {
                java.lang.reflect.Field field = KubernetesCrudDispatcher.class.getDeclaredField(name);
                field.setAccessible(true);
                return type.cast(field.get(this));
            } catch (ReflectiveOperationException | RuntimeException absent) {
                return null;
            }
        }

        @Override
        public MockResponse handleGet(String path) {
            AttributeSet query = getAttributeExtractor().fromPath(path);
            if (path.contains("watch") || !names.answers(query)) {
                return super.handleGet(path);
            }
            // What fabric8's handleGet answers for a path naming one object, without its scan. This read takes no lock:
            // a write (under fabric8's write lock) removes the old key before it stores the new one, so a read in between
            // finds nothing here, and then asks fabric8, whose read lock waits for that write to end.
            StoredNames.Lookup lookup = names.find(query, map);
            return lookup.entry() == null ? super.handleGet(path)
                    : new MockResponse().setResponseCode(200).setBody(lookup.entry().getValue());
        }

        /** Called by fabric8's create, replace and patch handlers, under its write lock: the index is then complete and still. */
        @Override
        public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
            if (names.answers(query)) {
                StoredNames.Lookup lookup = names.find(query, map);
                if (lookup.decided()) {
                    return lookup.entry();
                }
            }
            return super.findResource(query);
        }

        @Override
        public void reset() {
            super.reset();
            names.clear();
        }

        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            Checked checked = check(request);
            return checked.refusal() != null ? checked.refusal()
                    : answeredPruned(request.getPath(), super.handleCreate(checked.request()));
        }

        @Override
        public MockResponse handleUpdate(RecordedRequest request) {
            Checked checked = check(request);
            return checked.refusal() != null ? checked.refusal()
                    : answeredPruned(request.getPath(), super.handleUpdate(checked.request()));
        }

        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            return answeredPruned(request.getPath(), super.handlePatch(request));
        }

        /**
         * A JSON merge patch as the API server applies it (RFC 7386): a null removes the field, an object merges, anything
         * else — an array included — replaces. fabric8's store merges with Jackson's updating reader, which appends arrays
         * and keeps nulls, so a patched list would grow on the demo where it is replaced on a cluster.
         */
        @Override
        public JsonNode merge(JsonNode existing, String patch) throws KubernetesCrudDispatcherException {
            try {
                return mergePatch(existing.deepCopy(), JSON.readTree(patch));
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                throw new KubernetesCrudDispatcherException("the patch is not JSON: " + notJson.getOriginalMessage(), 400);
            }
        }

        /** A create or replace, pruned and validated against the schema before it reaches the store. */
        private Checked check(RecordedRequest request) {
            StructuralSchema schema = schemaFor(request.getPath());
            if (schema == null) {
                return new Checked(request, null);
            }
            ObjectNode body;
            try {
                JsonNode parsed = JSON.readTree(request.getBody().getBytes());
                if (!(parsed instanceof ObjectNode object)) {
                    return new Checked(request, null);
                }
                body = object;
            } catch (java.io.IOException notJson) {
                return new Checked(request, null);
            }
            schema.prune(body);
            List<String> violations = schema.violations(body);
            if (!violations.isEmpty()) {
                return new Checked(null, invalid(body, violations));
            }
            return new Checked(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                    request.getHeaders(), new Buffer(body.toString().getBytes(StandardCharsets.UTF_8))), null);
        }

        private MockResponse answeredPruned(String path, MockResponse response) {
            StructuralSchema schema = schemaFor(path);
            if (schema == null || response.code() >= 300 || response.getBody() == null) {
                return response;
            }
            return response.setBody(pruned(schema, new String(response.getBody().getBytes(), StandardCharsets.UTF_8)));
        }

        @Override
        public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                GenericKubernetesResource resource, String newState) {
            StructuralSchema schema = newState == null ? null : schemaFor(path);
            String stored = schema == null ? withoutNulls(newState) : pruned(schema, withoutNulls(newState));
            if (oldAttributes != null) {
                names.forget(oldAttributes);
            }
            try {
                super.processEvent(path, pathAttributes, oldAttributes, resource, stored);
            } finally {
                // also when telling a watcher failed after the object was stored (a watch closing meanwhile)
                if (stored != null) {
                    names.remember(storedKey(pathAttributes, resource, stored), stored, map);
                }
            }
            if (newState != null && CRD.matcher(path).matches()) {
                learn(newState);
            }
        }

        /** The key fabric8's processEvent stores an object under (KubernetesCrudDispatcher, kubernetes-server-mock 7.5.2). */
        private AttributeSet storedKey(AttributeSet pathAttributes, GenericKubernetesResource resource, String stored) {
            KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) getAttributeExtractor();
            AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(stored);
            return key.containsKey("plural") ? key : AttributeSet.merge(pathAttributes, key);
        }
    }

    private record Checked(RecordedRequest request, MockResponse refusal) {
    }

    /** kube-apiserver's answer to an invalid custom resource: 422 with a Status naming each field. */
    private static MockResponse invalid(JsonNode body, List<String> violations) {
        String kind = body.path("kind").asText("Object");
        String group = body.path("apiVersion").asText("").contains("/") ? body.path("apiVersion").asText().split("/")[0] : "";
        String name = body.path("metadata").path("name").asText("");
        String message = kind + "." + group + " \"" + name + "\" is invalid: " + String.join(", ", violations);
        var status = new StatusBuilder().withKind("Status").withApiVersion("v1").withStatus("Failure").withCode(422)
                .withReason("Invalid").withMessage(message).withNewDetails().withName(name).withGroup(group)
                .withKind(kind.toLowerCase(java.util.Locale.ROOT) + "s")
                .withCauses(violations.stream().map(v -> new StatusCauseBuilder().withReason("FieldValueInvalid")
                        .withMessage(v).withField(v.substring(0, v.indexOf(':'))).build()).toList())
                .endDetails().build();
        return new MockResponse().setResponseCode(422).setBody(Serialization.asJson(status));
    }
}
