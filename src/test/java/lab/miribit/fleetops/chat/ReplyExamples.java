package lab.miribit.fleetops.chat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import lab.miribit.fleetops.checks.Alert;
import lab.miribit.fleetops.checks.CheckResult;
import lab.miribit.fleetops.operations.Operation;
import lab.miribit.fleetops.operations.Via;

/**
 * One reply of every kind, built by the same code the chat service uses, with fixed ids and times: what the
 * platforms' golden files are rendered from, in each language.
 */
public final class ReplyExamples {

    public static final List<ChatLocales> LANGUAGES = List.of(new ChatLocales("en"), new ChatLocales("ko"));

    private ReplyExamples() {
    }

    public static Map<String, ChatReply> of(ChatText t) {
        CommandCatalog catalog = CommandCatalog.load(new ObjectMapper());
        ChatGrammar grammar = new ChatGrammar(catalog);
        Map<String, ChatReply> replies = new LinkedHashMap<>();
        replies.put("help-sync", HelpReplies.command(catalog, catalog.find("sync").orElseThrow(), t));
        Operation.Snapshot running = new Operation.Snapshot("op-7f3k2m9q4x", "sync", "cluster/cluster-03",
                "mattermost:team0000000000000000000001:mmoperator0000000000000001", "olivia", Via.MATTERMOST,
                Operation.State.RUNNING, Instant.parse("2026-12-03T05:00:00Z"), null, List.of(
                        new Operation.Step("wave -1: namespaces-cluster-03", Operation.StepState.SUCCEEDED, "Synced, Healthy"),
                        new Operation.Step("wave 0: prometheus-agent-cluster-03", Operation.StepState.RUNNING, null)),
                null);
        replies.put("accepted", OperationReplies.accepted(running, catalog.slashCommand(), t));
        replies.put("progress", OperationReplies.progress(running, t));
        Operation.Snapshot failed = new Operation.Snapshot(running.id(), running.kind(), running.target(), running.requestedBy(),
                running.requestedByName(), running.via(), Operation.State.FAILED, running.startedAt(),
                Instant.parse("2026-12-03T05:02:00Z"), List.of(running.steps().get(0), new Operation.Step(
                        "wave 0: prometheus-agent-cluster-03", Operation.StepState.FAILED, "Degraded: CrashLoopBackOff @channel [x](http://x)")),
                "wave 0 failed: prometheus-agent-cluster-03 is Degraded");
        replies.put("result", OperationReplies.progress(failed, t));
        ChatGrammar.Ask rollback = (ChatGrammar.Ask) grammar.parse("rollback grafana-cluster-01 3 --disable-auto-sync", t);
        replies.put("confirm", ConfirmationReplies.ask(catalog.slashCommand(), rollback, new ChatReply.Confirmation(
                "5f0e3a9c1b2d4e6f8a7b9c0d1e2f3a4b." + "0123456789abcdef01234567", rollback.canonical(),
                Instant.parse("2026-12-03T05:05:00Z")), 5, t));
        try {
            grammar.parse("snyc cluster-03", t);
        } catch (ChatRefusal refused) {
            replies.put("refused", refused.reply());
        }
        replies.put("rate-limited", ChatReply.rateLimited(10, 42, t));
        replies.put("error", ChatReply.error("4b1c2d3e-0000-4000-8000-123456789abc", t));
        replies.put("alert", AlertReplies.of(new Alert("certificates", "cluster-03", CheckResult.Status.CRITICAL, List.of(
                new Alert.Change(Alert.Kind.CHANGED, CheckResult.Status.CRITICAL, "cluster/cluster-03",
                        "client certificate expires in 7 days"),
                new Alert.Change(Alert.Kind.RECOVERED, CheckResult.Status.OK, "cluster/cluster-03", "API server unreachable"))), t));
        return replies;
    }
}
