package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** fleet-ops against the loopback {@link GitLabStandIn}: its API, its CI tokens and its webhook secret. */
public class GitLabStandInResource implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK_SECRET = "whsec-3f9a7c1e5b2d4860";
    public static final String PUBLIC_URL = "https://fleet-ops.k8s-cluster-01.miribit.lab";

    private GitLabStandIn gitlab;

    @Override
    public Map<String, String> start() {
        try {
            gitlab = new GitLabStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "fleet.gitlab.url", gitlab.url(),
                "fleet.gitlab.token", GitLabStandIn.TOKEN,
                "fleet.gitlab.project", GitLabStandIn.PROJECT,
                "fleet.gitlab.retry-backoff", "20ms",
                "fleet.gitlab.request-timeout", "3s",
                "fleet.gitlab.ci.project-paths", GitLabStandIn.PROJECT,
                "fleet.gitlab.ci.refs", "main,release",
                "fleet.gitlab.webhook.secret", WEBHOOK_SECRET,
                "fleet.public-url", PUBLIC_URL);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(gitlab, new TestInjector.AnnotatedAndMatchesType(InjectGitLab.class, GitLabStandIn.class));
    }

    @Override
    public void stop() {
        if (gitlab != null) {
            gitlab.close();
        }
    }
}
