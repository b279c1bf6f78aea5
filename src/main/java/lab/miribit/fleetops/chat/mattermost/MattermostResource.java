package lab.miribit.fleetops.chat.mattermost;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Mattermost's custom slash command and its buttons. The command's token is checked, in constant time, before any
 * other field is read; a repeated delivery (same {@code trigger_id}) runs no action twice, on whichever replica it
 * lands (the door recognises it). Button presses are not signed by Mattermost: the confirmation token in their {@code context} — an
 * unguessable value shown only to the asker, bound to them, the exact command, an expiry and one use — is what
 * authorizes them.
 */
@Path("/mattermost")
@Tag(name = "mattermost")
@PermitAll
public class MattermostResource {

    private final MattermostAdapter adapter;
    private final MattermostConfig config;
    private final ObjectMapper json;

    MattermostResource(MattermostAdapter adapter, MattermostConfig config, ObjectMapper json) {
        this.adapter = adapter;
        this.config = config;
        this.json = json;
    }

    @POST
    @Path("/command")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mattermost's /fleet slash command, verified by the command's token")
    public Response command(byte[] body) {
        requireEnabled();
        String text = new String(body, StandardCharsets.UTF_8);
        if (!tokenMatches(field(text, "token"))) {
            return Response.status(401).type("application/problem+json")
                    .entity("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"missing or wrong Mattermost command token\"}")
                    .build();
        }
        Map<String, String> form = form(text);
        for (String field : new String[] { "team_id", "channel_id", "user_id" }) {
            if (form.get(field) == null || form.get(field).isBlank()) {
                throw new FleetProblem.InvalidInput(field + " is required");
            }
        }
        return Response.ok(adapter.write(adapter.onCommand(new MattermostAdapter.Command(form.get("team_id"), form.get("channel_id"),
                form.get("user_id"), form.getOrDefault("user_name", ""), form.getOrDefault("text", ""), form.get("response_url"),
                form.get("trigger_id")))))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/actions/{verb}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A confirm or cancel button of a fleet-ops message in Mattermost")
    public Response action(@PathParam("verb") String verb, byte[] body) throws java.io.IOException {
        requireEnabled();
        if (!"confirm".equals(verb) && !"cancel".equals(verb)) {
            throw new FleetProblem.NotFound("no Mattermost action '" + verb.replaceAll("[^a-z-]", "?") + "'");
        }
        JsonNode press = json.readTree(body);
        String token = press == null ? null : press.path("context").path("token").asText(null);
        String userId = press == null ? null : press.path("user_id").asText(null);
        if (token == null || token.isBlank() || userId == null || userId.isBlank()) {
            throw new FleetProblem.InvalidInput("a Mattermost action carries user_id and context.token");
        }
        return Response.ok(adapter.write(adapter.onPress(new MattermostAdapter.Press(press.path("team_id").asText(""),
                press.path("channel_id").asText(""), userId, press.path("user_name").asText(""), token,
                press.path("trigger_id").asText(null)), "confirm".equals(verb))))
                .type(MediaType.APPLICATION_JSON).build();
    }

    private void requireEnabled() {
        if (!adapter.enabled()) {
            throw new FleetProblem.NotFound("Mattermost is not enabled");
        }
    }

    /** Compares digests, so the time taken says nothing about how much of the token was right, nor its length. */
    private boolean tokenMatches(String sent) {
        String expected = config.commandToken().filter(token -> !token.isBlank()).orElse(null);
        if (expected == null || sent == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(sent), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** One field of the form, read alone: the token is checked before the rest of the request is looked at. */
    private static String field(String body, String name) {
        for (String pair : body.split("&")) {
            if (pair.startsWith(name + "=")) {
                try {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The whole form; a field given twice is refused, as Mattermost never sends one twice. */
    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                if (form.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                    throw new FleetProblem.InvalidInput(name.replaceAll("[^a-z_]", "?") + " is given twice");
                }
            } catch (IllegalArgumentException malformed) {
                throw new FleetProblem.InvalidInput("the form is not URL-encoded");
            }
        }
        return form;
    }
}
