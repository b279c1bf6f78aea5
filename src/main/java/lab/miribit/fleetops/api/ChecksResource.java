package lab.miribit.fleetops.api;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

import lab.miribit.fleetops.checks.CheckView;
import lab.miribit.fleetops.checks.Checks;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.Operation.Snapshot;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.problem.FleetProblem;
import lab.miribit.fleetops.security.Callers;

@Path("/api/v1/checks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "checks")
public class ChecksResource {

    /** Checks are bounded in time (each probe has its timeout); this is the wait's own bound. */
    private static final Duration RUN_WAIT = Duration.ofMinutes(2);

    private final Checks checks;
    private final OperationService operations;
    private final Callers callers;
    private final SecurityIdentity identity;

    ChecksResource(Checks checks, OperationService operations, Callers callers, SecurityIdentity identity) {
        this.checks = checks;
        this.operations = operations;
        this.callers = callers;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(FleetRole.VIEWER_NAME)
    @Operation(summary = "Every configured check: its latest result, or pending until its first run, and its next run")
    public List<CheckView> latest() {
        return checks.views();
    }

    @POST
    @Path("/{check}/run")
    @Authenticated
    // The role is enforced (and a refusal audited) by the OperationService; the document states it.
    @SecurityRequirement(name = "oidc", scopes = FleetRole.OPERATOR_NAME)
    @Operation(summary = "Run a check now, as an audited operation, and answer with its result (202 with the operation if it "
            + "is still running after two minutes)")
    public Response run(@PathParam("check") String check) {
        Snapshot accepted = operations.submit(callers.of(identity, Via.REST), new Command.RunCheck(check));
        Snapshot now = operations.awaitEnd(accepted.id(), RUN_WAIT);
        if (!now.state().finished()) {
            return Accepted.of(now);
        }
        if (now.state() == lab.miribit.fleetops.operations.Operation.State.FAILED) {
            throw new FleetProblem.Unavailable("the " + check + " check could not run: " + now.message(), 30);
        }
        return Response.ok(checks.latest(check).orElseThrow()).build();
    }
}
