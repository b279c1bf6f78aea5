package lab.miribit.fleetops.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import lab.miribit.fleetops.diagnostics.DiagnosticReport;
import lab.miribit.fleetops.diagnostics.Diagnostics;
import lab.miribit.fleetops.operations.FleetRole;

@Path("/api/v1/diagnostics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "diagnostics")
public class DiagnosticsResource {

    private final Diagnostics diagnostics;

    DiagnosticsResource(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    @GET
    @RolesAllowed(FleetRole.VIEWER_NAME)
    @Operation(summary = "Run the troubleshooting runbook on the fleet, one cluster or one application")
    public DiagnosticReport diagnose(@QueryParam("cluster") String cluster, @QueryParam("app") String app) {
        return diagnostics.run(cluster, app);
    }
}
