package lab.miribit.fleetops.chat.discord;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Discord bot fleet-ops answers as (gateway connection, outbound only). */
@ConfigMapping(prefix = "fleet.discord")
public interface DiscordConfig {

    @WithDefault("false")
    boolean enabled();

    /** Bot token, from a Secret. */
    Optional<String> token();

    /** The guild (server) to register {@code /fleet} in; registration there is immediate, unlike global commands. */
    Optional<String> guildId();

    /** Channel IDs fleet-ops answers in; empty means every channel it can see. */
    Optional<List<String>> allowedChannels();
}
