package lab.miribit.fleetops.operations;

/** What running work may report about its operation's planned steps. */
public interface Progress {

    String operationId();

    void started(int step, String message);

    void succeeded(int step, String message);

    void failed(int step, String message);

    void skipped(int step, String message);

    /** The same progress for work whose steps come after {@code offset} steps of other work. */
    static Progress after(Progress progress, int offset) {
        return new Progress() {
            @Override
            public String operationId() {
                return progress.operationId();
            }

            @Override
            public void started(int step, String message) {
                progress.started(step + offset, message);
            }

            @Override
            public void succeeded(int step, String message) {
                progress.succeeded(step + offset, message);
            }

            @Override
            public void failed(int step, String message) {
                progress.failed(step + offset, message);
            }

            @Override
            public void skipped(int step, String message) {
                progress.skipped(step + offset, message);
            }
        };
    }
}
