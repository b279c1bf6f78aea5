package lab.miribit.fleetops.operations;

import java.util.regex.Pattern;

import lab.miribit.fleetops.problem.FleetProblem;

/** One resource of an application, written {@code group/Kind/namespace/name} (empty group for the core API, empty namespace for cluster-scoped). */
public record ResourceRef(String group, String kind, String namespace, String name) {

    private static final Pattern GROUP = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?");
    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,62}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    public static ResourceRef parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length != 4) {
            throw new FleetProblem.InvalidInput("resource must be written group/Kind/namespace/name"
                    + " (e.g. apps/Deployment/monitoring/prometheus-agent, or /ConfigMap/monitoring/x for the core group)");
        }
        String group = parts[0];
        String kind = parts[1];
        String namespace = parts[2];
        String name = parts[3];
        if (!GROUP.matcher(group).matches() || group.length() > 253) {
            throw new FleetProblem.InvalidInput("invalid API group in resource '" + text + "'");
        }
        if (!KIND.matcher(kind).matches()) {
            throw new FleetProblem.InvalidInput("invalid kind in resource: a kind is a word such as Deployment");
        }
        if (!namespace.isEmpty()) {
            lab.miribit.fleetops.problem.DnsLabel.require("namespace", namespace);
        }
        if (name.isEmpty() || name.length() > 253 || !NAME.matcher(name).matches()) {
            throw new FleetProblem.InvalidInput("invalid resource name: lowercase letters, digits, '-' and '.', at most 253");
        }
        return new ResourceRef(group, kind, namespace, name);
    }

    @Override
    public String toString() {
        return group + "/" + kind + "/" + namespace + "/" + name;
    }
}
