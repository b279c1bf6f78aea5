package lab.miribit.fleetops.bootstrap;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.problem.FleetProblem;
import lab.miribit.fleetops.storage.ObjectStore;
import lab.miribit.fleetops.storage.StorageConfig;

/** The S3 part of the guide's {@code deploy-gitlab.sh}: the keys work, and every bucket the fleet needs exists. */
@ApplicationScoped
class StorageSteps {

    private final ObjectStore store;
    private final StorageConfig config;

    StorageSteps(ObjectStore store, StorageConfig config) {
        this.store = store;
        this.config = config;
    }

    List<Step> steps() {
        return List.of(credentials(), buckets());
    }

    private Step credentials() {
        return new Step("s3-credentials", "S3_ACCESS_KEY / S3_SECRET_KEY are accepted by the fleet's S3", () -> {
            requireConfigured();
            int buckets = call(store::bucketNames).size();
            return Step.alreadySo("boot.s3-accepts-keys", config.endpoint().orElseThrow(), buckets);
        }, report -> {
            throw new IllegalStateException("the credentials check never needs to act");
        });
    }

    private Step buckets() {
        return new Step("s3-buckets", "buckets " + String.join(", ", config.buckets()), () -> {
            List<String> missing = missing();
            return missing.isEmpty() ? Step.alreadySo("boot.buckets-exist", config.buckets().size())
                    : Step.wouldChange("boot.create", String.join(", ", missing));
        }, report -> {
            List<String> created = new ArrayList<>();
            for (String bucket : missing()) {
                call(() -> {
                    store.createBucket(bucket);
                    return null;
                });
                created.add(bucket);
                report.accept(Note.of("boot.created", bucket));
            }
            return Note.of("boot.created", String.join(", ", created));
        });
    }

    private List<String> missing() {
        requireConfigured();
        List<String> existing = call(store::bucketNames);
        return config.buckets().stream().filter(bucket -> !existing.contains(bucket)).toList();
    }

    private void requireConfigured() {
        if (!store.configured()) {
            throw new FleetProblem.Conflict("S3 is not configured: set fleet.s3.endpoint and S3_ACCESS_KEY / S3_SECRET_KEY"
                    + " (a Secret's keys), then run the bootstrap again");
        }
    }

    @FunctionalInterface
    private interface StorageCall<T> {
        T run() throws ObjectStore.StorageFailure;
    }

    private static <T> T call(StorageCall<T> call) {
        try {
            return call.run();
        } catch (ObjectStore.StorageFailure failure) {
            throw switch (failure.kind()) {
                case CREDENTIALS -> new FleetProblem.Conflict(failure.getMessage());
                case UNREACHABLE -> new FleetProblem.Unavailable(failure.getMessage(), 30);
                default -> new FleetProblem.Unavailable(failure.getMessage(), 60);
            };
        }
    }
}
