package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Slack's and Mattermost's side on loopback: Slack's Web API {@code auth.test} (Bolt asks it who the bot is), and
 * {@code response_url}s and incoming webhooks ({@code /hooks/…}), which record what fleet-ops posted to them.
 */
public final class SlackStandIn implements AutoCloseable {

    /** One post to a response_url. */
    public record Post(String path, String body) {
    }

    /** The Slack user whose client is in Korean. */
    public static final String KOREAN_SLACK_USER = "UKOREAN001";
    /** The Mattermost user whose language is Korean, and the token fleet-ops may read users with. */
    public static final String KOREAN_MATTERMOST_USER = "mmkorean000000000000000001";
    public static final String MATTERMOST_API_TOKEN = "mm-api-token-0000000000000";

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();

    public SlackStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/auth.test", exchange -> answer(exchange, 200,
                "{\"ok\":true,\"url\":\"https://miribit.slack.com/\",\"team\":\"miribit\",\"user\":\"fleet-ops\","
                        + "\"team_id\":\"T0MIRIBIT\",\"user_id\":\"UFLEETBOT\",\"bot_id\":\"BFLEETBOT\"}"));
        server.createContext("/api/chat.postMessage", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                messages.add(java.net.URLDecoder.decode(new String(in.readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            }
            answer(exchange, 200, "{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\"1700000000.000300\"}");
        });
        // users.info with include_locale: one Korean user; everyone else's client is in English.
        server.createContext("/api/users.info", exchange -> {
            String form;
            try (InputStream in = exchange.getRequestBody()) {
                form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String locale = form.contains("user=" + KOREAN_SLACK_USER) ? "ko-KR" : "en-US";
            answer(exchange, 200, "{\"ok\":true,\"user\":{\"id\":\"U\",\"name\":\"someone\",\"locale\":\"" + locale + "\"}}");
        });
        // Mattermost's GET /api/v4/users/{id}, with the API token fleet-ops is given.
        server.createContext("/api/v4/users/", exchange -> {
            if (!("Bearer " + MATTERMOST_API_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "{\"id\":\"api.context.session_expired.app_error\",\"status_code\":401}");
                return;
            }
            String id = exchange.getRequestURI().getPath().substring("/api/v4/users/".length());
            answer(exchange, 200, "{\"id\":\"" + id + "\",\"username\":\"someone\",\"locale\":\""
                    + (id.equals(KOREAN_MATTERMOST_USER) ? "ko" : "en") + "\"}");
        });
        server.createContext("/hooks/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                posts.add(new Post(exchange.getRequestURI().getPath(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            answer(exchange, 200, "ok");
        });
        server.createContext("/response/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                posts.add(new Post(exchange.getRequestURI().getPath(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            answer(exchange, 200, "ok");
        });
        server.start();
    }

    /** The Mattermost server's address, for its API. */
    public String mattermostUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    public String responseUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + name;
    }

    /** An incoming webhook's URL, as Mattermost shows it. */
    public String webhookUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + name;
    }

    /** What was posted to the incoming webhook {@code name}. */
    public List<String> webhookPosts(String name) {
        return posts.stream().filter(post -> post.path().equals("/hooks/" + name)).map(Post::body).toList();
    }

    public List<Post> postsTo(String name) {
        List<Post> matching = new ArrayList<>();
        for (Post post : posts) {
            if (post.path().equals("/response/" + name)) {
                matching.add(post);
            }
        }
        return matching;
    }

    /** Bodies of {@code chat.postMessage} calls (form-decoded), i.e. what was posted to channels. */
    public List<String> channelMessages() {
        return List.copyOf(messages);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
