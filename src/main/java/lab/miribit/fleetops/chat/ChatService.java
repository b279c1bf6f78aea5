package lab.miribit.fleetops.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.problem.FleetProblem;
import lab.miribit.fleetops.status.FleetStatus;

/**
 * Runs one chat line for one user, the same way whichever platform it came from: rate limit, parse, check
 * the role, ask for confirmation where the command wants one, then answer a read or submit an action to the
 * {@link OperationService}. Transports only verify, map the user, call this and render the reply.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);

    private final ChatGrammar grammar;
    private final FleetReplies reads;
    private final FleetStatus status;
    private final OperationService operations;
    private final ChatRateLimit rateLimit;
    private final Confirmations confirmations;
    private final int perMinute;
    private final long confirmMinutes;

    ChatService(ObjectMapper json, FleetReplies reads, FleetStatus status, OperationService operations, ChatRateLimit rateLimit,
            Confirmations confirmations, ChatConfig config) {
        this.grammar = new ChatGrammar(CommandCatalog.load(json));
        this.reads = reads;
        this.status = status;
        this.operations = operations;
        this.rateLimit = rateLimit;
        this.confirmations = confirmations;
        this.perMinute = config.rateLimitPerMinute();
        this.confirmMinutes = Math.max(1, config.confirmationTimeout().toMinutes());
    }

    public ChatGrammar grammar() {
        return grammar;
    }

    /**
     * @param userKey      the user on their platform, e.g. {@code slack:T024BE7LH:U0G9QF9C6}: rate limits and
     *                     confirmations are bound to it
     * @param confirmation the token of a confirmation the user pressed, or null
     */
    public ChatReply handle(Caller caller, String userKey, String text, String confirmation) {
        if (!rateLimit.tryAcquire(userKey)) {
            return ChatReply.refused("Easy — you sent more than " + perMinute + " commands in the last minute.",
                    "Wait a moment and send it again.");
        }
        // fleet-ci acts only through its CI entry point (POST /api/v1/sync with the job's token after a merge). In chat
        // it reads operations and nothing else: a chat line is typed, not derived from a merge, and syncing "what a merge
        // changed" has no meaning there. Without this, a multi-target sync — which the CI entry point may run — would
        // pass as CI with no confirmation while the same line for one target was refused.
        Caller acting = caller.without(FleetRole.CI);
        try {
            ChatGrammar.Line line = grammar.parse(text);
            if (line.needsConfirmation() && allowed(acting, line.definition())) {
                if (confirmation == null) {
                    ChatReply.Confirmation pending = confirmations.open(userKey, line.canonical());
                    return new ChatReply(ChatReply.Kind.CONFIRM, "Confirm: " + grammar.catalog().slashCommand() + " "
                            + line.canonical(), List.of(confirmPrompt(line)), null, pending);
                }
                confirmations.redeem(confirmation, userKey, line.canonical());
            }
            return run(caller, acting, line);
        } catch (FleetProblem.Forbidden refused) {
            return ChatReply.refused(refused.getMessage(), caller.has(FleetRole.CI)
                    ? "fleet-ci only reads operations in chat (/fleet op); a CI job syncs with POST /api/v1/sync." : null);
        } catch (FleetProblem refused) {
            return ChatReply.refused(refused.getMessage(), null);
        } catch (RuntimeException unexpected) {
            String correlationId = UUID.randomUUID().toString();
            LOG.errorf(unexpected, "chat command failed, correlation id %s", correlationId);
            return new ChatReply(ChatReply.Kind.ERROR, "Something went wrong inside fleet-ops.",
                    List.of("Quote this id when reporting it: " + correlationId), null, null);
        }
    }

    /** Confirms a pending command by its token alone: the command is the one stored when it was asked. */
    public ChatReply confirm(Caller caller, String userKey, String token) {
        return confirmations.commandOf(token).map(command -> handle(caller, userKey, command, token))
                .orElseGet(() -> ChatReply.refused("this confirmation is unknown, expired or was already used; send the command again",
                        null));
    }

    /** Withdraws the user's pending confirmation. */
    public ChatReply cancel(String userKey, String token) {
        try {
            String command = confirmations.cancel(token, userKey);
            return ChatReply.info("Cancelled: " + grammar.catalog().slashCommand() + " " + command, List.of());
        } catch (FleetProblem refused) {
            return ChatReply.refused(refused.getMessage(), null);
        }
    }

    /** Actions are submitted as {@code acting} (the caller without fleet-ci); reads are checked against the caller. */
    private ChatReply run(Caller caller, Caller acting, ChatGrammar.Line line) {
        ChatCommand command = line.command();
        if (command instanceof ChatCommand.Help help) {
            return help.command() == null ? HelpReplies.overview(grammar.catalog())
                    : HelpReplies.command(grammar.catalog(), grammar.catalog().find(help.command()).orElseThrow());
        }
        if (command instanceof ChatCommand.Bootstrap bootstrap) {
            return OperationReplies.accepted(operations.submit(acting, new Command.Bootstrap(bootstrap.dryRun(), List.of())),
                    grammar.catalog().slashCommand());
        }
        if (command instanceof ChatCommand.Sync sync) {
            return OperationReplies.accepted(operations.submit(acting, syncCommand(sync)), grammar.catalog().slashCommand());
        }
        if (command instanceof ChatCommand.Rollback rollback) {
            return OperationReplies.accepted(operations.submit(acting, new Command.Rollback(rollback.app(), rollback.id(),
                    rollback.disableAutoSync())), grammar.catalog().slashCommand());
        }
        if (command instanceof ChatCommand.AutoSync autoSync) {
            return OperationReplies.accepted(operations.submit(acting, new Command.AutoSync(autoSync.app(), autoSync.enabled())),
                    grammar.catalog().slashCommand());
        }
        if (command instanceof ChatCommand.Revert revert) {
            return OperationReplies.accepted(operations.submit(acting, new Command.Revert(revert.sha(), revert.mergeRequest())),
                    grammar.catalog().slashCommand());
        }
        if (command instanceof ChatCommand.Refresh refresh) {
            return OperationReplies.accepted(operations.submit(acting, new Command.Refresh(refresh.app(), refresh.hard())),
                    grammar.catalog().slashCommand());
        }
        // Reads are not actions: they are checked here; actions are checked (and audited) by the OperationService.
        if (!allowed(caller, line.definition())) {
            throw new FleetProblem.Forbidden(line.definition().name() + " needs the role " + line.definition().role());
        }
        if (command instanceof ChatCommand.Status s) {
            return reads.status(s.target());
        }
        if (command instanceof ChatCommand.Apps apps) {
            return reads.apps(apps.cluster(), apps.outOfSync(), apps.unhealthy());
        }
        if (command instanceof ChatCommand.History history) {
            return reads.history(history.app());
        }
        if (command instanceof ChatCommand.S3) {
            return reads.s3();
        }
        if (command instanceof ChatCommand.Certs certs) {
            return reads.certificates(certs.cluster());
        }
        if (command instanceof ChatCommand.Diagnose diagnose) {
            return reads.diagnose(diagnose.target());
        }
        return reads.operation(((ChatCommand.Op) command).id());
    }

    /** One cluster: wave by wave; one application: that one; several targets: every application they name. */
    private Command syncCommand(ChatCommand.Sync sync) {
        List<String> targets = sync.targets();
        if (targets.size() == 1) {
            String target = targets.get(0);
            if (status.hasCluster(target)) {
                return new Command.SyncCluster(target, sync.options());
            }
            requireApp(target);
            return new Command.SyncApp(target, sync.options());
        }
        Set<String> apps = new LinkedHashSet<>();
        for (String target : targets) {
            if (status.hasCluster(target)) {
                status.cluster(target).applications().forEach(app -> apps.add(app.name()));
            } else {
                requireApp(target);
                apps.add(target);
            }
        }
        return new Command.SyncApps(new ArrayList<>(apps), sync.options());
    }

    private void requireApp(String target) {
        if (!status.hasApp(target)) {
            throw new FleetProblem.NotFound("no cluster or application is named '" + target + "'; try "
                    + grammar.catalog().slashCommand() + " apps");
        }
    }

    private static boolean allowed(Caller caller, CommandCatalog.Definition definition) {
        FleetRole needed = FleetRole.fromName(definition.role()).orElseThrow();
        return caller.has(needed) || "op".equals(definition.name()) && caller.has(FleetRole.CI);
    }

    private String confirmPrompt(ChatGrammar.Line line) {
        String who = " Only you can confirm, within " + confirmMinutes + " minute" + (confirmMinutes == 1 ? "" : "s") + ".";
        if (line.command() instanceof ChatCommand.Sync sync && sync.options().prune()) {
            return "--prune deletes resources of " + String.join(", ", sync.targets()) + " that are no longer in Git." + who;
        }
        if (line.command() instanceof ChatCommand.Rollback rollback) {
            return "Argo CD redeploys " + (rollback.id() == null ? "the previous deployment" : "deployment " + rollback.id())
                    + " of " + rollback.app() + (rollback.disableAutoSync() ? " after switching its automated sync off" : "") + "." + who;
        }
        if (line.command() instanceof ChatCommand.AutoSync autoSync) {
            return (autoSync.enabled() ? "Argo CD syncs " + autoSync.app() + " to Git again on its own, undoing a rollback."
                    : "Argo CD stops syncing " + autoSync.app() + " on its own until automated sync is switched on again.") + who;
        }
        if (line.command() instanceof ChatCommand.Bootstrap bootstrap) {
            return (bootstrap.dryRun() ? "fleet-ops checks every bootstrap step and reports what it would change, writing nothing."
                    : "fleet-ops installs and wires Argo CD and GitLab on the central cluster, doing only the steps not done yet.")
                    + who;
        }
        if (line.command() instanceof ChatCommand.Revert revert) {
            return (revert.mergeRequest() ? "fleet-ops opens a merge request that reverts commit " + revert.sha()
                    : "fleet-ops commits a revert of " + revert.sha() + " to the GitOps repository's default branch")
                    + "; Argo CD then rolls the applications it touched back." + who;
        }
        return "This changes the fleet." + who;
    }
}
