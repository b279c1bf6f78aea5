package lab.miribit.fleetops.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import lab.miribit.fleetops.bootstrap.BootstrapPlan;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.security.Callers;

@Path("/api/v1/bootstrap")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bootstrap")
public class BootstrapResource {

    /** @param steps step names to run; all when absent */
    public record BootstrapBody(Boolean dryRun, List<String> steps) {
    }

    public record PlanView(List<BootstrapPlan.StepView> steps) {
    }

    private final BootstrapPlan plan;
    private final OperationService operations;
    private final Callers callers;
    private final SecurityIdentity identity;

    BootstrapResource(BootstrapPlan plan, OperationService operations, Callers callers, SecurityIdentity identity) {
        this.plan = plan;
        this.operations = operations;
        this.callers = callers;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(FleetRole.ADMIN_NAME)
    @Operation(summary = "The bootstrap plan, with how each step's last run ended")
    public PlanView plan() {
        return new PlanView(plan.view());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    // Any authenticated caller reaches the OperationService, which checks the action's role and audits a refusal.
    @Authenticated
    // The role is enforced (and a refusal audited) by the OperationService; the document states it.
    @SecurityRequirement(name = "oidc", scopes = FleetRole.ADMIN_NAME)
    @Operation(summary = "Run (or resume) the bootstrap: each step is checked and acted on only when needed;"
            + " dryRun reports what each step would change and writes nothing")
    public Response run(BootstrapBody body) {
        boolean dryRun = body != null && Boolean.TRUE.equals(body.dryRun());
        List<String> steps = body == null || body.steps() == null ? List.of() : body.steps();
        return Accepted.of(operations.submit(callers.of(identity, Via.REST), new Command.Bootstrap(dryRun, steps)));
    }
}
