package lab.miribit.fleetops.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import lab.miribit.fleetops.gitlab.GitLabConfig;
import lab.miribit.fleetops.gitlab.PushEvent;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * GitLab's webhook for the GitOps repository. Authenticated by the secret token alone (compared in constant
 * time), and refused outright while no secret is configured: an open webhook would let anyone trigger syncs.
 * The body is capped at 1 MiB before it is read (see {@link BodyLimitFilter}); a push refreshes the applications
 * that track the pushed branch or tag, as Argo CD's own webhook would (and, when configured, syncs those it then
 * finds OutOfSync); a redelivery acts once.
 */
@Path("/hooks/gitlab")
@Tag(name = "webhooks")
public class GitLabHookResource {

    private static final Logger LOG = Logger.getLogger(GitLabHookResource.class);

    private final GitLabConfig config;
    private final OperationService operations;

    GitLabHookResource(GitLabConfig config, OperationService operations) {
        this.config = config;
        this.operations = operations;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "GitLab webhook (X-Gitlab-Token): a push refreshes the applications tracking the pushed branch"
            + " or tag, and optionally syncs those that changed")
    public Response deliver(@HeaderParam("X-Gitlab-Token") String token, @HeaderParam("X-Gitlab-Event") String event,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @HeaderParam("X-Gitlab-Event-UUID") String eventUuid,
            byte[] body) {
        String secret = config.webhook().secret().filter(s -> !s.isBlank()).orElseThrow(() -> new FleetProblem.Forbidden(
                "the GitLab webhook is disabled: set fleet.gitlab.webhook.secret and the same secret token on the webhook"));
        if (token == null || !sameSecret(secret, token)) {
            return ProblemMapper.respond(401, "Unauthorized", "X-Gitlab-Token does not match the configured secret",
                    null, null).build();
        }
        PushEvent push;
        try {
            push = PushEvent.parse(body == null ? new byte[0] : body);
        } catch (IllegalArgumentException e) {
            throw new FleetProblem.InvalidInput("not a GitLab webhook payload: " + e.getMessage());
        }
        if (push == null) {
            return ignored("only push and tag push events are acted on, not " + (event == null ? "this event" : event));
        }
        if (push.deletes()) {
            return ignored("the push deletes " + push.ref() + "; there is nothing to refresh");
        }
        String deliveryId = Optional.ofNullable(idempotencyKey).or(() -> Optional.ofNullable(eventUuid))
                .filter(id -> !id.isBlank() && id.length() <= 200).orElse(null);
        // The webhook's secret is what authenticates; the pusher GitLab names is a label.
        Caller webhook = new Caller("gitlab-webhook", "gitlab webhook" + (push.user() == null ? "" : " (push by " + push.user() + ")"),
                Set.of(FleetRole.OPERATOR), Via.WEBHOOK);
        Command.Push command = new Command.Push(push.repoURL(), push.after(), push.pushed(), push.defaultBranch(),
                push.changedPaths(), config.webhook().sync());
        try {
            if (deliveryId == null) {
                return Accepted.of(operations.submit(webhook, command));
            }
            // GitLab redelivers when an answer is slow, to whichever replica: the door runs one push per delivery id.
            OperationService.Submitted submitted = operations.submitOnce(webhook, command,
                    new OperationService.Delivery("gitlab:" + deliveryId, config.webhook().deliveryMemory()));
            if (submitted instanceof OperationService.Submitted.Repeated repeated) {
                return Response.ok(Map.of("duplicate", true, "deliveryId", deliveryId, "outcome", repeated.earlier())).build();
            }
            return Accepted.of(((OperationService.Submitted.Started) submitted).operation());
        } catch (RuntimeException refused) {
            LOG.infof("GitLab push %s not acted on: %s", push.after(), refused.getMessage());
            throw refused;
        }
    }

    private static Response ignored(String why) {
        return Response.ok(Map.of("ignored", why)).build();
    }

    /** Constant time whatever the lengths: both sides are hashed first. */
    private static boolean sameSecret(String expected, String given) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
