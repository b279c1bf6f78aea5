package lab.miribit.fleetops.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.Operation;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.problem.FleetProblem;

@Path("/api/v1/operations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
@RolesAllowed({ FleetRole.VIEWER_NAME, FleetRole.CI_NAME })
public class OperationsResource {

    private static final String ID = "op-[a-z0-9]{10}";

    private final OperationService operations;

    OperationsResource(OperationService operations) {
        this.operations = operations;
    }

    @GET
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "The newest operations first")
    public List<Operation.Snapshot> list(@QueryParam("limit") String limit) {
        return operations.newest(QueryParameter.integer("limit", limit, 50, 1, 500));
    }

    @GET
    @Path("/{id}")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One operation with its steps")
    public Operation.Snapshot get(@PathParam("id") String id) {
        return operations.find(checked(id)).orElseThrow(() -> new FleetProblem.NotFound("operation '" + id + "' not found"));
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "The operation's updates as server-sent events until it ends")
    public Multi<Operation.Snapshot> events(@PathParam("id") String id) {
        return operations.follow(checked(id));
    }

    private static String checked(String id) {
        if (id == null || !id.matches(ID)) {
            throw new FleetProblem.NotFound("operation '" + (id == null ? "" : id.replaceAll("\\p{Cntrl}", "?"))
                    + "' not found");
        }
        return id;
    }
}
