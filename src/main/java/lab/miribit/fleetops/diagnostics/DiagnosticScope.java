package lab.miribit.fleetops.diagnostics;

import java.util.List;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.fleet.Cluster;

/**
 * What a diagnosis looks at: the whole fleet, one cluster (its applications) or one application.
 *
 * @param apps     the applications in scope
 * @param clusters the clusters in scope (the application's destination, for an application)
 * @param gaps     where the rules of this diagnosis note what they could not read
 */
public record DiagnosticScope(String description, List<Application> apps, List<Cluster> clusters, Gaps gaps) {

    public DiagnosticScope {
        apps = List.copyOf(apps);
        clusters = List.copyOf(clusters);
    }

    static String appTarget(Application app) {
        return "app/" + app.getMetadata().getName();
    }
}
