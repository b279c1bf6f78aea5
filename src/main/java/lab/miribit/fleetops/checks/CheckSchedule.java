package lab.miribit.fleetops.checks;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import lab.miribit.fleetops.coordination.ScheduleLeadership;

/**
 * Schedules every check at its own interval, first shortly after start; a run is skipped while the previous
 * one still goes on, and on replicas that do not hold the schedule's Lease.
 */
@ApplicationScoped
class CheckSchedule {

    private final Scheduler scheduler;
    private final List<Check> checks;
    private final Checks runner;
    private final ScheduleLeadership.NotLeading notLeading;
    private final ScheduleConfig config;

    CheckSchedule(Scheduler scheduler, @All List<Check> checks, Checks runner, ScheduleLeadership.NotLeading notLeading,
            ScheduleConfig config) {
        this.config = config;
        this.scheduler = scheduler;
        this.checks = checks;
        this.runner = runner;
        this.notLeading = notLeading;
    }

    void start(@Observes StartupEvent event) {
        for (Check check : checks) {
            scheduler.newJob("check-" + check.name())
                    .setInterval(check.interval().toString())
                    .setDelayed(config.firstRunDelay().toString())
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setSkipPredicate(execution -> {
                        runner.scheduled(check.name());
                        return notLeading.test(execution);
                    })
                    .setTask(execution -> runner.run(check.name()))
                    .schedule();
        }
    }
}
