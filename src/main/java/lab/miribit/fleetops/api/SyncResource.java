package lab.miribit.fleetops.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.operations.SyncOptions;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.problem.DnsLabel;
import lab.miribit.fleetops.problem.FleetProblem;
import lab.miribit.fleetops.security.Callers;

@Path("/api/v1/sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sync")
public class SyncResource {

    private final OperationService operations;
    private final Callers callers;
    private final SecurityIdentity identity;

    SyncResource(OperationService operations, Callers callers, SecurityIdentity identity) {
        this.operations = operations;
        this.callers = callers;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    // Any authenticated caller reaches the OperationService, which checks the action's role and audits a refusal.
    @Authenticated
    // The role is enforced (and a refusal audited) by the OperationService; the document states it.
    @SecurityRequirement(name = "oidc", scopes = { FleetRole.OPERATOR_NAME, FleetRole.CI_NAME })
    @Operation(summary = "Sync a list of applications, or the applications a Git change touched, wave by wave")
    public Response sync(SyncListBody body) {
        if (body == null) {
            throw new FleetProblem.InvalidInput("send {\"apps\": [...]} or {\"repoURL\", \"revision\", \"changedPaths\": [...]}");
        }
        SyncOptions options = new SyncOptions(Boolean.TRUE.equals(body.prune()), Boolean.TRUE.equals(body.dryRun()), null,
                null);
        boolean byApps = body.apps() != null;
        boolean byChanges = body.changedPaths() != null || body.repoURL() != null;
        if (byApps == byChanges) {
            throw new FleetProblem.InvalidInput("send either apps or repoURL with changedPaths, not both and not neither");
        }
        Via via = identity.hasRole(FleetRole.CI_NAME) ? Via.CI : Via.REST;
        Command command;
        if (byApps) {
            body.apps().forEach(app -> DnsLabel.require("app", app));
            command = new Command.SyncApps(body.apps(), options);
        } else {
            command = new Command.SyncChanged(body.repoURL(), body.revision(),
                    body.changedPaths() == null ? java.util.List.of() : body.changedPaths(), options);
        }
        if (body.waitSeconds() != null && (body.waitSeconds() < 1 || body.waitSeconds() > 3600)) {
            throw new FleetProblem.InvalidInput("waitSeconds must be between 1 and 3600");
        }
        lab.miribit.fleetops.operations.Operation.Snapshot accepted = operations.submit(callers.of(identity, via), command);
        if (!Boolean.TRUE.equals(body.waitForEnd())) {
            return Accepted.of(accepted);
        }
        // A CI job waits here instead of polling; 200 once the operation has ended, 202 if it still runs.
        lab.miribit.fleetops.operations.Operation.Snapshot now = operations.awaitEnd(accepted.id(),
                java.time.Duration.ofSeconds(body.waitSeconds() == null ? 600 : body.waitSeconds()));
        return now.state().finished() ? Response.ok(now).build() : Accepted.of(now);
    }
}
