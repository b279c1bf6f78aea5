package lab.miribit.fleetops.chat.mattermost;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import lab.miribit.fleetops.chat.AlertReplies;
import lab.miribit.fleetops.chat.ChatDeadline;
import lab.miribit.fleetops.chat.ChatLocales;
import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatService;
import lab.miribit.fleetops.chat.ChatText;
import lab.miribit.fleetops.chat.ChatUsers;
import lab.miribit.fleetops.chat.OperationWatcher;
import lab.miribit.fleetops.chat.UserLanguages;
import lab.miribit.fleetops.checks.Alert;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.operations.Via;

/**
 * Mattermost's side of the chat: maps a slash command or a button press to (user, text, reply channel), runs it
 * through the {@link ChatService} and renders the reply. An accepted action is posted to the channel through the
 * command's {@code response_url} and followed there — each post is a new message, so progress is coalesced to at
 * most one a minute and the result.
 */
@ApplicationScoped
public class MattermostAdapter {

    private static final Duration REMEMBER = Duration.ofMinutes(10);
    /** Mattermost takes five posts through one response_url, within 30 minutes of the command. */
    private static final int POSTS_PER_URL = 5;
    /** Each post is a new message, so progress comes at most once a minute, within the posts left — the last for the result. */
    private static final OperationWatcher.Limits FOLLOW_UPS = new OperationWatcher.Limits(Duration.ofMinutes(1), 4,
            Duration.ofMinutes(30));

    private final MattermostConfig config;
    private final ChatService chat;
    private final ChatUsers users;
    private final ChatLocales locales;
    private final UserLanguages languages;
    private final OperationWatcher watcher;
    private final ObjectMapper json;
    private final String actionUrl;
    private final MattermostPoster poster;
    private final ChatDeadline deadline;
    /**
     * Where each open confirmation's command was typed (a button press carries only the token), until the confirmation
     * expires: a prompt nobody answers must not be remembered for ever.
     */
    private final Map<String, Followed> responseUrls = new ConcurrentHashMap<>();

    /** A confirmation's command: where it was typed, by whom, and how many posts its response_url has taken. */
    private record Followed(String responseUrl, Instant until, String askerKey, AtomicInteger posted) {
    }

    MattermostAdapter(MattermostConfig config, ChatService chat, ChatUsers users, ChatLocales locales, UserLanguages languages,
            OperationWatcher watcher, ObjectMapper json, ChatDeadline deadline,
            @ConfigProperty(name = "fleet.public-url") Optional<String> publicUrl) {
        this.deadline = deadline;
        this.languages = languages;
        this.config = config;
        this.chat = chat;
        this.users = users;
        this.locales = locales;
        this.watcher = watcher;
        this.json = json;
        this.actionUrl = publicUrl.map(url -> url.replaceAll("/+$", "") + "/mattermost/actions").orElse(null);
        List<String> hosts = new java.util.ArrayList<>(config.responseUrlHosts().orElse(List.of()));
        config.alertWebhookUrl().map(java.net.URI::create).map(java.net.URI::getHost).ifPresent(hosts::add);
        config.apiUrl().map(java.net.URI::create).map(java.net.URI::getHost).ifPresent(hosts::add);
        this.poster = new MattermostPoster(hosts);
    }

    /** One slash command, verified already: Mattermost's form fields. */
    public record Command(String teamId, String channelId, String userId, String userName, String text, String responseUrl,
            String triggerId) {
    }

    /** One button press: who pressed it where, and the token its {@code context} carried. */
    public record Press(String teamId, String channelId, String userId, String userName, String token, String triggerId) {
    }

    boolean enabled() {
        return config.enabled();
    }

    /** Mattermost posts button presses to an absolute URL: without fleet-ops' public address there are no confirmations. */
    void requirePublicUrl(@Observes StartupEvent event) {
        if (config.enabled() && actionUrl == null) {
            throw new IllegalStateException("fleet.public-url is required when fleet.mattermost.enabled=true (for its buttons)");
        }
        if (config.enabled() && config.commandToken().filter(token -> !token.isBlank()).isEmpty()) {
            throw new IllegalStateException("fleet.mattermost.command-token is required when fleet.mattermost.enabled=true");
        }
    }

    /**
     * The slash command's answer (Mattermost shows it at once), or "Working on it." when it is not ready within
     * {@code fleet.mattermost.answer-within} (counted from arrival) and the reply is posted through response_url when it
     * is; an accepted action is followed through response_url.
     */
    Map<String, Object> onCommand(Command command) {
        long arrived = System.nanoTime();
        ChatText t = languageOf(command.teamId(), command.userId());
        if (!channelAllowed(command.channelId())) {
            return MattermostRenderer.post(ChatReply.refusedHere(t), t, actionUrl);
        }
        String key = userKey(command.teamId(), command.userId());
        AtomicInteger posted = new AtomicInteger();
        Supplier<ChatReply> run = () -> {
            ChatReply reply = chat.handle(callerOf(command.teamId(), command.userId(), command.userName()), key, command.text(),
                    null, t, delivery(command.triggerId()));
            if (reply.confirmation() != null && command.responseUrl() != null) {
                Instant now = Instant.now();
                responseUrls.values().removeIf(followed -> followed.until().isBefore(now));
                responseUrls.put(reply.confirmation().token(),
                        new Followed(command.responseUrl(), reply.confirmation().expiresAt(), key, posted));
            }
            return reply;
        };
        Optional<ChatReply> inTime = answered(arrived, command.responseUrl(), run,
                late -> deliver(command.responseUrl(), late, posted, t), t);
        inTime.ifPresent(reply -> followIfAccepted(reply, command.responseUrl(), posted, t));
        return MattermostRenderer.post(inTime.orElseGet(() -> ChatReply.working(t)), t, actionUrl);
    }

