package lab.miribit.fleetops.chat.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.ButtonElement;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Slack SDK maps JSON with Gson, by reflection: the native image keeps the payloads Bolt parses (slash
 * commands, button presses), the Web API answers fleet-ops reads, and the Block Kit classes it renders.
 */
@RegisterForReflection(targets = { SlashCommandPayload.class, BlockActionPayload.class, AuthTestResponse.class,
        ChatPostMessageResponse.class, SectionBlock.class, ContextBlock.class, ActionsBlock.class, MarkdownTextObject.class,
        PlainTextObject.class, ButtonElement.class }, registerFullHierarchy = true)
final class SlackReflection {

    private SlackReflection() {
    }
}
