package lab.miribit.fleetops.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How the simulated controller reads and writes the parts of an Application it works with, as JSON trees. */
final class ApplicationJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ApplicationJson() {
    }

    static ObjectNode resourceNode(String group, String kind, String namespace, String name) {
        ObjectNode node = NODES.objectNode();
        node.put("group", group);
        node.put("version", "v1");
        node.put("kind", kind);
        node.put("namespace", namespace);
        node.put("name", name);
        return node;
    }

    static ObjectNode resultOf(ObjectNode resource, String status, String message) {
        ObjectNode result = resource.deepCopy();
        result.put("status", status);
        result.put("message", message);
        result.put("hookPhase", "Running");
        result.put("syncPhase", "Sync");
        return result;
    }

    static String key(JsonNode resource) {
        return resource.path("group").asText("") + "/" + resource.path("kind").asText() + "/"
                + resource.path("namespace").asText("") + "/" + resource.path("name").asText();
    }

    static String kindOf(JsonNode resource) {
        String group = resource.path("group").asText("");
        return resource.path("kind").asText().toLowerCase(Locale.ROOT) + (group.isEmpty() ? "" : "." + group);
    }

    static boolean isApplication(JsonNode resource) {
        return "argoproj.io".equals(resource.path("group").asText()) && "Application".equals(resource.path("kind").asText());
    }

    static ObjectNode condition(String type, String message) {
        return NODES.objectNode().put("type", type).put("message", message).put("lastTransitionTime", timestamp(Instant.now()));
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static ArrayNode array(List<?> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(v -> array.add(v instanceof JsonNode node ? node.deepCopy() : NODES.textNode(String.valueOf(v))));
        return array;
    }

    static List<JsonNode> iterable(ArrayNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    static String timestamp(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static ObjectNode status(ObjectNode app) {
        if (!(app.get("status") instanceof ObjectNode status)) {
            ObjectNode created = NODES.objectNode();
            app.set("status", created);
            return created;
        }
        return status;
    }

    static List<JsonNode> sourcesOf(JsonNode holder) {
        List<JsonNode> sources = new ArrayList<>();
        if (holder.path("sources").isArray() && !holder.path("sources").isEmpty()) {
            holder.path("sources").forEach(sources::add);
        } else if (holder.path("source").isObject()) {
            sources.add(holder.path("source"));
        }
        if (sources.isEmpty()) {
            sources.add(NODES.objectNode());
        }
        return sources;
    }

    static String ref(JsonNode source) {
        String ref = source.path("targetRevision").asText("");
        return ref.isEmpty() ? "HEAD" : ref;
    }

    static JsonNode copyWithRevision(JsonNode source, String revision) {
        ObjectNode copy = source instanceof ObjectNode o ? o.deepCopy() : NODES.objectNode();
        copy.put("targetRevision", revision);
        return copy;
    }

    static JsonNode comparisonError(JsonNode app) {
        for (JsonNode condition : app.path("status").path("conditions")) {
            if ("ComparisonError".equals(condition.path("type").asText()) || "InvalidSpecError".equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return null;
    }

    static Set<String> selectedResources(JsonNode resources) {
        Set<String> selected = new LinkedHashSet<>();
        resources.forEach(r -> selected.add(key(resourceNode(r.path("group").asText(""), r.path("kind").asText(),
                r.path("namespace").asText(""), r.path("name").asText()))));
        return selected;
    }

    static boolean automatedEnabled(JsonNode app) {
        JsonNode automated = app.path("spec").path("syncPolicy").path("automated");
        return automated.isObject() && automated.path("enabled").asBoolean(true);
    }
}
