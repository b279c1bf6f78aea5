package lab.miribit.fleetops.api;

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
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.problem.FleetProblem;
import lab.miribit.fleetops.security.Callers;

@Path("/api/v1/git")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "git")
public class GitResource {

    /** @param mergeRequest revert on a branch {@code fleet-ops/revert-<sha>} and open a merge request */
    public record RevertBody(String sha, Boolean mergeRequest) {
    }

    private final OperationService operations;
    private final Callers callers;
    private final SecurityIdentity identity;

    GitResource(OperationService operations, Callers callers, SecurityIdentity identity) {
        this.operations = operations;
        this.callers = callers;
        this.identity = identity;
    }

    @POST
    @Path("/revert")
    @Consumes(MediaType.APPLICATION_JSON)
    // Any authenticated caller reaches the OperationService, which checks the action's role and audits a refusal.
    @Authenticated
    // The role is enforced (and a refusal audited) by the OperationService; the document states it.
    @SecurityRequirement(name = "oidc", scopes = FleetRole.ADMIN_NAME)
    @Operation(summary = "Revert a commit of the GitOps repository on its default branch, or as a merge request;"
            + " an existing revert or open merge request of that commit is returned instead of a second one")
    public Response revert(RevertBody body) {
        if (body == null || body.sha() == null) {
            throw new FleetProblem.InvalidInput("send {\"sha\": \"<7 to 40 hex digits>\", \"mergeRequest\": false}");
        }
        return Accepted.of(operations.submit(callers.of(identity, Via.REST),
                new Command.Revert(body.sha(), Boolean.TRUE.equals(body.mergeRequest()))));
    }
}
