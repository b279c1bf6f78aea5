package lab.miribit.fleetops.api;

import java.util.List;

/**
 * Body of {@code POST /sync}: either {@code apps} (names), or what a merge changed ({@code repoURL},
 * {@code revision}, {@code changedPaths}); {@code prune} and {@code dryRun} apply to every application.
 */
public record SyncListBody(List<String> apps, Boolean prune, Boolean dryRun, String repoURL, String revision,
        List<String> changedPaths) {
}
