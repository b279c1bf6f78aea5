package lab.miribit.fleetops.chat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import lab.miribit.fleetops.checks.Alert;
import lab.miribit.fleetops.checks.CheckResult;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.operations.Operation;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.problem.FleetProblem;

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
                        new Operation.Step(Note.of("wave", -1, "namespaces-cluster-03"), Operation.StepState.SUCCEEDED,
                                Note.of("wave-healthy")),
                        new Operation.Step(Note.of("wave", 0, "prometheus-agent-cluster-03"), Operation.StepState.RUNNING,
                                Note.of("wave-syncing", 1))),
                "running", Note.of("running"));
        replies.put("accepted", OperationReplies.accepted(running, catalog.slashCommand(), t));
        replies.put("progress", OperationReplies.progress(running, catalog.slashCommand(), t));
        FleetProblem.Reason timedOut = FleetProblem.Reason.of("wave-timeout", "0", "600",
                "prometheus-agent-cluster-03 (Synced, Degraded)");
        Operation.Snapshot failed = new Operation.Snapshot(running.id(), running.kind(), running.target(), running.requestedBy(),
                running.requestedByName(), running.via(), Operation.State.FAILED, running.startedAt(),
                Instant.parse("2026-12-03T05:02:00Z"), List.of(running.steps().get(0), new Operation.Step(
                        Note.of("wave", 0, "prometheus-agent-cluster-03"), Operation.StepState.FAILED,
                        Note.of("remark-of", "prometheus-agent-cluster-03",
                                Note.verbatim("Degraded: CrashLoopBackOff @channel [x](http://x)")))),
                "wave 0 did not become Synced and Healthy within 600 s; held by prometheus-agent-cluster-03 (Synced, Degraded)",
                Note.of(timedOut));
        replies.put("result", OperationReplies.progress(failed, catalog.slashCommand(), t));
        Note synced = Note.of("then", Note.of("with-in-sync", Note.of("synced.waves", 2, 2), 1),
                Note.of("remark-of", "prometheus-agent-cluster-03", Note.of("automated-synced", "4f1c2a9e0b7d")));
        Operation.Snapshot succeeded = new Operation.Snapshot(running.id(), running.kind(), running.target(), running.requestedBy(),
                running.requestedByName(), running.via(), Operation.State.SUCCEEDED, running.startedAt(),
                Instant.parse("2026-12-03T05:01:30Z"), List.of(running.steps().get(0), new Operation.Step(
                        Note.of("wave", 0, "prometheus-agent-cluster-03"), Operation.StepState.SUCCEEDED,
                        Note.of("wave-remarked", 1))),
                synced.english(), synced);
        replies.put("result-succeeded", OperationReplies.progress(succeeded, catalog.slashCommand(), t));
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
                        Note.of("certificate-expires", Note.of("client-certificate"), 7)),
                new Alert.Change(Alert.Kind.RECOVERED, CheckResult.Status.OK, "cluster/cluster-03", Note.of("connection-refused")))), t));
        return replies;
    }
}
