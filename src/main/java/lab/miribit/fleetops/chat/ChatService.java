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
     * @param t            the language the user reads
     * @param delivery     the platform's identity of this request, so that an action delivered twice runs once on
     *                     any replica; null where a transport cannot repeat a request (the console)
     */
    public ChatReply handle(Caller caller, String userKey, String text, String confirmation, ChatText t,
            OperationService.Delivery delivery) {
        if (!rateLimit.tryAcquire(userKey, delivery == null ? null : delivery.key())) {
            return ChatReply.rateLimited(perMinute, rateLimit.secondsUntilFree(userKey), t);
        }
        // fleet-ci acts only through its CI entry point (POST /api/v1/sync with the job's token after a merge). In chat
        // it reads operations and nothing else: a chat line is typed, not derived from a merge, and syncing "what a merge
        // changed" has no meaning there. Without this, a multi-target sync — which the CI entry point may run — would
        // pass as CI with no confirmation while the same line for one target was refused.
        Caller acting = caller.without(FleetRole.CI);
        ChatGrammar.Line line = null;
        try {
            line = grammar.parse(text, t);
            if (line.needsConfirmation() && allowed(acting, line.definition())) {
                if (confirmation == null) {
                    return ConfirmationReplies.ask(grammar.catalog().slashCommand(), line,
                            confirmations.open(userKey, line.canonical()), confirmMinutes, t);
                }
                confirmations.redeem(confirmation, userKey, line.canonical(), t);
            }
            return run(caller, acting, line, t, delivery);
        } catch (ChatRefusal refused) {
            return refused.reply();
        } catch (FleetProblem.Forbidden refused) {
            // The OperationService refused (and audited) an action for the caller's role: worded from the command.
            String reason = line == null ? t.get("refused.domain", refused.getMessage())
                    : t.get("refused.role", line.definition().name(), line.definition().role());
            return ChatReply.refused(reason, caller.has(FleetRole.CI)
                    ? t.get("refused.ci-hint", grammar.catalog().slashCommand()) : null);
        } catch (FleetProblem fromBelow) {
            // A refusal from below the chat (a busy target, an unknown name, Argo CD's or GitLab's answer) keeps its
            // detail — names and the peer's own words — inside a sentence of the reader's language.
            return ChatReply.refused(t.get("refused.domain", fromBelow.getMessage()), null);
        } catch (RuntimeException unexpected) {
            String correlationId = UUID.randomUUID().toString();
            LOG.errorf(unexpected, "chat command failed, correlation id %s", correlationId);
            return ChatReply.error(correlationId, t);
        }
    }

    /** Confirms a pending command by its token alone: the command is the one stored when it was asked. */
    public ChatReply confirm(Caller caller, String userKey, String token, ChatText t, OperationService.Delivery delivery) {
        return confirmations.commandOf(token).map(command -> handle(caller, userKey, command, token, t, delivery))
                .orElseGet(() -> ChatReply.refused(t.get("confirmation.unknown-or-expired"), null));
    }

    /** Withdraws the user's pending confirmation. */
    public ChatReply cancel(String userKey, String token, ChatText t) {
        try {
            String command = confirmations.cancel(token, userKey, t);
            return ChatReply.info(t.get("cancelled", grammar.catalog().slashCommand(), command), List.of());
        } catch (ChatRefusal refused) {
            return refused.reply();
        }
    }

    /** Actions are submitted as {@code acting} (the caller without fleet-ci); reads are checked against the caller. */
    private ChatReply run(Caller caller, Caller acting, ChatGrammar.Line line, ChatText t, OperationService.Delivery delivery) {
        ChatCommand command = line.command();
        if (command instanceof ChatCommand.Help help) {
            return help.command() == null ? HelpReplies.overview(grammar.catalog(), t)
                    : HelpReplies.command(grammar.catalog(), grammar.catalog().find(help.command()).orElseThrow(), t);
        }
        if (command instanceof ChatCommand.Bootstrap bootstrap) {
            return act(acting, new Command.Bootstrap(bootstrap.dryRun(), List.of()), delivery, t);
        }
        if (command instanceof ChatCommand.Sync sync) {
            return act(acting, syncCommand(sync, t), delivery, t);
        }
        if (command instanceof ChatCommand.Rollback rollback) {
            return act(acting, new Command.Rollback(rollback.app(), rollback.id(), rollback.disableAutoSync()), delivery, t);
        }
        if (command instanceof ChatCommand.AutoSync autoSync) {
            return act(acting, new Command.AutoSync(autoSync.app(), autoSync.enabled()), delivery, t);
        }
        if (command instanceof ChatCommand.Revert revert) {
            return act(acting, new Command.Revert(revert.sha(), revert.mergeRequest()), delivery, t);
        }
        if (command instanceof ChatCommand.Refresh refresh) {
            return act(acting, new Command.Refresh(refresh.app(), refresh.hard()), delivery, t);
        }
        // Reads are not actions: they are checked here; actions are checked (and audited) by the OperationService.
        if (!allowed(caller, line.definition())) {
            throw new ChatRefusal(t.get("refused.role", line.definition().name(), line.definition().role()),
                    caller.has(FleetRole.CI) ? t.get("refused.ci-hint", grammar.catalog().slashCommand()) : null);
        }
        if (command instanceof ChatCommand.Status s) {
            return reads.status(s.target(), t);
        }
        if (command instanceof ChatCommand.Apps apps) {
            return reads.apps(apps.cluster(), apps.outOfSync(), apps.unhealthy(), t);
        }
        if (command instanceof ChatCommand.History history) {
            return reads.history(history.app(), t);
        }
        if (command instanceof ChatCommand.S3) {
            return reads.s3(t);
        }
        if (command instanceof ChatCommand.Certs certs) {
            return reads.certificates(certs.cluster(), t);
        }
        if (command instanceof ChatCommand.Diagnose diagnose) {
            return reads.diagnose(diagnose.target(), t);
        }
        return reads.operation(((ChatCommand.Op) command).id(), t);
    }

    /** One cluster: wave by wave; one application: that one; several targets: every application they name. */
    private Command syncCommand(ChatCommand.Sync sync, ChatText t) {
        List<String> targets = sync.targets();
        if (targets.size() == 1) {
            String target = targets.get(0);
            if (status.hasCluster(target)) {
                return new Command.SyncCluster(target, sync.options());
            }
            requireApp(target, t);
            return new Command.SyncApp(target, sync.options());
        }
        Set<String> apps = new LinkedHashSet<>();
        for (String target : targets) {
            if (status.hasCluster(target)) {
                status.cluster(target).applications().forEach(app -> apps.add(app.name()));
            } else {
                requireApp(target, t);
                apps.add(target);
            }
        }
        return new Command.SyncApps(new ArrayList<>(apps), sync.options());
    }

    private void requireApp(String target, ChatText t) {
        if (!status.hasApp(target)) {
            throw new ChatRefusal(t.get("refused.target-unknown", target, grammar.catalog().slashCommand()));
        }
    }

    /** Submits an action at the door — once per delivery when the platform names it — and words what became of it. */
    private ChatReply act(Caller acting, Command command, OperationService.Delivery delivery, ChatText t) {
        String slash = grammar.catalog().slashCommand();
        if (delivery == null) {
            return OperationReplies.accepted(operations.submit(acting, command), slash, t);
        }
        OperationService.Submitted submitted = operations.submitOnce(acting, command, delivery);
        if (submitted instanceof OperationService.Submitted.Started started) {
            return OperationReplies.accepted(started.operation(), slash, t);
        }
        return OperationReplies.repeated(((OperationService.Submitted.Repeated) submitted).earlier(), slash, t);
    }

    private static boolean allowed(Caller caller, CommandCatalog.Definition definition) {
        FleetRole needed = FleetRole.fromName(definition.role()).orElseThrow();
        return caller.has(needed) || "op".equals(definition.name()) && caller.has(FleetRole.CI);
    }
}
