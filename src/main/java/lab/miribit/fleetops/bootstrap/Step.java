package lab.miribit.fleetops.bootstrap;

/**
 * One idempotent step of the bootstrap plan: {@link Check} looks, changing nothing, at whether the step's
 * outcome is already so; {@link Action} makes it so, and is only run when the check says it is not.
 *
 * @param summary what the step is for, shown in the plan
 */
record Step(String name, String summary, Check check, Action action) {

    /** The step's look at the world: already so (with what was found), or what acting would change. */
    sealed interface Finding permits AlreadySo, WouldChange {
        String detail();
    }

    record AlreadySo(String detail) implements Finding {
    }

    record WouldChange(String detail) implements Finding {
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
        String act(java.util.function.Consumer<String> report) throws InterruptedException;
    }

    static Finding alreadySo(String detail) {
        return new AlreadySo(detail);
    }

    static Finding wouldChange(String detail) {
        return new WouldChange(detail);
    }
}
