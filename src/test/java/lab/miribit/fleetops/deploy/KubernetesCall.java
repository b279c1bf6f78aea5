package lab.miribit.fleetops.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of Kubernetes API call, as RBAC sees it: where (a namespace, or {@code *} for every namespace), what
 * (API group and resource, optionally one object's name) and which verb.
 */
record KubernetesCall(String namespace, String group, String resource, String name, String verb) {

    private static final Pattern NAMESPACED = Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/([^/]+)/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(\\?.*)?");

    /** The call an HTTP request is, or null for what RBAC does not govern per namespace (discovery, /version). */
    static KubernetesCall of(String method, String path) {
        Matcher m = NAMESPACED.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String group = m.group(1) == null ? "" : m.group(1);
        String name = m.group(4);
        String query = m.group(6) == null ? "" : m.group(6);
        String verb = switch (method) {
            case "GET" -> name != null ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        String resource = m.group(5) == null ? m.group(3) : m.group(3) + "/" + m.group(5);
        return new KubernetesCall(m.group(2), group, resource, name, verb);
    }

    /** Whether {@code granted} (from a Role or ClusterRole) allows this call. */
    boolean allowedBy(KubernetesCall granted) {
        return (granted.namespace().equals("*") || granted.namespace().equals(namespace)) && granted.group().equals(group)
                && granted.resource().equals(resource) && granted.verb().equals(verb)
                && (granted.name() == null || granted.name().equals(name));
    }

    /** The same call for any object (RBAC's resourceNames aside). */
    KubernetesCall anyName() {
        return new KubernetesCall(namespace, group, resource, null, verb);
    }
}
