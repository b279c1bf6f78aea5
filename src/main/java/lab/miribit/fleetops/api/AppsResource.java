package lab.miribit.fleetops.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
import lab.miribit.fleetops.status.AppFilter;
import lab.miribit.fleetops.status.AppView;
import lab.miribit.fleetops.status.FleetStatus;

@Path("/api/v1/apps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "applications")
public class AppsResource {

    private final FleetStatus status;
    private final OperationService operations;
    private final Callers callers;
    private final SecurityIdentity identity;
    private final RenderedJson rendered;

    AppsResource(FleetStatus status, OperationService operations, Callers callers, SecurityIdentity identity,
            RenderedJson rendered) {
        this.rendered = rendered;
        this.status = status;
        this.operations = operations;
        this.callers = callers;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(FleetRole.VIEWER_NAME)
    @Operation(summary = "Applications, optionally filtered by destination cluster, project, sync and health status")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = AppView.class)))
    public Response apps(@QueryParam("cluster") String cluster, @QueryParam("project") String project,
            @QueryParam("sync") String sync, @QueryParam("health") String health,
            @Parameter(description = "at most this many (1-5000, default 500), by name") @QueryParam("limit") String limit,
            @Parameter(description = "the Continue-Token of the previous page") @QueryParam("continue") String continueToken,
            @Context Request request, @Context UriInfo uri) {
        AppFilter filter = new AppFilter(cluster, project, sync, health);
        int max = ListPage.limit(limit, ListPage.DEFAULT_LIMIT);
        // Version first: the rendered page is then at least as new as the version it is stored under. A hit
        // needs no new checks: an unknown cluster was refused before anything was stored, and a change of
        // the cluster set changes the version.
        String version = status.version();
        RenderedJson.Rendered page = rendered.render(new PageOf(filter, max, continueToken), version,
                () -> ListPage.cut(new ListPage.Listing<>(status.apps(filter), AppView::name, false), max, continueToken));
        return ListPage.respond(page.body(), page.next(), request, uri);
    }

    /** What a rendered page of applications is kept under. */
    private record PageOf(AppFilter filter, int limit, String continueToken) {
    }

    @GET
    @Path("/{app}")
    @RolesAllowed(FleetRole.VIEWER_NAME)
    @Operation(summary = "One application with its resources and conditions")
    public AppView.Detail app(@PathParam("app") String app) {
        return status.app(app);
    }

    @GET
    @Path("/{app}/history")
    @RolesAllowed(FleetRole.VIEWER_NAME)
    @Operation(summary = "Deployment history, newest first")
    public List<AppView.HistoryEntry> history(@PathParam("app") String app) {
        return status.history(app);
    }

    @POST
    @Path("/{app}/sync")
    @Consumes(MediaType.APPLICATION_JSON)
    // Any authenticated caller reaches the OperationService, which checks the action's role and audits a refusal.
    @Authenticated
    // The role is enforced (and a refusal audited) by the OperationService; the document states it.
    @SecurityRequirement(name = "oidc", scopes = FleetRole.OPERATOR_NAME)
    @Operation(summary = "Sync one application (prune, dry run, revision, a subset of resources)")
    public Response sync(@PathParam("app") String app, SyncBody body) {
        DnsLabel.require("app", app);
        return Accepted.of(operations.submit(callers.of(identity, Via.REST),
                new Command.SyncApp(app, SyncBody.optionsOf(body))));
    }

    /** Body of a rollback: the history id (default: the previous deployment), and whether to switch automated sync off. */
    public record RollbackBody(Long id, Boolean disableAutoSync) {
    }

    @POST
    @Path("/{app}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    // Any authenticated caller reaches the OperationService, which checks the action's role and audits a refusal.
    @Authenticated
    // The role is enforced (and a refusal audited) by the OperationService; the document states it.
    @SecurityRequirement(name = "oidc", scopes = FleetRole.ADMIN_NAME)
    @Operation(summary = "Roll back to an earlier deployment of Argo CD's history (refused while automated sync is on,"
            + " unless disableAutoSync)")
    public Response rollback(@PathParam("app") String app, RollbackBody body) {
        DnsLabel.require("app", app);
        if (body != null && body.id() != null && body.id() < 0) {
            throw new FleetProblem.InvalidInput("id must be a history id (see GET /apps/" + app + "/history)");
        }
        return Accepted.of(operations.submit(callers.of(identity, Via.REST), new Command.Rollback(app,
                body == null ? null : body.id(), body != null && Boolean.TRUE.equals(body.disableAutoSync()))));
    }

    /** Body of an automated-sync switch. */
    public record AutoSyncBody(Boolean enabled) {
    }

    @PUT
    @Path("/{app}/auto-sync")
    @Consumes(MediaType.APPLICATION_JSON)
    // Any authenticated caller reaches the OperationService, which checks the action's role and audits a refusal.
    @Authenticated
    // The role is enforced (and a refusal audited) by the OperationService; the document states it.
    @SecurityRequirement(name = "oidc", scopes = FleetRole.ADMIN_NAME)
    @Operation(summary = "Switch the application's automated sync off, or on again after a rollback (Argo CD 3.1's"
            + " automated.enabled; on older Argo CD the automated block is removed and later restored)")
    public Response autoSync(@PathParam("app") String app, AutoSyncBody body) {
        DnsLabel.require("app", app);
        if (body == null || body.enabled() == null) {
            throw new FleetProblem.InvalidInput("enabled is required: true to switch automated sync on, false to switch it off");
        }
        return Accepted.of(operations.submit(callers.of(identity, Via.REST), new Command.AutoSync(app, body.enabled())));
    }

    @POST
    @Path("/{app}/refresh")
    // Any authenticated caller reaches the OperationService, which checks the action's role and audits a refusal.
    @Authenticated
    // The role is enforced (and a refusal audited) by the OperationService; the document states it.
    @SecurityRequirement(name = "oidc", scopes = FleetRole.OPERATOR_NAME)
    @Operation(summary = "Ask Argo CD to compare the application with Git again (hard: also regenerate manifests)")
    public Response refresh(@PathParam("app") String app, @QueryParam("hard") String hard) {
        DnsLabel.require("app", app);
        boolean regenerate = QueryParameter.flag("hard", hard);
        return Accepted.of(operations.submit(callers.of(identity, Via.REST), new Command.Refresh(app, regenerate)));
    }
}
