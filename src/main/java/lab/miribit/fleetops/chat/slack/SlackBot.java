package lab.miribit.fleetops.chat.slack;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.socket_mode.SocketModeClient;

import io.quarkus.runtime.StartupEvent;
import lab.miribit.fleetops.chat.AlertReplies;
import lab.miribit.fleetops.chat.ChatDeadline;
import lab.miribit.fleetops.chat.ChatLocales;
import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatText;
import lab.miribit.fleetops.chat.UserLanguages;
import lab.miribit.fleetops.checks.Alert;
import lab.miribit.fleetops.checks.AlertsConfig;
import lab.miribit.fleetops.chat.ChatService;
import lab.miribit.fleetops.chat.ChatUsers;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.chat.OperationWatcher;
import lab.miribit.fleetops.operations.Via;

/**
 * The Slack adapter: a Bolt app that verifies, maps the Slack user, hands the text to the {@link ChatService}
 * and renders the reply. Acknowledges with the reply, or, when it is not ready within {@code fleet.slack.answer-within}
 * (Slack waits three seconds), with word that it follows; the late reply and an accepted action's progress and result
 * follow through the {@code response_url}. Runs over Socket Mode (outbound only) or behind {@code POST /slack/events}.
 */
@ApplicationScoped
public class SlackBot {

    private static final Logger LOG = Logger.getLogger(SlackBot.class);
    /** Longer than Slack's five minutes of signature validity. */
    private static final Duration REMEMBER = Duration.ofMinutes(10);

    private final SlackConfig config;
    private final ChatService chat;
    private final ChatUsers users;
    private final OperationWatcher watcher;
    private final AlertsConfig alerts;
    private final ChatLocales locales;
    private final UserLanguages languages;
    private final ChatDeadline deadline;
    private App app;
    private SlackRequestParser parser;
    private SlackFollowUp followUp;
    private SocketModeApp socketMode;

    SlackBot(SlackConfig config, ChatService chat, ChatUsers users, OperationWatcher watcher, AlertsConfig alerts,
            ChatLocales locales, UserLanguages languages, ChatDeadline deadline) {
        this.deadline = deadline;
        this.alerts = alerts;
        this.locales = locales;
        this.languages = languages;
        this.config = config;
        this.chat = chat;
        this.users = users;
        this.watcher = watcher;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        com.slack.api.SlackConfig sdkConfig = new com.slack.api.SlackConfig();
        sdkConfig.setMethodsEndpointUrlPrefix(config.apiUrl());
        sdkConfig.setPrettyResponseLoggingEnabled(false);
        Slack slack = Slack.getInstance(sdkConfig);
        followUp = new SlackFollowUp(watcher, slack, config, Duration.ofSeconds(3), locales.service());
        // Bolt asks auth.test who the bot is; caching it keeps a Slack API round trip out of every acknowledgement.
        AppConfig.AppConfigBuilder appConfig = AppConfig.builder().slack(slack).authTestCacheEnabled(true)
                .singleTeamBotToken(config.botToken().orElseThrow(() -> new IllegalStateException(
                        "fleet.slack.bot-token is required when fleet.slack.enabled=true")));
        if (config.mode() == SlackConfig.Mode.http) {
            appConfig.signingSecret(config.signingSecret().orElseThrow(() -> new IllegalStateException(
                    "fleet.slack.signing-secret is required in HTTP mode")));
        } else {
            // Socket Mode messages arrive over the authenticated WebSocket; there is no signature to check.
            appConfig.requestVerificationEnabled(false);
        }
        app = new App(appConfig.build());
        parser = new SlackRequestParser(app.config());
        app.command(chat.grammar().catalog().slashCommand(), this::onSlashCommand);
        app.blockAction(SlackRenderer.CONFIRM_ACTION, (request, context) -> onButton(request, context, true));
        app.blockAction(SlackRenderer.CANCEL_ACTION, (request, context) -> onButton(request, context, false));
        if (config.mode() == SlackConfig.Mode.socket) {
            startSocketMode();
        }
        LOG.infof("Slack bot ready (%s mode)", config.mode());
    }

    /** HTTP mode: Bolt and its request parser. Empty when Slack is not enabled in HTTP mode. */
    Optional<HttpMode> httpMode() {
        return config.enabled() && config.mode() == SlackConfig.Mode.http && app != null
                ? Optional.of(new HttpMode(app, parser)) : Optional.empty();
    }

    /** The parser builds its own Gson: made once, not per request. */
    record HttpMode(App app, SlackRequestParser parser) {
    }

