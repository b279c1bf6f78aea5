package lab.miribit.fleetops.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The resources shared by every test that does not choose its own profile: the embedded fleet and an OIDC
 * server (WireMock) whose key signs {@link Tokens}, Slack's side (HTTP mode), a real S3 server and GitLab's side (API, CI tokens, webhook). Declared once here, so all those tests share one
 * application start.
 */
@QuarkusTestResource(FleetTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(SlackStandInResource.class)
@QuarkusTestResource(S3ServerResource.class)
@QuarkusTestResource(GitLabStandInResource.class)
public final class GlobalTestResources {

    private GlobalTestResources() {
    }
}
