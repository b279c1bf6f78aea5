package lab.miribit.fleetops.chat.discord;

import net.dv8tion.jda.api.hooks.ListenerAdapter;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JDA's ListenerAdapter finds its {@code onXxx} handler for each event by method lookup at run time: the native
 * image keeps those methods, and {@link DiscordBot}'s overrides of them.
 */
@RegisterForReflection(targets = { ListenerAdapter.class, DiscordBot.class }, methods = true, fields = false)
final class DiscordReflection {

    private DiscordReflection() {
    }
}
