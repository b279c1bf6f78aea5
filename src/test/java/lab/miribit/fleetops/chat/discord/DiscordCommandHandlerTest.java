package lab.miribit.fleetops.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The Discord handler driven by interaction doubles: what JDA would deliver, and what it would send back. */
@QuarkusTest
class DiscordCommandHandlerTest {

    private static final String GUILD = "100000000000000000";
    private static final String OPERATOR = "200000000000000001";
    private static final String STRANGER = "200000000000000002";
    private static final String ADMIN_ROLE = "300000000000000003";

    @Inject
    DiscordCommandHandler handler;

    /** Records what the adapter did with an interaction, in order. */
    private static class Recorded implements DiscordInteraction {
        final String userId;
        final List<String> roles;
        final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** The thread the reply was shown on. */
        volatile String editedOn;
        final List<DiscordMessage> edits = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** The follow-up posted for the channel, then its edits. */
        final List<DiscordMessage> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** What Discord reports as the user's client language. */
        String locale = "en-US";
        /** The interaction's id: new for each, unless a test delivers one twice. */
        String id = String.valueOf(IDS.incrementAndGet());

        Recorded(String userId, List<String> roles) {
            this.userId = userId;
            this.roles = roles;
        }

        @Override
        public String guildId() {
            return GUILD;
        }

        @Override
        public String channelId() {
            return "400000000000000004";
        }

        @Override
        public String userId() {
            return userId;
        }

        @Override
        public String userName() {
            return "user-" + userId.substring(userId.length() - 2);
        }

        @Override
        public List<String> roleIds() {
            return roles;
        }

        @Override
        public String locale() {
            return locale;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void defer() {
            calls.add("defer");
        }

        @Override
        public Post postToChannel(DiscordMessage message) {
            calls.add("post");
            posted.add(message);
            return update -> posted.add(update);
        }

        @Override
        public void edit(DiscordMessage message) {
            editedOn = Thread.currentThread().getName();
            calls.add("edit");
            edits.add(message);
        }

        DiscordMessage last() {
            return edits.get(edits.size() - 1);
        }
    }

    private static final class Slash extends Recorded implements DiscordInteraction.Command {
        final String subcommand;
        final Map<String, Object> options;

        Slash(String userId, List<String> roles, String subcommand, Map<String, Object> options) {
            super(userId, roles);
            this.subcommand = subcommand;
            this.options = options;
        }

        @Override
        public String subcommand() {
            return subcommand;
        }

        @Override
        public Map<String, Object> options() {
            return options;
        }
    }

    private static final class Press extends Recorded implements DiscordInteraction.ButtonPress {
        final String customId;

        Press(String userId, List<String> roles, String customId) {
            super(userId, roles);
            this.customId = customId;
        }

        @Override
        public String customId() {
            return customId;
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong(
            900_000_000_000_000_000L);

    /** Two replicas' gateway sessions may both receive one interaction: its id makes the action run once. */
    @Test
    void oneInteractionReceivedTwiceRunsOnce() {
        Slash first = new Slash(OPERATOR, List.of(), "sync", Map.of("targets", "fluent-bit-cluster-04", "dry-run", true));
        command(first);
        Slash second = new Slash(OPERATOR, List.of(), "sync", Map.of("targets", "fluent-bit-cluster-04", "dry-run", true));
        second.id = first.id;
        command(second);
        assertThat(first.posted).isNotEmpty();
        String id = first.posted.get(0).title().replaceAll(".*\\((op-[a-z0-9]{10})\\).*", "$1");
        assertThat(second.posted).as("nothing for the channel the second time").isEmpty();
        assertThat(second.last().title()).isEqualTo("Already received: this request started " + id + "; nothing ran twice.");
    }

    @Test
    void eachUserIsAnsweredInTheLanguageTheirDiscordClientReports() {
        Slash korean = new Slash(OPERATOR, List.of(), "status", Map.of());
        korean.locale = "ko";
        command(korean);
        assertThat(korean.last().title()).isEqualTo("전체 클러스터 상태");

        Slash mistaken = new Slash(OPERATOR, List.of(), "rollback", Map.of("app", "grafana-cluster-01", "history-id", "two"));
        mistaken.locale = "ko";
        command(mistaken);
        assertThat(mistaken.last().title()).isEqualTo("'two' 값이 올바르지 않습니다: 히스토리 ID는 숫자입니다 (history APP 참고)");

        // A language fleet-ops does not speak is answered in English.
        Slash french = new Slash(OPERATOR, List.of(), "status", Map.of());
        french.locale = "fr";
        command(french);
        assertThat(french.last().title()).isEqualTo("Fleet status");
    }

    @Test
    void aSyncIsDeferredPrivatelyThenPostedToTheChannelAndFollowedThere() {
        Slash sync = new Slash(OPERATOR, List.of(), "sync", Map.of("targets", "cluster-02", "dry-run", true));
        command(sync);
        assertThat(sync.calls.subList(0, 3)).containsExactly("defer", "post", "edit");
        assertThat(sync.posted.get(0).title()).startsWith("Accepted: sync cluster/cluster-02");
        assertThat(sync.posted.get(0).ephemeral()).isFalse();
        assertThat(sync.edits.get(0).description()).isEqualTo("Posted in this channel; its progress follows there.");
        assertThat(sync.edits.get(0).ephemeral()).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> sync.posted.get(sync.posted.size() - 1).title().contains(": succeeded ("));
        assertThat(sync.posted.get(sync.posted.size() - 1).description()).contains("✔ wave 0: namespaces-cluster-02");
        assertThat(sync.edits).hasSize(1);
    }

