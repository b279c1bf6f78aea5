package lab.miribit.fleetops.checks;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import lab.miribit.fleetops.coordination.ScheduleLeadership;

/**
 * {@code /q/health/group/fleet}: the scheduled checks' latest statuses, DOWN while one is critical. A health
 * group, never readiness: a certificate about to expire is a reason to act, not to stop serving.
 */
@HealthGroup("fleet")
@ApplicationScoped
class ChecksHealth implements HealthCheck {

    private final Checks checks;
    private final ScheduleLeadership leadership;

    ChecksHealth(Checks checks, ScheduleLeadership leadership) {
        this.checks = checks;
        this.leadership = leadership;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("checks").withData("runsSchedule", leadership.leading());
        boolean critical = false;
        for (CheckResult result : checks.latest()) {
            response.withData(result.name(), result.status().label());
            critical |= result.status() == CheckResult.Status.CRITICAL;
        }
        return response.status(!critical).build();
    }
}