    /**
     * A confirm or cancel button: a refusal (someone else pressed it, it expired) is told to the presser only and
     * leaves the buttons; otherwise the prompt is replaced, and an accepted action is posted to the channel. The asker's
     * own press, when not answered within {@code fleet.mattermost.answer-within}, is told "Working on it." and its reply
     * is posted through the command's response_url (which shows an ephemeral post to the asker alone); anyone else's
     * press waits for its answer.
     */
    Map<String, Object> onPress(Press press, boolean confirm) {
        long arrived = System.nanoTime();
        ChatText t = languageOf(press.teamId(), press.userId());
        if (!channelAllowed(press.channelId())) {
            return MattermostRenderer.ephemeral(ChatReply.refusedHere(t), t);
        }
        String key = userKey(press.teamId(), press.userId());
        Followed followed = responseUrls.get(press.token());
        boolean byAsker = followed != null && followed.askerKey().equals(key);
        Supplier<ChatReply> run = () -> {
            ChatReply reply = confirm ? chat.confirm(callerOf(press.teamId(), press.userId(), press.userName()), key, press.token(), t,
                    delivery(press.triggerId())) : chat.cancel(key, press.token(), t);
            if (reply.kind() != ChatReply.Kind.REFUSED) {
                responseUrls.remove(press.token());
            }
            return reply;
        };
        Optional<ChatReply> inTime = answered(arrived, byAsker ? followed.responseUrl() : null, run,
                late -> deliver(followed.responseUrl(), late, followed.posted(), t), t);
        if (inTime.isEmpty()) {
            return MattermostRenderer.ephemeral(ChatReply.working(t), t);
        }
        ChatReply reply = inTime.get();
        if (reply.kind() == ChatReply.Kind.REFUSED) {
            return MattermostRenderer.ephemeral(reply, t);
        }
        if (reply.kind() == ChatReply.Kind.ACCEPTED && followed != null) {
            deliver(followed.responseUrl(), reply, followed.posted(), t);
        }
        return MattermostRenderer.update(reply, t);
    }

    /**
     * The reply if ready within what is left of the deadline; otherwise empty, and {@code late} gets it. With nowhere to
     * post a late reply (no allowed response_url), the answer waits for the reply, as Mattermost does up to its timeout.
     */
    private Optional<ChatReply> answered(long arrivedNanos, String responseUrl, Supplier<ChatReply> run, Consumer<ChatReply> late,
            ChatText t) {
        if (responseUrl == null || !poster.allowed(responseUrl)) {
            return Optional.of(run.get());
        }
        return deadline.within(config.answerWithin().minusNanos(System.nanoTime() - arrivedNanos), run, late, t);
    }

    /** Posts {@code reply} through {@code responseUrl}, counted, and follows it there if it is an accepted action. */
    private void deliver(String responseUrl, ChatReply reply, AtomicInteger posted, ChatText t) {
        posted.incrementAndGet();
        poster.post(responseUrl, write(MattermostRenderer.post(reply, t, actionUrl)));
        followIfAccepted(reply, responseUrl, posted, t);
    }

    /** Posts a check's state change to the alert channel's incoming webhook. */
    void onAlert(@ObservesAsync Alert alert) {
        Optional<String> webhook = config.alertWebhookUrl();
        if (!config.enabled() || webhook.isEmpty()) {
            return;
        }
        ChatText t = locales.service();
        poster.post(webhook.get(), write(MattermostRenderer.alert(AlertReplies.of(alert, t), t)));
    }

    /**
     * Follows an accepted action through {@code responseUrl} with the posts it has left — followed even when posting the
     * reply itself failed, so that its result still has a way to arrive.
     */
    private void followIfAccepted(ChatReply reply, String responseUrl, AtomicInteger posted, ChatText t) {
        if (reply.kind() != ChatReply.Kind.ACCEPTED || responseUrl == null || !poster.allowed(responseUrl)) {
            return;
        }
        int left = Math.min(FOLLOW_UPS.updates(), POSTS_PER_URL - posted.get());
        OperationWatcher.Limits limits = new OperationWatcher.Limits(FOLLOW_UPS.minInterval(), left, FOLLOW_UPS.lifetime());
        watcher.watch(reply.operationId(), limits, t,
                progress -> poster.post(responseUrl, write(MattermostRenderer.post(progress, t, actionUrl))));
    }

    String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Mattermost post is plain maps and strings", e);
        }
    }

    private Caller callerOf(String teamId, String userId, String userName) {
        return users.callerFor(Via.MATTERMOST, teamId, userId, userName, List.of());
    }

    /** The user's language as Mattermost's API tells it, when fleet-ops may ask ({@code fleet.mattermost.api-url}). */
    private ChatText languageOf(String teamId, String userId) {
        if (config.apiUrl().isEmpty() || config.apiToken().isEmpty()) {
            return locales.service();
        }
        return languages.of(userKey(teamId, userId), () -> poster.userLocale(config.apiUrl().get(), config.apiToken().get(), userId)
                .orElse(null));
    }

    /** Mattermost's {@code trigger_id} names one command or press: a repeat of it runs nothing, on any replica. */
    private static OperationService.Delivery delivery(String triggerId) {
        return triggerId == null || triggerId.isBlank() ? null : new OperationService.Delivery("mattermost:" + triggerId, REMEMBER);
    }

    private static String userKey(String teamId, String userId) {
        return ChatUsers.key(Via.MATTERMOST, teamId, userId);
    }

    private boolean channelAllowed(String channelId) {
        return config.allowedChannels().map(channels -> channels.contains(channelId)).orElse(true);
    }
}
