package lab.miribit.fleetops.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import lab.miribit.fleetops.checks.CheckResult;
import lab.miribit.fleetops.checks.CheckView;
import lab.miribit.fleetops.checks.Checks;
import lab.miribit.fleetops.operations.FleetRole;

@Path("/api/v1/checks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "checks")
public class ChecksResource {

    private final Checks checks;

    ChecksResource(Checks checks) {
        this.checks = checks;
    }

    @GET
    @RolesAllowed(FleetRole.VIEWER_NAME)
    @Operation(summary = "Every configured check: its latest result, or pending until its first run, and its next run")
    public List<CheckView> latest() {
        return checks.views();
    }

    @POST
    @Path("/{check}/run")
    @RolesAllowed(FleetRole.OPERATOR_NAME)
    @Operation(summary = "Run a check now and answer with its result")
    public CheckResult run(@PathParam("check") String check) {
        return checks.run(check);
    }
}
