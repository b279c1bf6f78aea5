package lab.miribit.fleetops.demo;

import static lab.miribit.fleetops.demo.ApplicationJson.key;
import static lab.miribit.fleetops.demo.ApplicationJson.kindOf;
import static lab.miribit.fleetops.demo.ApplicationJson.resourceNode;
import static lab.miribit.fleetops.demo.ApplicationJson.resultOf;
import static lab.miribit.fleetops.demo.ApplicationJson.strings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The live side of one application, in place of its destination cluster: for each resource Git defines, the
 * revision it was last applied at (absent: not in the cluster), and resources in the cluster that Git no longer
 * defines (they require pruning).
 */
final class LiveState {

    final List<ObjectNode> targets = new ArrayList<>();
    final Map<String, String> applied = new LinkedHashMap<>();
    final Map<String, ObjectNode> extras = new LinkedHashMap<>();

    /** The live side as the application's status (seeded, or written by a user) describes it. */
    static LiveState fromStatus(String name, JsonNode app) {
        LiveState state = new LiveState();
        String revision = app.path("status").path("sync").path("revision").asText("");
        if (revision.isEmpty() && app.path("status").path("sync").path("revisions").isArray()) {
            revision = String.join(",", strings(app.path("status").path("sync").path("revisions")));
        }
        for (JsonNode resource : app.path("status").path("resources")) {
            ObjectNode item = resourceNode(resource.path("group").asText(""), resource.path("kind").asText(),
                    resource.path("namespace").asText(""), resource.path("name").asText());
            if (resource.path("requiresPruning").asBoolean(false)) {
                state.extras.put(key(item), item);
                continue;
            }
            state.targets.add(item);
            String health = resource.path("health").path("status").asText("");
            boolean absent = "Missing".equals(health) || ("OutOfSync".equals(resource.path("status").asText())
                    && "Missing".equals(app.path("status").path("health").path("status").asText()));
            if ("Synced".equals(resource.path("status").asText())) {
                state.applied.put(key(item), revision);
            } else if (!absent) {
                state.applied.put(key(item), "an earlier revision");
            }
        }
        if (state.targets.isEmpty() && !app.path("status").path("conditions").toString().contains("ComparisonError")) {
            // An application created without a status: Git defines one workload named after it, not yet applied.
            state.targets.add(resourceNode("apps", "Deployment", app.path("spec").path("destination").path("namespace")
                    .asText("default"), name));
        }
        return state;
    }

    /**
     * Applies {@code revision} to the resources chosen ({@code selected} empty: all), pruning extras when asked
     * (gitops-engine sync_context.go: without prune an extra is left, "ignored (requires pruning)"); a dry run
     * changes nothing. Returns the per-resource results for {@code syncResult.resources}.
     */
    ArrayNode apply(String revision, Set<String> selected, boolean prune, boolean dryRun) {
        ArrayNode results = ApplicationJson.NODES.arrayNode();
        for (ObjectNode target : targets) {
            String key = key(target);
            if (selected.isEmpty() || selected.contains(key)) {
                if (!dryRun) {
                    applied.put(key, revision);
                }
                results.add(resultOf(target, "Synced", kindOf(target) + "/" + target.path("name").asText()
                        + (dryRun ? " configured (dry run)" : " configured")));
            }
        }
        for (ObjectNode extra : List.copyOf(extras.values())) {
            String key = key(extra);
            if (!selected.isEmpty() && !selected.contains(key)) {
                continue;
            }
            if (prune) {
                if (!dryRun) {
                    extras.remove(key);
                }
                results.add(resultOf(extra, "Pruned", "pruned" + (dryRun ? " (dry run)" : "")));
            } else {
                results.add(resultOf(extra, "PruneSkipped", "ignored (requires pruning)"));
            }
        }
        return results;
    }
}
