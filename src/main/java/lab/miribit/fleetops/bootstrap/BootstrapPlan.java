package lab.miribit.fleetops.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** The guide's three install scripts as one ordered list of idempotent steps. */
@ApplicationScoped
public class BootstrapPlan {

    /** A step as shown to users, with how it last ended ({@code not run} when it never did). */
    public record StepView(String name, String summary, String state, String message, java.time.Instant at, String operationId) {
    }

    private final ArgoCdSteps argoCd;
    private final StorageSteps storage;
    private final GitLabSteps gitlab;
    private final WiringSteps wiring;
    private final BootstrapState state;

    BootstrapPlan(ArgoCdSteps argoCd, StorageSteps storage, GitLabSteps gitlab, WiringSteps wiring, BootstrapState state) {
        this.argoCd = argoCd;
        this.storage = storage;
        this.gitlab = gitlab;
        this.wiring = wiring;
        this.state = state;
    }

    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        steps.addAll(argoCd.steps());
        steps.addAll(storage.steps());
        steps.addAll(gitlab.steps());
        steps.addAll(wiring.steps());
        return steps;
    }

    /** Every step with the state its last run left in the state ConfigMap. */
    public List<StepView> view() {
        Map<String, BootstrapState.Entry> last = state.read();
        return steps().stream().map(step -> {
            BootstrapState.Entry entry = last.get(step.name());
            return entry == null ? new StepView(step.name(), step.summary(), "not run", null, null, null)
                    : new StepView(step.name(), step.summary(), entry.state(), entry.message(), entry.at(), entry.operationId());
        }).toList();
    }
}
