package lab.miribit.fleetops.argocd;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Switches an application's automated sync off and on again on every Argo CD 3.x, and never assumes a write
 * took effect: each change is read back from the API server.
 * <ul>
 * <li>Argo CD 3.1.0 added {@code spec.syncPolicy.automated.enabled} (pkg/apis/application/v1alpha1/types.go,
 * {@code IsAutomatedSyncEnabled}); setting it to false keeps prune and self-heal for later.</li>
 * <li>On 3.0 and earlier the CRD has no such field: the API server prunes it and automated sync stays on (the
 * controller would sync a rollback straight away). There the {@code automated} block is removed instead, its
 * previous value kept in {@link #KEPT_ANNOTATION} so that switching it on again restores exactly that.</li>
 * </ul>
 */
@ApplicationScoped
public class AutomatedSync {

    public static final String KEPT_ANNOTATION = "fleet-ops.miribit.lab/automated-sync-before-off";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What switching did, for the step message and the audit. */
    public enum Change {
        ALREADY_SO("automated sync was already " ),
        SWITCHED("automated sync is "),
        REMOVED_AND_KEPT("this Argo CD has no automated.enabled (before 3.1); the automated block was removed and kept in "
                + KEPT_ANNOTATION + " — automated sync is "),
        RESTORED("the automated block kept in " + KEPT_ANNOTATION + " was restored — automated sync is ");

        private final String prefix;

        Change(String prefix) {
            this.prefix = prefix;
        }

        public String describe(boolean enabled) {
            return prefix + (enabled ? "on" : "off");
        }
    }

    private final ArgoCd argoCd;

    AutomatedSync(ArgoCd argoCd) {
        this.argoCd = argoCd;
    }

    public Change switchOff(String app) {
        Application current = require(app);
        if (!current.autoSyncEnabled()) {
            return Change.ALREADY_SO;
        }
        argoCd.mergePatch(app, "{\"spec\":{\"syncPolicy\":{\"automated\":{\"enabled\":false}}}}");
        Application after = require(app);
        if (!after.autoSyncEnabled()) {
            return Change.SWITCHED;
        }
        // The field was pruned: an Argo CD before 3.1. Keep the block, then remove it.
        Application.Automated automated = after.getSpec().syncPolicy().automated();
        String kept = json(automated);
        argoCd.mergePatch(app, "{\"metadata\":{\"annotations\":{\"" + KEPT_ANNOTATION + "\":" + json(kept) + "}},"
                + "\"spec\":{\"syncPolicy\":{\"automated\":null}}}");
        if (require(app).autoSyncEnabled()) {
            throw new FleetProblem.Unavailable("automated sync of " + app + " could not be switched off: the API server"
                    + " kept it on after both ways of switching it off", FleetProblem.Reason.of("autosync-stays-on", app), 30);
        }
        return Change.REMOVED_AND_KEPT;
    }

    public Change switchOn(String app) {
        Application current = require(app);
        String kept = current.getMetadata().getAnnotations() == null ? null
                : current.getMetadata().getAnnotations().get(KEPT_ANNOTATION);
        if (current.autoSyncEnabled() && kept == null) {
            return Change.ALREADY_SO;
        }
        Change change;
        if (kept != null) {
            Map<?, ?> block = parseKept(app, kept);
            argoCd.mergePatch(app, "{\"metadata\":{\"annotations\":{\"" + KEPT_ANNOTATION + "\":null}},"
                    + "\"spec\":{\"syncPolicy\":{\"automated\":" + json(block) + "}}}");
            change = Change.RESTORED;
        } else if (hasAutomatedBlock(current)) {
            argoCd.mergePatch(app, "{\"spec\":{\"syncPolicy\":{\"automated\":{\"enabled\":true}}}}");
            change = Change.SWITCHED;
        } else {
            throw new FleetProblem.Conflict(app + " has no automated sync policy to switch on: set spec.syncPolicy.automated"
                    + " in Git, where the Application is defined", FleetProblem.Reason.of("no-automated-policy", app));
        }
        if (!require(app).autoSyncEnabled()) {
            throw new FleetProblem.Unavailable("automated sync of " + app + " could not be switched on: the API server"
                    + " did not keep the change", FleetProblem.Reason.of("autosync-stays-off", app), 30);
        }
        return change;
    }

    private static boolean hasAutomatedBlock(Application app) {
        return app.getSpec() != null && app.getSpec().syncPolicy() != null && app.getSpec().syncPolicy().automated() != null;
    }

    private Application require(String app) {
        return argoCd.read(app).orElseThrow(() -> new FleetProblem.NotFound("application '" + app + "' not found",
                FleetProblem.Reason.of("app-not-found", app)));
    }

    private static Map<?, ?> parseKept(String app, String kept) {
        try {
            Object value = JSON.readValue(kept, Object.class);
            if (value instanceof Map<?, ?> block) {
                return block;
            }
        } catch (JsonProcessingException unreadable) {
            // reported below
        }
        throw new FleetProblem.Conflict(app + ": the annotation " + KEPT_ANNOTATION + " does not hold an automated"
                + " sync policy; remove it and set spec.syncPolicy.automated in Git",
                FleetProblem.Reason.of("kept-policy-unreadable", app, KEPT_ANNOTATION));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an automated sync policy is always serializable", e);
        }
    }
}
