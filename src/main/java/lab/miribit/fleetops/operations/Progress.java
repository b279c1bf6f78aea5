package lab.miribit.fleetops.operations;

/** What running work may report about its operation's planned steps. */
public interface Progress {

    String operationId();

    void started(int step, Note note);

    void succeeded(int step, Note note);

    void failed(int step, Note note);

    void skipped(int step, Note note);

    /** The same progress for work whose steps come after {@code offset} steps of other work. */
    static Progress after(Progress progress, int offset) {
        return new Progress() {
            @Override
            public String operationId() {
                return progress.operationId();
            }

            @Override
            public void started(int step, Note note) {
                progress.started(step + offset, note);
            }

            @Override
            public void succeeded(int step, Note note) {
                progress.succeeded(step + offset, note);
            }

            @Override
            public void failed(int step, Note note) {
                progress.failed(step + offset, note);
            }

            @Override
            public void skipped(int step, Note note) {
                progress.skipped(step + offset, note);
            }
        };
    }
}
