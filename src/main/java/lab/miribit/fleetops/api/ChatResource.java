package lab.miribit.fleetops.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatService;
import lab.miribit.fleetops.operations.Caller;
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
    private final Callers callers;
    private final SecurityIdentity identity;

    ChatResource(ChatService chat, Callers callers, SecurityIdentity identity) {
        this.chat = chat;
        this.callers = callers;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Run a chat command as the token's caller")
    public ChatAnswer run(ChatRequest request) {
        if (request == null || request.text() == null) {
            throw new FleetProblem.InvalidInput("send {\"text\": \"status\"}");
        }
        Caller caller = callers.of(identity, Via.REST);
        ChatReply reply = chat.handle(caller, caller.via().label() + ":" + caller.id(), request.text(), request.confirmation());
        return new ChatAnswer(reply.text(), reply);
    }
}
