package lab.miribit.fleetops.api;

import java.util.List;

import lab.miribit.fleetops.operations.ResourceRef;
import lab.miribit.fleetops.operations.SyncOptions;

/** Body of {@code POST /apps/{app}/sync} and {@code POST /clusters/{cluster}/sync}; every field is optional. */
public record SyncBody(Boolean prune, Boolean dryRun, String revision, List<String> resources) {

    SyncOptions toOptions() {
        List<ResourceRef> refs = resources == null ? List.of() : resources.stream().map(ResourceRef::parse).toList();
        return new SyncOptions(Boolean.TRUE.equals(prune), Boolean.TRUE.equals(dryRun), revision, refs);
    }

    static SyncOptions optionsOf(SyncBody body) {
        return body == null ? SyncOptions.defaults() : body.toOptions();
    }
}
