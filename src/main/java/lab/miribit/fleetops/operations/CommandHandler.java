package lab.miribit.fleetops.operations;

import java.util.List;
import java.util.Set;

/**
 * Carries out one kind of {@link Command}. {@link #accept} runs while the caller waits: it validates and
 * plans against current state and must not change anything, so a refusal leaves nothing behind. The
 * returned {@link Work} then runs in the background as an {@link Operation}.
 */
public interface CommandHandler<C extends Command> {

    /** The command types this handler carries out; each type has exactly one handler. */
    Set<Class<? extends C>> handles();

    /**
     * The command as it will run and be recorded: a handler whose commands may name things still to be told apart (a
     * sync of names as a person typed them) returns the precise command, which the operation, its locks and the audit
     * then show; by default the command itself. Like {@link #accept}, it reads and never changes anything.
     */
    default Command resolve(C command) {
        return command;
    }

    Accepted accept(C command, Caller caller);

    /**
     * @param locks        the targets this action occupies while it runs ({@code app/x}, {@code cluster/y}); any
     *                     other action on one of them is refused with 409 until this one ends
     * @param plannedSteps the steps shown to users from the start
     */
    record Accepted(Set<String> locks, List<Note> plannedSteps, Work work) {
    }

    @FunctionalInterface
    interface Work {
        /** Runs the action; returns what came of it on success, throws a FleetProblem to fail with its reason. */
        Note run(Progress progress) throws InterruptedException;
    }
}
