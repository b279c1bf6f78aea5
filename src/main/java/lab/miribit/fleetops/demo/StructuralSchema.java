package lab.miribit.fleetops.demo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CustomResourceDefinition's structural schema applied the way kube-apiserver applies it to a write: fields
 * the schema does not know are pruned (unless {@code x-kubernetes-preserve-unknown-fields}), nulls of fields
 * that are not {@code nullable} are dropped, then types and required fields are checked. apiVersion, kind and
 * metadata at the root are the API server's own and are left alone.
 */
public final class StructuralSchema {

    private final JsonNode root;

    StructuralSchema(JsonNode openApiV3Schema) {
        this.root = openApiV3Schema;
    }

    /** The schema of a CRD's storage version. */
    public static StructuralSchema of(io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition crd) {
        var version = crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(crd.getMetadata().getName() + " has no storage version"));
        return new StructuralSchema(io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
                .valueToTree(version.getSchema().getOpenAPIV3Schema()));
    }

    /** Prunes {@code object} in place; returns the paths of the fields the schema did not know. */
    public List<String> prune(ObjectNode object) {
        List<String> pruned = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        JsonNode properties = root.path("properties");
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("apiVersion") || field.getKey().equals("kind") || field.getKey().equals("metadata")) {
                continue;
            }
            if (!properties.has(field.getKey())) {
                pruned.add(field.getKey());
                fields.remove();
            } else if (field.getValue().isNull() && !properties.get(field.getKey()).path("nullable").asBoolean(false)) {
                fields.remove();
            } else {
                prune(field.getValue(), properties.get(field.getKey()), field.getKey(), pruned);
            }
        }
        return pruned;
    }

    private static void prune(JsonNode value, JsonNode schema, String path, List<String> pruned) {
        if (value instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode fieldSchema = properties.has(field.getKey()) ? properties.get(field.getKey())
                        : additional != null && additional.isObject() ? additional : null;
                if (fieldSchema == null) {
                    if (!preserve) {
                        pruned.add(join(path, field.getKey()));
                        fields.remove();
                    }
                } else if (field.getValue().isNull() && !fieldSchema.path("nullable").asBoolean(false)) {
                    fields.remove();
                } else {
                    prune(field.getValue(), fieldSchema, join(path, field.getKey()), pruned);
                }
            }
        } else if (value instanceof ArrayNode array && schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                prune(array.get(i), schema.get("items"), path + "[" + i + "]", pruned);
            }
        }
    }

    /** What kube-apiserver would refuse in {@code object} (already pruned), as its field errors; empty when valid. */
    public List<String> violations(JsonNode object) {
        List<String> errors = new ArrayList<>();
        check(object, root, "", errors);
        return errors;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> errors) {
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            errors.add(path + ": Invalid value: \"" + kindOf(value) + "\": " + path + " in body must be of type " + type
                    + ": \"" + kindOf(value) + "\"");
            return;
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(join(path, required.asText()) + ": Required value");
                }
            }
            JsonNode properties = schema.path("properties");
            value.fields().forEachRemaining(field -> {
                if (path.isEmpty() && field.getKey().equals("metadata")) {
                    return;
                }
                if (properties.has(field.getKey())) {
                    check(field.getValue(), properties.get(field.getKey()), join(path, field.getKey()), errors);
                } else if (schema.path("additionalProperties").isObject()) {
                    check(field.getValue(), schema.get("additionalProperties"), join(path, field.getKey()), errors);
                }
            });
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), path + "[" + i + "]", errors);
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            default -> true;
        };
    }

    private static String kindOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            default -> "null";
        };
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
