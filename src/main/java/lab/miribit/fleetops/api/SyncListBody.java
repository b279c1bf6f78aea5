package lab.miribit.fleetops.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /sync}: either {@code apps} (names), or what a merge changed ({@code repoURL},
 * {@code revision}, {@code changedPaths}); {@code prune} and {@code dryRun} apply to every application.
 * With {@code wait} the answer comes when the operation has ended (or after {@code waitSeconds}, default 600).
 */
public record SyncListBody(List<String> apps, Boolean prune, Boolean dryRun, String repoURL, String revision,
        List<String> changedPaths, @JsonProperty("wait") Boolean waitForEnd, Integer waitSeconds) {
}
