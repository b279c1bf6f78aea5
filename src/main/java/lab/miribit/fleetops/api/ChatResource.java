package lab.miribit.fleetops.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import lab.miribit.fleetops.chat.ChatLocales;
import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatService;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.problem.FleetProblem;
import lab.miribit.fleetops.security.Callers;

/** The console transport: a chat command over REST, answered exactly as Slack or Discord would be. */
@Path("/api/v1/chat")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "chat")
public class ChatResource {

    /**
     * @param text         the command, e.g. {@code sync cluster-03} (a leading {@code /fleet} is allowed)
     * @param confirmation the {@code reply.confirmation.token} of an earlier answer, sent with the same text to confirm it
     */
    public record ChatRequest(String text, String confirmation) {
    }

    /** The reply as plain text, and as the structured reply the chat renderers use. */
    public record ChatAnswer(String text, ChatReply reply) {
    }

    private final ChatService chat;
    private final ChatLocales locales;
    private final Callers callers;
    private final SecurityIdentity identity;

    ChatResource(ChatService chat, ChatLocales locales, Callers callers, SecurityIdentity identity) {
        this.locales = locales;
        this.chat = chat;
        this.callers = callers;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    // The role is enforced (and a refusal audited) by the OperationService; the document states it.
    @SecurityRequirement(name = "oidc", scopes = { FleetRole.VIEWER_NAME, FleetRole.CI_NAME })
    @Operation(summary = "Run a chat command as the token's caller",
            description = "The reply is in the language Accept-Language asks for (en or ko), else in fleet.chat.locale's.")
    public ChatAnswer run(ChatRequest request, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        if (request == null || request.text() == null) {
            throw new FleetProblem.InvalidInput("send {\"text\": \"status\"}");
        }
        Caller caller = callers.of(identity, Via.REST);
        ChatReply reply = chat.handle(caller, caller.via().label() + ":" + caller.id(), request.text(), request.confirmation(),
                locales.of(language), null);
        if (reply.retryAfterSeconds() != null) {
            // A chat platform shows the reply; an HTTP client is told in HTTP's words.
            throw new FleetProblem.TooManyRequests(reply.title(), reply.retryAfterSeconds());
        }
        return new ChatAnswer(reply.text(), reply);
    }
}
