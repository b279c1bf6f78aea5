package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The fleet's S3 for the tests: every required bucket but {@link #MISSING_BUCKET}, so that one is found missing. */
public class S3ServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String MISSING_BUCKET = "opensearch-snapshots";

    private S3Server server;

    @Override
    public Map<String, String> start() {
        try {
            server = new S3Server(List.of("gitlab-lfs", "gitlab-artifacts", "gitlab-uploads", "gitlab-packages", "gitlab-backups",
                    "gitlab-tmp", "thanos"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("fleet.s3.endpoint", server.endpoint(), "fleet.s3.access-key", S3Server.ACCESS_KEY,
                "fleet.s3.secret-key", S3Server.SECRET_KEY, "fleet.s3.timeout", "2s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectS3.class, S3Server.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
