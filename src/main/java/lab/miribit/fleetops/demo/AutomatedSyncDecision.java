package lab.miribit.fleetops.demo;

import static lab.miribit.fleetops.demo.ApplicationJson.NODES;
import static lab.miribit.fleetops.demo.ApplicationJson.array;
import static lab.miribit.fleetops.demo.ApplicationJson.automatedEnabled;
import static lab.miribit.fleetops.demo.ApplicationJson.condition;
import static lab.miribit.fleetops.demo.ApplicationJson.iterable;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whether the controller starts a sync of its own after comparing (controller/appcontroller.go autoSync): only an
 * automated app (automated set and not {@code enabled: false}, the field 3.1 added) that is OutOfSync and has no
 * operation; not when the only difference is pruning and prune is off; not again for the same revision and source
 * unless self-heal (then only what is out of sync, which adds no history); never when it would prune everything
 * without allowEmpty. Its operation carries the spec's sync options, prune from automated, and retry (5 by default).
 */
sealed interface AutomatedSyncDecision {

    /** Nothing to do. */
    record Skip() implements AutomatedSyncDecision {
    }

    /** Not syncing, and saying why in a SyncError condition. */
    record Refuse(ObjectNode condition) implements AutomatedSyncDecision {
    }

    record Start(ObjectNode operation) implements AutomatedSyncDecision {
    }

    static AutomatedSyncDecision decide(ObjectNode app, String syncStatus, List<String> desired, ArrayNode resources) {
        JsonNode automated = app.path("spec").path("syncPolicy").path("automated");
        if (!automatedEnabled(app) || app.path("operation").isObject()
                || !"OutOfSync".equals(syncStatus)) {
            return new Skip();
        }
        boolean prune = automated.path("prune").asBoolean(false);
        List<JsonNode> outOfSync = new ArrayList<>();
        resources.forEach(r -> {
            if (!"Synced".equals(r.path("status").asText())) {
                outOfSync.add(r);
            }
        });
        if (!prune && outOfSync.stream().allMatch(r -> r.path("requiresPruning").asBoolean(false))) {
            return new Skip();
        }
        String revision = desired.isEmpty() ? "" : desired.get(0);
        JsonNode last = app.path("status").path("operationState");
        JsonNode lastResult = last.path("syncResult");
        boolean multi = app.path("spec").path("sources").isArray() && !app.path("spec").path("sources").isEmpty();
        boolean attempted = lastResult.isObject()
                && (multi ? lastResult.path("revisions").equals(array(desired)) : revision.equals(lastResult.path("revision").asText()))
                && (multi ? lastResult.path("sources").equals(app.path("spec").path("sources"))
                        : lastResult.path("source").equals(app.path("spec").path("source")));
        ArrayNode partial = null;
        if (attempted) {
            boolean lastFailed = !"Succeeded".equals(last.path("phase").asText());
            if (!automated.path("selfHeal").asBoolean(false) || lastFailed) {
                return lastFailed ? new Refuse(condition("SyncError", "Failed sync attempt to " + revision + ": "
                        + last.path("message").asText())) : new Skip();
            }
            partial = NODES.arrayNode();
            for (JsonNode r : outOfSync) {
                partial.add(NODES.objectNode().put("group", r.path("group").asText("")).put("kind", r.path("kind").asText())
                        .put("namespace", r.path("namespace").asText("")).put("name", r.path("name").asText()));
            }
        }
        if (prune && !automated.path("allowEmpty").asBoolean(false) && !resources.isEmpty()
                && iterable(resources).stream().allMatch(r -> r.path("requiresPruning").asBoolean(false))) {
            return new Refuse(condition("SyncError", "Skipping sync attempt to " + revision
                    + ": auto-sync will wipe out all resources"));
        }
        ObjectNode sync = NODES.objectNode();
        if (multi) {
            sync.set("revisions", array(desired));
        } else {
            sync.put("revision", revision);
        }
        sync.put("prune", prune);
        JsonNode options = app.path("spec").path("syncPolicy").path("syncOptions");
        if (options.isArray()) {
            sync.set("syncOptions", options.deepCopy());
        }
        if (partial != null) {
            sync.set("resources", partial);
        }
        ObjectNode operation = NODES.objectNode();
        operation.set("sync", sync);
        operation.set("initiatedBy", NODES.objectNode().put("automated", true));
        // appcontroller.go: auto-sync retries 5 times by default; spec.syncPolicy.retry replaces that.
        JsonNode retry = app.path("spec").path("syncPolicy").path("retry");
        operation.set("retry", retry.isObject() ? retry.deepCopy() : NODES.objectNode().put("limit", 5));
        return new Start(operation);
    }
}
