package lab.miribit.fleetops.certs;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import lab.miribit.fleetops.checks.Checks;
import lab.miribit.fleetops.checks.ScheduleLeadership;

/** Runs the certificate check every {@code fleet.certs.interval}, first shortly after start. */
@ApplicationScoped
class CertificateSchedule {

    private final Checks checks;

    CertificateSchedule(Checks checks) {
        this.checks = checks;
    }

    @Scheduled(every = "${fleet.certs.interval}", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = ScheduleLeadership.NotLeading.class)
    void scan() {
        checks.run(CertificateCheck.NAME);
    }
}