    private void startSocketMode() {
        String appToken = config.appToken().orElseThrow(() -> new IllegalStateException(
                "fleet.slack.app-token is required in Socket Mode"));
        try {
            socketMode = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket);
            socketMode.startAsync();
        } catch (Exception e) {
            // Slack being unreachable must not take fleet-ops down; the REST API and other channels keep working.
            LOG.errorf("Slack Socket Mode did not start: %s", e.getClass().getSimpleName());
        }
    }

    private Response onSlashCommand(SlashCommandRequest request, SlashCommandContext context) {
        long arrived = System.nanoTime();
        SlashCommandPayload payload = request.getPayload();
        ChatText t = languageOf(payload.getTeamId(), payload.getUserId());
        if (!channelAllowed(payload.getChannelId())) {
            return context.ack(SlackRenderer.tree(SlackRenderer.message(ChatReply.refusedHere(t), false, t)));
        }
        Caller caller = users.callerFor(Via.SLACK, payload.getTeamId(), payload.getUserId(), payload.getUserName(), List.of());
        String responseUrl = payload.getResponseUrl();
        // Late, the reply is the first post to the response_url and an accepted action's progress takes the rest.
        Optional<ChatReply> inTime = deadline.within(budgetLeft(arrived), () -> chat.handle(caller,
                userKey(payload.getTeamId(), payload.getUserId()), payload.getText(), null, t, delivery(payload.getTriggerId())),
                late -> {
                    followUp.post(responseUrl, SlackRenderer.json(SlackRenderer.message(late, false, t)));
                    if (accepted(late)) {
                        followUp.follow(late.operationId(), responseUrl, SlackFollowUp.POSTS_PER_URL - 1);
                    }
                }, t);
        ChatReply reply = inTime.orElseGet(() -> ChatReply.working(t));
        if (inTime.isPresent() && accepted(reply)) {
            followUp.follow(reply.operationId(), responseUrl, SlackFollowUp.POSTS_PER_URL);
        }
        return context.ack(SlackRenderer.tree(SlackRenderer.message(reply, false, t)));
    }

    private Response onButton(BlockActionRequest request, ActionContext context, boolean confirm) {
        long arrived = System.nanoTime();
        BlockActionPayload payload = request.getPayload();
        String value = payload.getActions().get(0).getValue();
        int split = value == null ? -1 : value.indexOf('\n');
        if (split < 0) {
            return context.ack();
        }
        // Buttons are answered only where commands are: a message with them may sit in (or be shared to) another channel.
        String channelId = payload.getChannel() == null ? null : payload.getChannel().getId();
        String userId = payload.getUser().getId();
        String teamId = payload.getTeam() == null ? "" : payload.getTeam().getId();
        ChatText t = languageOf(teamId, userId);
        if (!channelAllowed(channelId)) {
            followUp.post(payload.getResponseUrl(), SlackRenderer.json(SlackRenderer.message(ChatReply.refusedHere(t), false, t)));
            return context.ack();
        }
        String token = value.substring(0, split);
        String command = value.substring(split + 1);
        // A button's reply always goes to the response_url: in time or not, the press is acknowledged without a body.
        Consumer<ChatReply> deliver = reply -> {
            boolean replace = reply.kind() != ChatReply.Kind.REFUSED;
            if (followUp.post(payload.getResponseUrl(), SlackRenderer.json(SlackRenderer.message(reply, replace, t))) && accepted(reply)) {
                followUp.follow(reply.operationId(), payload.getResponseUrl(), SlackFollowUp.POSTS_PER_URL - 1);
            }
        };
        deadline.within(budgetLeft(arrived), () -> {
            if (!confirm) {
                return chat.cancel(userKey(teamId, userId), token, t);
            }
            Caller caller = users.callerFor(Via.SLACK, teamId, userId, payload.getUser().getUsername(), List.of());
            return chat.handle(caller, userKey(teamId, userId), command, token, t, delivery(payload.getTriggerId()));
        }, deliver, t).ifPresent(deliver);
        return context.ack();
    }

    private Duration budgetLeft(long arrivedNanos) {
        return config.answerWithin().minusNanos(System.nanoTime() - arrivedNanos);
    }

    private static boolean accepted(ChatReply reply) {
        return reply.operationId() != null && reply.kind() == ChatReply.Kind.ACCEPTED;
    }

    /** Posts a check's state change to the alert channel; a Slack outage is logged, never retried into a flood. */
    void onAlert(@ObservesAsync Alert alert) {
        if (app == null || alerts.slackChannel().isEmpty()) {
            return;
        }
        ChatReply reply = AlertReplies.of(alert, locales.service());
        try {
            var answer = app.client().chatPostMessage(request -> request.token(config.botToken().orElseThrow())
                    .channel(alerts.slackChannel().get()).text(SlackRenderer.escape(reply.text()))
                    .blocks(SlackRenderer.blocks(reply, locales.service())));
            if (!answer.isOk()) {
                LOG.warnf("Slack did not take an alert: %s", answer.getError());
            }
        } catch (Exception e) {
            LOG.warnf("could not post an alert to Slack: %s", e.getClass().getSimpleName());
        }
    }

    private boolean channelAllowed(String channelId) {
        return config.allowedChannels().map(channels -> channels.contains(channelId)).orElse(true);
    }

    /** The user's language as Slack's users.info tells it (the app's {@code users:read} scope), kept an hour. */
    private ChatText languageOf(String teamId, String userId) {
        return languages.of(userKey(teamId, userId), () -> {
            var answer = app.client().usersInfo(request -> request.token(config.botToken().orElseThrow()).user(userId)
                    .includeLocale(true));
            return answer.isOk() && answer.getUser() != null ? answer.getUser().getLocale() : null;
        });
    }

    /**
     * A slash command or a button press is one request to Slack, whatever carries it twice (Slack's retry after a slow
     * acknowledgement, a captured signed request sent again within its five minutes, to any replica).
     */
    private static OperationService.Delivery delivery(String triggerId) {
        return triggerId == null || triggerId.isBlank() ? null : new OperationService.Delivery("slack:" + triggerId, REMEMBER);
    }

    private static String userKey(String teamId, String userId) {
        return ChatUsers.key(Via.SLACK, teamId, userId);
    }

    @PreDestroy
    void stop() {
        try {
            if (socketMode != null) {
                socketMode.close();
            }
        } catch (Exception e) {
            LOG.debugf("Slack Socket Mode did not close cleanly: %s", e.getClass().getSimpleName());
        }
    }
}
