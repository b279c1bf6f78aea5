package lab.miribit.fleetops.operations;

/** What running work may report about its operation's planned steps. */
public interface Progress {

    String operationId();

    void started(int step, String message);

    void succeeded(int step, String message);

    void failed(int step, String message);

    void skipped(int step, String message);
}
