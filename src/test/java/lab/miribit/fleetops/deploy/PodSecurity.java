package lab.miribit.fleetops.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Pod Security Standards' "restricted" profile (kubernetes.io/docs/concepts/security/pod-security-standards,
 * baseline controls included), checked on a pod spec: what the namespace's {@code enforce: restricted} label
 * makes the API server refuse.
 */
final class PodSecurity {

    private static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");

    private PodSecurity() {
    }

    static List<String> restrictedViolations(JsonNode pod) {
        List<String> violations = new ArrayList<>();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(host).asBoolean(false)) {
                violations.add(host + " must not be set");
            }
        }
        pod.path("volumes").forEach(volume -> volume.fieldNames().forEachRemaining(field -> {
            if (!field.equals("name") && !VOLUME_TYPES.contains(field)) {
                violations.add("volume " + volume.path("name").asText() + " is of type " + field);
            }
        }));
        JsonNode podContext = pod.path("securityContext");
        List<JsonNode> containers = new ArrayList<>();
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            pod.path(list).forEach(containers::add);
        }
        if (podContext.path("runAsUser").asLong(-1) == 0) {
            violations.add("pod runs as user 0");
        }
        for (JsonNode container : containers) {
            String name = container.path("name").asText();
            JsonNode context = container.path("securityContext");
            if (context.path("privileged").asBoolean(false)) {
                violations.add(name + " is privileged");
            }
            if (!context.has("allowPrivilegeEscalation") || context.path("allowPrivilegeEscalation").asBoolean(true)) {
                violations.add(name + " must set allowPrivilegeEscalation: false");
            }
            boolean nonRoot = context.has("runAsNonRoot") ? context.path("runAsNonRoot").asBoolean(false)
                    : podContext.path("runAsNonRoot").asBoolean(false);
            if (!nonRoot) {
                violations.add(name + " must run as non-root");
            }
            if (context.path("runAsUser").asLong(-1) == 0) {
                violations.add(name + " runs as user 0");
            }
            String seccomp = context.at("/seccompProfile/type").asText(podContext.at("/seccompProfile/type").asText(""));
            if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
                violations.add(name + " must use the RuntimeDefault or a Localhost seccomp profile");
            }
            List<String> dropped = new ArrayList<>();
            context.at("/capabilities/drop").forEach(c -> dropped.add(c.asText()));
            if (!dropped.contains("ALL")) {
                violations.add(name + " must drop ALL capabilities");
            }
            context.at("/capabilities/add").forEach(c -> {
                if (!c.asText().equals("NET_BIND_SERVICE")) {
                    violations.add(name + " adds capability " + c.asText());
                }
            });
            container.path("ports").forEach(port -> {
                if (port.has("hostPort") && port.path("hostPort").asInt() != 0) {
                    violations.add(name + " uses host port " + port.path("hostPort").asInt());
                }
            });
        }
        return violations;
    }
}
