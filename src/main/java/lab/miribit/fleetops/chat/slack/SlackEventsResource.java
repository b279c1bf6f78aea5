package lab.miribit.fleetops.chat.slack;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;

import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Slack's HTTP mode: slash commands and button presses arrive here. The signature is checked on the raw body
 * before anything else. A repeated delivery (the same {@code trigger_id}) is recognised at the door
 * ({@link lab.miribit.fleetops.operations.OperationService#submitOnce}), on whichever replica it lands: an action runs
 * once.
 */
@Path("/slack/events")
@Tag(name = "slack")
@PermitAll
public class SlackEventsResource {

    private static final Logger LOG = Logger.getLogger(SlackEventsResource.class);

    private final SlackBot bot;
    private final SlackConfig config;
    private final Clock clock = Clock.systemUTC();
    private volatile SlackSignature signature;

    SlackEventsResource(SlackBot bot, SlackConfig config) {
        this.bot = bot;
        this.config = config;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON })
    @Operation(summary = "Slack slash commands and interactions (HTTP mode), verified by Slack's signature")
    public Response events(byte[] body, @Context HttpHeaders headers) {
        SlackBot.HttpMode bolt = bot.httpMode().orElseThrow(() -> new FleetProblem.NotFound("Slack HTTP mode is not enabled"));
        String timestamp = headers.getHeaderString("X-Slack-Request-Timestamp");
        String signature = headers.getHeaderString("X-Slack-Signature");
        if (!verifier().verify(timestamp, signature, body, clock.instant())) {
            return Response.status(401).type("application/problem+json")
                    .entity("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"invalid or stale Slack signature\"}").build();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            Map<String, List<String>> headerMap = new LinkedHashMap<>();
            headers.getRequestHeaders().forEach(headerMap::put);
            com.slack.api.bolt.response.Response answer = bolt.app().run(bolt.parser().parse(
                    SlackRequestParser.HttpRequest.builder().requestUri("/slack/events").requestBody(text)
                            .headers(new RequestHeaders(headerMap)).queryString(Map.of()).build()));
            Response.ResponseBuilder out = Response.status(answer.getStatusCode());
            if (answer.getBody() != null && !answer.getBody().isEmpty()) {
                out.entity(answer.getBody()).type(answer.getContentType());
            }
            return out.build();
        } catch (Exception e) {
            LOG.errorf(e, "Slack request failed");
            return Response.status(500).build();
        }
    }

    private SlackSignature verifier() {
        SlackSignature current = signature;
        if (current == null) {
            current = new SlackSignature(config.signingSecret().orElseThrow());
            signature = current;
        }
        return current;
    }
}
