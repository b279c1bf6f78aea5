package lab.miribit.fleetops.chat.discord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import lab.miribit.fleetops.chat.AlertReplies;
import lab.miribit.fleetops.chat.ChatLocales;
import lab.miribit.fleetops.checks.Alert;
import lab.miribit.fleetops.checks.AlertsConfig;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.components.ActionRow;
import net.dv8tion.jda.api.interactions.components.buttons.Button;
import net.dv8tion.jda.api.utils.data.DataArray;

/**
 * The JDA gateway connection: registers {@code /fleet} from {@code chat-commands/discord-commands.json} and
 * adapts JDA's events to {@link DiscordInteraction}s for the {@link DiscordCommandHandler}. Started only when
 * {@code fleet.discord.enabled=true}; never in tests, which drive the handler with doubles.
 */
@ApplicationScoped
class DiscordBot extends ListenerAdapter {

    private static final Logger LOG = Logger.getLogger(DiscordBot.class);

    private final DiscordConfig config;
    private final DiscordCommandHandler handler;
    private final AlertsConfig alerts;
    private final ChatLocales locales;
    private JDA jda;

    DiscordBot(DiscordConfig config, DiscordCommandHandler handler, AlertsConfig alerts, ChatLocales locales) {
        this.locales = locales;
        this.alerts = alerts;
        this.config = config;
        this.handler = handler;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        String token = config.token().orElseThrow(() -> new IllegalStateException(
                "fleet.discord.token is required when fleet.discord.enabled=true"));
        try {
            jda = JDABuilder.createLight(token).addEventListeners(this).build();
            DataArray registration = registration();
            List<CommandData> commands = new ArrayList<>();
            for (int i = 0; i < registration.length(); i++) {
                commands.add(CommandData.fromData(registration.getObject(i)));
            }
            jda.awaitReady();
            if (config.guildId().isPresent()) {
                jda.getGuildById(config.guildId().get()).updateCommands().addCommands(commands).queue();
            } else {
                jda.updateCommands().addCommands(commands).queue();
            }
            LOG.info("Discord bot connected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Discord being unreachable must not take fleet-ops down; the REST API and other channels keep working.
            LOG.errorf("Discord bot did not start: %s", e.getClass().getSimpleName());
        }
    }

    private static DataArray registration() {
        try (InputStream in = DiscordBot.class.getClassLoader().getResourceAsStream("chat-commands/discord-commands.json")) {
            return DataArray.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts a check's state change to the alert channel. */
    void onAlert(@ObservesAsync Alert alert) {
        if (jda == null || alerts.discordChannel().isEmpty()) {
            return;
        }
        var channel = jda.getTextChannelById(alerts.discordChannel().get());
        if (channel == null) {
            LOG.warnf("Discord alert channel %s is not visible to the bot", alerts.discordChannel().get());
            return;
        }
        DiscordMessage message = DiscordRenderer.render(AlertReplies.of(alert, locales.service()), locales.service());
        channel.sendMessageEmbeds(new EmbedBuilder().setTitle(message.title()).setDescription(message.description())
                .setColor(message.color()).build()).queue(null,
                        failure -> LOG.warnf("Discord did not take an alert: %s", failure.getClass().getSimpleName()));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        handler.onCommand(new JdaCommand(event));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        handler.onButton(new JdaButton(event));
    }

    /** Shared by both kinds of event: who, where, and the deferred reply's hook. */
    private abstract static class JdaInteraction implements DiscordInteraction {
        private final net.dv8tion.jda.api.interactions.Interaction interaction;
        InteractionHook hook;

        JdaInteraction(net.dv8tion.jda.api.interactions.Interaction interaction) {
            this.interaction = interaction;
        }

        @Override
        public String id() {
            return interaction.getId();
        }

        @Override
        public String guildId() {
            return interaction.getGuild() == null ? "" : interaction.getGuild().getId();
        }

        @Override
        public String channelId() {
            return interaction.getChannelId();
        }

        @Override
        public String userId() {
            return interaction.getUser().getId();
        }

        @Override
        public String userName() {
            return interaction.getUser().getName();
        }

        @Override
        public String locale() {
            return interaction.getUserLocale().getLocale();
        }

        @Override
        public List<String> roleIds() {
            return interaction.getMember() == null ? List.of()
                    : interaction.getMember().getRoles().stream().map(Role::getId).toList();
        }

        @Override
        public void edit(DiscordMessage message) {
            hook.editOriginalEmbeds(embed(message)).setComponents(rows(message)).queue(null,
                    failure -> LOG.warnf("Discord did not take an edit: %s", failure.getClass().getSimpleName()));
        }

        @Override
        public Post postToChannel(DiscordMessage message) {
            java.util.concurrent.CompletableFuture<net.dv8tion.jda.api.entities.Message> posted = hook.setEphemeral(false)
                    .sendMessageEmbeds(embed(message)).setComponents(rows(message)).submit();
            posted.exceptionally(failure -> {
                LOG.warnf("Discord did not take a follow-up: %s", failure.getClass().getSimpleName());
                return null;
            });
            return update -> posted.thenAccept(sent -> {
                if (sent != null) {
                    hook.editMessageEmbedsById(sent.getId(), embed(update)).setComponents(rows(update)).queue(null,
                            failure -> LOG.warnf("Discord did not take an edit: %s", failure.getClass().getSimpleName()));
                }
            });
        }

        private static MessageEmbed embed(DiscordMessage message) {
            EmbedBuilder embed = new EmbedBuilder().setTitle(message.title()).setDescription(message.description())
                    .setColor(message.color());
            if (message.footer() != null) {
                embed.setFooter(message.footer());
            }
            return embed.build();
        }

        private static List<ActionRow> rows(DiscordMessage message) {
            return message.buttons().isEmpty() ? List.of() : List.of(ActionRow.of(message.buttons().stream()
                    .map(b -> "danger".equals(b.style()) ? Button.danger(b.customId(), b.label())
                            : Button.secondary(b.customId(), b.label()))
                    .toList()));
        }
    }

    private static final class JdaCommand extends JdaInteraction implements DiscordInteraction.Command {
        private final SlashCommandInteractionEvent event;

        JdaCommand(SlashCommandInteractionEvent event) {
            super(event);
            this.event = event;
        }

        @Override
        public void defer() {
            event.deferReply(true).queue();
            hook = event.getHook();
        }

        @Override
        public String subcommand() {
            return event.getSubcommandName() == null ? "help" : event.getSubcommandName();
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> options = new LinkedHashMap<>();
            for (OptionMapping option : event.getOptions()) {
                options.put(option.getName(), option.getType() == OptionType.BOOLEAN ? option.getAsBoolean() : option.getAsString());
            }
            return options;
        }
    }

    private static final class JdaButton extends JdaInteraction implements DiscordInteraction.ButtonPress {
        private final ButtonInteractionEvent event;

        JdaButton(ButtonInteractionEvent event) {
            super(event);
            this.event = event;
        }

        @Override
        public void defer() {
            event.deferEdit().queue();
            hook = event.getHook();
        }

        @Override
        public String customId() {
            return event.getComponentId();
        }
    }

    @PreDestroy
    void stop() {
        if (jda != null) {
            jda.shutdown();
        }
    }
}
