package lab.miribit.fleetops.operations;

/**
 * Fired (synchronously, so observers see the states in order) when an operation is accepted, starts and
 * ends; observers that talk to other systems must hand the work off rather than block the operation.
 */
public record OperationChanged(Command command, Operation.Snapshot operation) {
}
