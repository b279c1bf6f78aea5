package lab.miribit.fleetops.chat;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.operations.Query;
import lab.miribit.fleetops.problem.FleetProblem;

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
    private final OperationService operations;
    private final ChatRateLimit rateLimit;
    private final Confirmations confirmations;
    private final int perMinute;
    private final long confirmMinutes;

    ChatService(ObjectMapper json, FleetReplies reads, OperationService operations, ChatRateLimit rateLimit,
            Confirmations confirmations, ChatConfig config) {
        this.grammar = new ChatGrammar(CommandCatalog.load(json));
        this.reads = reads;
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
            if (line instanceof ChatGrammar.Help help) {
                return help.topic() == null ? HelpReplies.overview(grammar.catalog(), t)
                        : HelpReplies.command(grammar.catalog(), grammar.catalog().find(help.topic()).orElseThrow(), t);
            }
            ChatGrammar.Ask ask = (ChatGrammar.Ask) line;
            if (ask.needsConfirmation() && ask.request().allows(acting)) {
                if (confirmation == null) {
                    return ConfirmationReplies.ask(grammar.catalog().slashCommand(), ask,
                            confirmations.open(userKey, ask.canonical()), confirmMinutes, t);
                }
                confirmations.redeem(confirmation, userKey, ask.canonical(), t);
            }
            if (ask.request() instanceof Command command) {
                return act(acting, command, delivery, t);
            }
            // Reads are not operations: checked here against the role the query names, and answered at once.
            return ask.request().allows(caller) ? read((Query) ask.request(), t) : refusedForRole(caller, ask, t);
        } catch (ChatRefusal refused) {
            return refused.reply();
        } catch (FleetProblem.Forbidden refused) {
            // The OperationService refused (and audited) an action for the caller's role: worded from the command.
            return refusedForRole(caller, (ChatGrammar.Ask) line, t);
        } catch (FleetProblem fromBelow) {
            // A refusal from below the chat (a busy target, an unknown name, Argo CD's or GitLab's answer): worded in the
            // reader's language where it carries a reason the bundles know, else its detail — names and the peer's own
            // words — inside a sentence of the reader's language.
            return ChatReply.refused(ProblemWording.of(fromBelow, grammar.catalog().slashCommand(), t), null);
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

    private ChatReply read(Query query, ChatText t) {
        if (query instanceof Query.Status s) {
            return reads.status(s.target(), t);
        }
        if (query instanceof Query.Apps apps) {
            return reads.apps(apps.cluster(), apps.outOfSync(), apps.unhealthy(), t);
        }
        if (query instanceof Query.History history) {
            return reads.history(history.app(), t);
        }
        if (query instanceof Query.S3) {
            return reads.s3(t);
        }
        if (query instanceof Query.Certs certs) {
            return reads.certificates(certs.cluster(), t);
        }
        if (query instanceof Query.Diagnose diagnose) {
            return reads.diagnose(diagnose.target(), t);
        }
        return reads.operation(((Query.Op) query).id(), grammar.catalog().slashCommand(), t);
    }

    /** Worded from the line's request: its command and the role that request names; a CI caller learns its own way. */
    private ChatReply refusedForRole(Caller caller, ChatGrammar.Ask ask, ChatText t) {
        return ChatReply.refused(t.get("refused.role", ask.definition().name(), ask.request().requiredRole().roleName()),
                caller.has(FleetRole.CI) ? t.get("refused.ci-hint", grammar.catalog().slashCommand()) : null);
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
}
