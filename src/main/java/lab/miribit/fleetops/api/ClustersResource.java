package lab.miribit.fleetops.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.problem.DnsLabel;
import lab.miribit.fleetops.problem.FleetProblem;
import lab.miribit.fleetops.security.Callers;
import lab.miribit.fleetops.status.ClusterView;
import lab.miribit.fleetops.status.FleetStatus;

@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clusters")
public class ClustersResource {

    private final FleetStatus status;
    private final OperationService operations;
    private final Callers callers;
    private final SecurityIdentity identity;
    private final RenderedJson rendered;

    ClustersResource(FleetStatus status, OperationService operations, Callers callers, SecurityIdentity identity,
            RenderedJson rendered) {
        this.rendered = rendered;
        this.status = status;
        this.operations = operations;
        this.callers = callers;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(FleetRole.VIEWER_NAME)
    @Operation(summary = "Every cluster with its connection state and application counts, by name, a page at a time")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ClusterView.class)))
    public Response clusters(
            @Parameter(description = "at most this many (1-5000, default 500)") @QueryParam("limit") String limit,
            @Parameter(description = "the Continue-Token of the previous page") @QueryParam("continue") String continueToken,
            @Context Request request, @Context UriInfo uri) {
        ListPage.Page<ClusterView> page = ListPage.cut(new ListPage.Listing<>(status.clusters(), ClusterView::name, false),
                ListPage.limit(limit, ListPage.DEFAULT_LIMIT), continueToken);
        return ListPage.respond(rendered.json(page.items()), page.next(), request, uri);
    }

    @GET
    @Path("/{cluster}")
    @RolesAllowed(FleetRole.VIEWER_NAME)
    @Operation(summary = "One cluster with its applications")
    public ClusterView.Detail cluster(@PathParam("cluster") String cluster) {
        return status.cluster(cluster);
    }

    /** @param kubeconfig the cluster's kubeconfig YAML (flattened); used once to reach it, never stored */
    public record RegisterBody(String name, String kubeconfig) {
        @Override
        public String toString() {
            return "RegisterBody[name=" + name + "]";
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    // Any authenticated caller reaches the OperationService, which checks the action's role and audits a refusal.
    @Authenticated
    // The role is enforced (and a refusal audited) by the OperationService; the document states it.
    @SecurityRequirement(name = "oidc", scopes = FleetRole.ADMIN_NAME)
    @Operation(summary = "Register an edge cluster from its kubeconfig, the way argocd cluster add does: a ServiceAccount"
            + " token of argocd-manager there, Argo CD's cluster Secret here; the kubeconfig itself is never stored")
    public Response register(RegisterBody body) {
        if (body == null || body.name() == null) {
            throw new FleetProblem.InvalidInput("send {\"name\": \"cluster-05\", \"kubeconfig\": \"<kubeconfig YAML>\"}");
        }
        return Accepted.of(operations.submit(callers.of(identity, Via.REST), new Command.RegisterCluster(body.name(), body.kubeconfig())));
    }

    @POST
    @Path("/{cluster}/sync")
    @Consumes(MediaType.APPLICATION_JSON)
    // Any authenticated caller reaches the OperationService, which checks the action's role and audits a refusal.
    @Authenticated
    // The role is enforced (and a refusal audited) by the OperationService; the document states it.
    @SecurityRequirement(name = "oidc", scopes = FleetRole.OPERATOR_NAME)
    @Operation(summary = "Sync every application destined to the cluster, wave by wave")
    public Response sync(@PathParam("cluster") String cluster, SyncBody body) {
        DnsLabel.require("cluster", cluster);
        return Accepted.of(operations.submit(callers.of(identity, Via.REST),
                new Command.SyncCluster(cluster, SyncBody.optionsOf(body))));
    }
}
