package lab.miribit.fleetops.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The Kubernetes objects of {@code deploy/}, read with fabric8's own deserializer. */
final class DeployManifests {

    static final Path ROOT = Path.of("deploy");

    private DeployManifests() {
    }

    /** Every YAML file under deploy/ that holds Kubernetes objects (not kustomizations, CI jobs or Helm values). */
    static List<Path> objectFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                    .filter(file -> !file.startsWith(ROOT.resolve("gitops-ci")))
                    .filter(file -> !file.getFileName().toString().endsWith("-values.yaml"))
                    .sorted().toList();
        }
    }

    static List<HasMetadata> objects(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = Serialization.unmarshal(in);
            List<HasMetadata> objects = new ArrayList<>();
            if (parsed instanceof KubernetesList list) {
                objects.addAll(list.getItems());
            } else if (parsed instanceof List<?> many) {
                many.forEach(item -> objects.add((HasMetadata) item));
            } else {
                objects.add((HasMetadata) parsed);
            }
            return objects;
        }
    }

    static List<HasMetadata> all() throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (Path file : objectFiles()) {
            objects.addAll(objects(file));
        }
        return objects;
    }
}
