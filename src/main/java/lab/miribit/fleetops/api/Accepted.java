package lab.miribit.fleetops.api;

import java.net.URI;

import jakarta.ws.rs.core.Response;

import lab.miribit.fleetops.operations.Operation;

/** The 202 answer to an accepted action: the operation, and where to follow it. */
final class Accepted {

    private Accepted() {
    }

    static Response of(Operation.Snapshot operation) {
        return Response.accepted(operation).location(URI.create("/api/v1/operations/" + operation.id())).build();
    }
}
