package lab.miribit.fleetops.chat.discord;

import java.util.List;

/**
 * A reply as Discord shows it — one embed and, for a confirmation, two buttons — independent of JDA, so the
 * rendering can be checked against golden files.
 *
 * @param color     the embed's side color (RGB)
 * @param ephemeral whether only the asking user sees it
 */
public record DiscordMessage(String title, String description, int color, String footer, List<Button> buttons, boolean ephemeral) {

    /** @param style {@code danger} or {@code secondary} */
    public record Button(String customId, String label, String style) {
    }
}
