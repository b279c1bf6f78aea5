package lab.miribit.fleetops.storage;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import lab.miribit.fleetops.checks.Checks;
import lab.miribit.fleetops.checks.ScheduleLeadership;

/** Runs the S3 check every {@code fleet.s3.interval}. */
@ApplicationScoped
class S3Schedule {

    private final Checks checks;

    S3Schedule(Checks checks) {
        this.checks = checks;
    }

    @Scheduled(every = "${fleet.s3.interval}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = ScheduleLeadership.NotLeading.class)
    void check() {
        checks.run(S3Check.NAME);
    }
}
