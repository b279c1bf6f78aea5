package lab.miribit.fleetops.bootstrap;

import lab.miribit.fleetops.operations.Note;

/**
 * One idempotent step of the bootstrap plan: {@link Check} looks, changing nothing, at whether the step's
 * outcome is already so; {@link Action} makes it so, and is only run when the check says it is not.
 *
 * @param summary what the step is for, shown in the plan
 */
record Step(String name, String summary, Check check, Action action) {

    /** The step's look at the world: already so (with what was found), or what acting would change. */
    sealed interface Finding permits AlreadySo, WouldChange {
        Note detail();
    }

    record AlreadySo(Note detail) implements Finding {
    }

    record WouldChange(Note detail) implements Finding {
    }

    @FunctionalInterface
    interface Check {
        Finding look();
    }

    @FunctionalInterface
    interface Action {
        /**
         * @param report tells the operation how far a long action got (e.g. a wait for GitLab)
         * @return what was done
         */
        Note act(java.util.function.Consumer<Note> report) throws InterruptedException;
    }

    static Finding alreadySo(String code, Object... args) {
        return new AlreadySo(Note.of(code, args));
    }

    static Finding wouldChange(String code, Object... args) {
        return new WouldChange(Note.of(code, args));
    }
}
