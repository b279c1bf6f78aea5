package lab.miribit.fleetops.checks;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;

/** Runs a check on demand as an operation: one run of a check at a time, its result kept like a scheduled one's. */
@ApplicationScoped
class RunCheckHandler implements CommandHandler<Command.RunCheck> {

    private final Checks checks;

    RunCheckHandler(Checks checks) {
        this.checks = checks;
    }

    @Override
    public Set<Class<? extends Command.RunCheck>> handles() {
        return Set.of(Command.RunCheck.class);
    }

    @Override
    public Accepted accept(Command.RunCheck command, Caller caller) {
        checks.require(command.check());
        return new Accepted(Set.of(command.target()), List.of(Note.of("run-check", command.check())), progress -> {
            progress.started(0, null);
            CheckResult result = checks.run(command.check());
            Note summary = Note.of(result.items().size() == 1 ? "check-ran.one" : "check-ran.other", command.check(),
                    result.status().label(), result.items().size());
            progress.succeeded(0, summary);
            return summary;
        });
    }
}
