package lab.miribit.fleetops.argocd;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** The Argo CD {@code AppProject} ({@code argoproj.io/v1alpha1}), reduced to what decides whether a sync may run. */
@Group("argoproj.io")
@Version("v1alpha1")
@Kind("AppProject")
@Plural("appprojects")
@JsonIgnoreProperties(ignoreUnknown = true)
public class AppProject extends CustomResource<AppProject.Spec, Void> implements Namespaced {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(List<SyncWindow> syncWindows) {
    }

    public List<SyncWindow> syncWindows() {
        return getSpec() == null || getSpec().syncWindows() == null ? List.of() : getSpec().syncWindows();
    }
}
