package lab.miribit.fleetops.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * The production build refuses to start with demo settings: it has no demo (no embedded fleet, no demo users, no
 * HTTP Basic), so a stray {@code FLEET_DEMO_ENABLED=true} or {@code -Dquarkus.profile=demo} means someone expects
 * a demo that is not there — or would switch the production instance's identity provider off
 * ({@code %demo.quarkus.oidc.tenant-enabled=false}). Failing loudly beats running half-configured.
 */
@IfBuildProfile("prod")
@ApplicationScoped
class ProductionGuard {

    private final Config config;
    private final DemoSettings demo;

    ProductionGuard(Config config, DemoSettings demo) {
        this.config = config;
        this.demo = demo;
    }

    void check(@Observes StartupEvent event) {
        List<String> found = new java.util.ArrayList<>();
        if (demo.enabled()) {
            found.add("fleet.demo.enabled=true");
        }
        String profiles = config.getOptionalValue("quarkus.profile", String.class).orElse("");
        if (List.of(profiles.split(",")).contains("demo")) {
            found.add("quarkus.profile=" + profiles);
        }
        if (!found.isEmpty()) {
            throw new IllegalStateException("this is the production build of fleet-ops, which has no demo; remove the demo"
                    + " settings " + found + " (for the demo, build it with ./mvnw package -Pdemo -DskipTests and run it with"
                    + " java -Dquarkus.profile=demo -jar target/quarkus-app/quarkus-run.jar)");
        }
    }
}
