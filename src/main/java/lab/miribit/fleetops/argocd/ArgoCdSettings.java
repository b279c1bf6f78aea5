package lab.miribit.fleetops.argocd;

/** Argo CD's own configuration that decides how applications behave, as fleet-ops sets it and the demo reads it. */
public final class ArgoCdSettings {

    public static final String ARGOCD_CM = "argocd-cm";
    public static final String CMD_PARAMS_CM = "argocd-cmd-params-cm";

    /** argocd-cm key of a health check for child Applications (docs/operator-manual/health.md). */
    public static final String APPLICATION_HEALTH_KEY = "resource.customizations.health.argoproj.io_Application";
    /**
     * Argo CD 1.8 removed the health assessment of Applications, so an app-of-apps parent no longer waits for a
     * child's sync wave to be healthy; Argo CD's documentation gives this check to restore it. With it, a parent's
     * health is its children's worst, their Missing and Unknown aside (controller/health.go).
     */
    public static final String APPLICATION_HEALTH_LUA = resource("argocd/application-health.lua");

    /**
     * argocd-cmd-params-cm key that makes the 3.x application controller keep each resource's health in the
     * Application's {@code status.resources} again (default false since 3.0: docs/operator-manual/upgrading/2.14-3.0.md).
     * Read by the controller at start, so a change needs a restart of argocd-application-controller.
     */
    public static final String PERSIST_RESOURCE_HEALTH_KEY = "controller.resource.health.persist";

    private ArgoCdSettings() {
    }

    private static String resource(String name) {
        try (java.io.InputStream in = ArgoCdSettings.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
