package lab.miribit.fleetops.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
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

    AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed(FleetRole.VIEWER_NAME)
    @Operation(summary = "Audit records of this replica, oldest first, optionally since an RFC 3339 time")
    public List<AuditRecord> audit(@QueryParam("since") String since) {
        Instant from = null;
        if (since != null && !since.isBlank()) {
            try {
                from = Instant.parse(since.trim());
            } catch (DateTimeParseException e) {
                throw new FleetProblem.InvalidInput("since must be an RFC 3339 UTC time such as 2026-11-26T08:00:00Z");
            }
        }
        return audit.since(from);
    }
}
