package lab.miribit.fleetops.bootstrap;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClientException;
import lab.miribit.fleetops.fleet.ApiServerFailure;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;
import lab.miribit.fleetops.operations.Progress;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Runs the plan: each step is checked, and acted on only when it is not already so; the first failure stops
 * the run, and the next run checks everything again, so it goes on from there and creates nothing twice. Every
 * step's end is recorded in the state ConfigMap. A dry run checks only, and writes nothing at all.
 */
@ApplicationScoped
class BootstrapHandler implements CommandHandler<Command.Bootstrap> {

    private static final Logger LOG = Logger.getLogger(BootstrapHandler.class);

    private final BootstrapPlan plan;
    private final BootstrapState state;

    BootstrapHandler(BootstrapPlan plan, BootstrapState state) {
        this.plan = plan;
        this.state = state;
    }

    @Override
    public Set<Class<? extends Command.Bootstrap>> handles() {
        return Set.of(Command.Bootstrap.class);
    }

    @Override
    public Accepted accept(Command.Bootstrap command, Caller caller) {
        List<Step> all = plan.steps();
        Set<String> known = new LinkedHashSet<>(all.stream().map(Step::name).toList());
        List<String> unknown = command.steps().stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new FleetProblem.InvalidInput("unknown bootstrap step(s) " + String.join(", ", unknown) + "; the steps are "
                    + String.join(", ", known));
        }
        List<Step> selected = command.steps().isEmpty() ? all
                : all.stream().filter(step -> command.steps().contains(step.name())).toList();
        List<Note> names = selected.stream().map(step -> Note.verbatim(step.name())).toList();
        return new Accepted(Set.of("bootstrap"), names, progress -> run(selected, command.dryRun(), progress));
    }

    private Note run(List<Step> steps, boolean dryRun, Progress progress) throws InterruptedException {
        int done = 0;
        int already = 0;
        int wouldChange = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            int index = i;
            progress.started(i, null);
            try {
                Step.Finding finding;
                try {
                    finding = step.check().look();
                } catch (FleetProblem | KubernetesClientException cannotTell) {
                    if (!dryRun) {
                        throw cannotTell;
                    }
                    // A dry run goes on: this step depends on what earlier steps would do first.
                    progress.skipped(i, Note.of("dry-run-cannot-tell", cannotTell instanceof FleetProblem problem
                            ? Note.verbatim(problem.getMessage()) : Note.of("kubernetes-api", ApiServerFailure.of(cannotTell).summary())));
                    continue;
                }
                if (finding instanceof Step.AlreadySo so) {
                    progress.skipped(i, Note.of("already-so", so.detail()));
                    already++;
                    record(dryRun, step, "skipped", so.detail().english(), progress);
                    continue;
                }
                if (dryRun) {
                    progress.skipped(i, Note.of("dry-run-would", finding.detail()));
                    wouldChange++;
                    continue;
                }
                Note message = step.action().act(report -> progress.started(index, report));
                progress.succeeded(i, message);
                done++;
                record(false, step, "done", message.english(), progress);
            } catch (FleetProblem failed) {
                fail(dryRun, step, failed.getMessage(), progress, i);
                throw failed;
            } catch (KubernetesClientException refused) {
                String message = "the Kubernetes API " + ApiServerFailure.of(refused).summary() + " during " + step.name();
                fail(dryRun, step, message, progress, i);
                throw new FleetProblem.Unavailable(message + "; run the bootstrap again to resume", 30);
            }
        }
        if (dryRun) {
            return Note.of("bootstrap-dry-run", wouldChange, already);
        }
        return Note.of("bootstrap-done", done, already);
    }

    private void fail(boolean dryRun, Step step, String message, Progress progress, int index) {
        progress.failed(index, Note.verbatim(message));
        record(dryRun, step, "failed", message, progress);
        LOG.infof("bootstrap step %s failed: %s", step.name(), message);
    }

    private void record(boolean dryRun, Step step, String outcome, String message, Progress progress) {
        if (!dryRun) {
            state.record(step.name(), new BootstrapState.Entry(outcome, message, Instant.now(), progress.operationId()));
        }
    }
}