    @Test
    void readsAreEphemeralAndUnknownUsersAreViewers() {
        Slash status = new Slash(STRANGER, List.of(), "status", Map.of("target", "cluster-04"));
        command(status);
        assertThat(status.calls).containsExactly("defer", "edit");
        assertThat(status.last().title()).isEqualTo("Cluster cluster-04");
        assertThat(status.editedOn).as("answered off JDA's event thread").startsWith("chat-command-");

        Slash sync = new Slash(STRANGER, List.of(), "sync", Map.of("targets", "cluster-04"));
        command(sync);
        assertThat(sync.last().title()).isEqualTo("sync needs the role fleet-operator");
    }

    @Test
    void aConfirmationButtonWorksOnlyForTheUserWhoAsked() {
        Slash prune = new Slash("200000000000000009", List.of(ADMIN_ROLE), "sync",
                Map.of("targets", "longhorn-cluster-02", "prune", true, "dry-run", true));
        command(prune);
        DiscordMessage asked = prune.last();
        assertThat(prune.calls).as("a confirmation prompt stays with the asker").containsExactly("defer", "edit");
        assertThat(asked.ephemeral()).isTrue();
        assertThat(asked.title()).isEqualTo("Confirm: /fleet sync longhorn-cluster-02 --prune --dry-run");
        String confirm = asked.buttons().get(0).customId();
        assertThat(confirm).startsWith(DiscordRenderer.CONFIRM_PREFIX).hasSizeLessThanOrEqualTo(100);

        Press other = new Press(OPERATOR, List.of(), confirm);
        press(other);
        assertThat(other.last().title()).isEqualTo("only the person who sent the command can confirm it");
        Press cancelByOther = new Press(OPERATOR, List.of(), asked.buttons().get(1).customId());
        press(cancelByOther);
        assertThat(cancelByOther.last().title()).isEqualTo("only the person who sent the command can cancel it");

        Press own = new Press("200000000000000009", List.of(ADMIN_ROLE), confirm);
        press(own);
        assertThat(own.calls.subList(0, 3)).containsExactly("defer", "post", "edit");
        assertThat(own.posted.get(0).title()).startsWith("Accepted: sync app/longhorn-cluster-02");
        await().atMost(Duration.ofSeconds(15)).until(() -> own.posted.get(own.posted.size() - 1).title().contains(": succeeded ("));

        Press again = new Press("200000000000000009", List.of(ADMIN_ROLE), confirm);
        press(again);
        assertThat(again.last().title()).contains("unknown, expired or was already used");
    }

    @Test
    void optionsBecomeTheSameLineASlackUserTypes() {
        Slash sync = new Slash(OPERATOR, List.of(), "sync", Map.of("targets", "grafana-cluster-01", "dry-run", true,
                "resource", "/ConfigMap/monitoring/grafana-dashboards apps/Deployment/monitoring/grafana"));
        assertThat(DiscordOptions.line(new lab.miribit.fleetops.chat.ChatGrammar(lab.miribit.fleetops.chat.CommandCatalog.load(
                new com.fasterxml.jackson.databind.ObjectMapper())).catalog(), sync.subcommand(), sync.options()))
                .isEqualTo("sync grafana-cluster-01 --dry-run --resource /ConfigMap/monitoring/grafana-dashboards"
                        + " --resource apps/Deployment/monitoring/grafana");
        Slash bad = new Slash(OPERATOR, List.of(), "history", Map.of("app", "../etc"));
        command(bad);
        assertThat(bad.last().title()).contains("invalid app name");
    }

    /** Delivers a command as JDA would and waits until it is answered: the reply comes from the chat pool. */
    private void command(Slash slash) {
        handler.onCommand(slash);
        answered(slash);
    }

    private void press(Press press) {
        handler.onButton(press);
        answered(press);
    }

    /** Every answer ends with the deferred reply edited. */
    private static void answered(Recorded interaction) {
        assertThat(interaction.calls).as("deferred at once, on the caller's thread").startsWith("defer");
        await().atMost(Duration.ofSeconds(15)).until(() -> interaction.calls.contains("edit"));
    }
}
