package lab.miribit.fleetops.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    private final RenderedJson rendered;

    OperationsResource(OperationService operations, RenderedJson rendered) {
        this.rendered = rendered;
        this.operations = operations;
    }

    @GET
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "The newest operations first, a page at a time")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = Operation.Snapshot.class)))
    public Response list(@Parameter(description = "at most this many (1-5000, default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "the Continue-Token of the previous page") @QueryParam("continue") String continueToken,
            @Context Request request, @Context UriInfo uri) {
        ListPage.Page<Operation.Snapshot> page = ListPage.cut(new ListPage.Listing<>(operations.newest(Integer.MAX_VALUE),
                op -> ListPage.timeKey(op.startedAt()) + ":" + op.id(), true), ListPage.limit(limit, 50), continueToken);
        return ListPage.respond(rendered.json(page.items()), page.next(), request, uri);
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
