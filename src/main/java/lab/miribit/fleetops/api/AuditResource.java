package lab.miribit.fleetops.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import lab.miribit.fleetops.operations.AuditLog;
import lab.miribit.fleetops.operations.AuditRecord;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.problem.FleetProblem;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {

    private final AuditLog audit;
    private final RenderedJson rendered;

    AuditResource(AuditLog audit, RenderedJson rendered) {
        this.rendered = rendered;
        this.audit = audit;
    }

    @GET
    @RolesAllowed(FleetRole.VIEWER_NAME)
    @Operation(summary = "Audit records of this replica, oldest first, optionally since an RFC 3339 time, a page at a time")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = AuditRecord.class)))
    public Response audit(@QueryParam("since") String since,
            @Parameter(description = "at most this many (1-5000, default 500)") @QueryParam("limit") String limit,
            @Parameter(description = "the Continue-Token of the previous page") @QueryParam("continue") String continueToken,
            @Context Request request, @Context UriInfo uri) {
        Instant from = null;
        if (since != null && !since.isBlank()) {
            try {
                from = Instant.parse(since.trim());
            } catch (DateTimeParseException e) {
                throw new FleetProblem.InvalidInput("since must be an RFC 3339 UTC time such as 2026-11-26T08:00:00Z");
            }
        }
        List<AuditRecord> records = audit.since(from);
        // Records carry no id: the time to the nanosecond and the record's place among those of that instant order them.
        List<Keyed> keyed = new java.util.ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            keyed.add(new Keyed(ListPage.timeKey(records.get(i).at()) + ":" + ListPage.fixedKey(i), records.get(i)));
        }
        ListPage.Page<Keyed> page = ListPage.cut(new ListPage.Listing<>(keyed, Keyed::key, false), ListPage.limit(limit,
                ListPage.DEFAULT_LIMIT), continueToken);
        return ListPage.respond(rendered.json(page.items().stream().map(Keyed::record).toList()), page.next(), request, uri);
    }

    private record Keyed(String key, AuditRecord record) {
    }
}
