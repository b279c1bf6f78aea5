package lab.miribit.fleetops.demo;

import static lab.miribit.fleetops.demo.ApplicationJson.NODES;
import static lab.miribit.fleetops.demo.ApplicationJson.copyWithRevision;
import static lab.miribit.fleetops.demo.ApplicationJson.ref;
import static lab.miribit.fleetops.demo.ApplicationJson.strings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the simulated repo server resolves revisions to: a SHA is itself; a branch or tag points at a stable
 * stand-in commit per application (the seed's history uses the same), which {@link #push} moves on.
 */
final class SimulatedGit {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

    /** Commits pushed per target revision and application since the seed ("main@app" → 2). */
    private final Map<String, Integer> commits = new ConcurrentHashMap<>();

    /** A commit to {@code source}'s target revision that concerns {@code app}; returns the new head. */
    String push(String app, JsonNode source) {
        commits.merge(ref(source) + "@" + app, 1, Integer::sum);
        return head(app, source, 0);
    }

    /** The commit {@code source} (the {@code index}th of the application) points at now. */
    String head(String app, JsonNode source, int index) {
        String ref = ref(source);
        if (SHA.matcher(ref).matches()) {
            return ref;
        }
        String label = ref + "@" + app + (index == 0 ? "" : "/" + index);
        int pushed = commits.getOrDefault(ref + "@" + app, 0);
        return DemoFleetSeed.revision(pushed == 0 ? label : label + "#" + pushed);
    }

    /** The revisions an operation deploys: those it names (sync.revision, or revisions per source), else the heads. */
    List<String> revisionsFor(String app, List<JsonNode> sources, JsonNode sync) {
        List<String> revisions = new ArrayList<>();
        List<String> named = strings(sync.path("revisions"));
        for (int i = 0; i < Math.max(1, sources.size()); i++) {
            JsonNode source = i < sources.size() ? sources.get(i) : NODES.objectNode();
            String requested = i < named.size() ? named.get(i) : i == 0 ? sync.path("revision").asText("") : "";
            if (requested.isEmpty()) {
                revisions.add(head(app, source, i));
            } else if (SHA.matcher(requested).matches()) {
                revisions.add(requested);
            } else {
                revisions.add(head(app, copyWithRevision(source, requested), i));
            }
        }
        return revisions;
    }
}
