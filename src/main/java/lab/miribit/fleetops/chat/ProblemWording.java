package lab.miribit.fleetops.chat;

import java.util.ArrayList;
import java.util.List;

import lab.miribit.fleetops.problem.FleetProblem;

/**
 * A refusal from below the chat in the reader's language. A problem with a {@link FleetProblem.Reason} is worded from
 * {@code problem.<code>} with the reason's values and then the slash command, so a sentence can say what to type next;
 * any other keeps its detail — names and a peer's own words — inside a sentence of the reader's language.
 */
final class ProblemWording {

    private ProblemWording() {
    }

    static String of(FleetProblem problem, String slashCommand, ChatText t) {
        return problem.reason().filter(reason -> t.has("problem." + reason.code())).map(reason -> {
            List<Object> args = new ArrayList<>(reason.args());
            args.add(slashCommand);
            return t.get("problem." + reason.code(), args.toArray());
        }).orElseGet(() -> t.get("refused.domain", problem.getMessage()));
    }
}
