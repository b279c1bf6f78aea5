package lab.miribit.fleetops.chat;

import java.util.List;

import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.Request;

/** The question a destructive command asks before it runs: what exactly it will do, and who may say yes, until when. */
final class ConfirmationReplies {

    private ConfirmationReplies() {
    }

    static ChatReply ask(String slashCommand, ChatGrammar.Ask line, ChatReply.Confirmation pending, long minutes, ChatText t) {
        return new ChatReply(ChatReply.Kind.CONFIRM, t.get("confirm.title", slashCommand, line.canonical()),
                List.of(what(line.request(), t) + " " + t.count("confirm.only-you", minutes)), null, pending);
    }

    private static String what(Request command, ChatText t) {
        if (command instanceof Command.SyncTargets sync && sync.options().prune()) {
            return t.get("confirm.prune", String.join(", ", sync.targets()));
        }
        if (command instanceof Command.Rollback rollback) {
            String suffix = rollback.disableAutoSync() ? ".auto-sync-off" : "";
            return rollback.id() == null ? t.get("confirm.rollback.previous" + suffix, rollback.app())
                    : t.get("confirm.rollback.entry" + suffix, rollback.id(), rollback.app());
        }
        if (command instanceof Command.AutoSync autoSync) {
            return t.get(autoSync.enabled() ? "confirm.autosync.on" : "confirm.autosync.off", autoSync.app());
        }
        if (command instanceof Command.Bootstrap bootstrap) {
            return t.get(bootstrap.dryRun() ? "confirm.bootstrap.dry-run" : "confirm.bootstrap");
        }
        if (command instanceof Command.Revert revert) {
            return t.get(revert.mergeRequest() ? "confirm.revert.mr" : "confirm.revert", revert.sha());
        }
        return t.get("confirm.other");
    }
}
