package lab.miribit.fleetops.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import lab.miribit.fleetops.problem.FleetProblem;

/**
 * What an operation says about a step or its end — a code and its values rather than a sentence — so that each reader
 * gets it in their own language: the REST API, the audit and the logs keep the English, chat words it in its reader's.
 * The wordings are {@code operations/notes_<language>.properties}. A value is a string (a name, a count, a peer's own
 * words, the same in every language) or another note, worded in the same language. A refusal's
 * {@link FleetProblem.Reason} becomes a note whose code starts with {@value #PROBLEM}, worded where refusals are.
 */
public record Note(String code, List<Object> args) {

    /** Prefix of the codes taken from a {@link FleetProblem.Reason}. */
    public static final String PROBLEM = "problem.";
    /** The code of a note that is its one value, as it stands: a peer's message, an identifier. */
    public static final String VERBATIM = "verbatim";

    private static final Map<String, Phrasebook> BOOKS = Map.of("en", Phrasebook.load("operations/notes", Locale.ENGLISH), "ko",
            Phrasebook.load("operations/notes", Locale.KOREAN));

    public Note {
        Objects.requireNonNull(code, "code");
        args = List.copyOf(args);
    }

    public static Note of(String code, Object... args) {
        List<Object> values = new ArrayList<>(args.length);
        for (Object arg : args) {
            values.add(arg instanceof Note ? arg : String.valueOf(arg));
        }
        return new Note(code, values);
    }

    /** A text that is the same in every language: a peer's own message, a list of names. */
    public static Note verbatim(String text) {
        return new Note(VERBATIM, List.of(String.valueOf(text)));
    }

    /** The reason of a refusal, for a reader whose language has a wording for it. */
    public static Note of(FleetProblem.Reason reason) {
        return new Note(PROBLEM + reason.code(), List.copyOf(reason.args()));
    }

    /** The notes' wordings in {@code language} ({@code en}, {@code ko}); English for any other. */
    public static Phrasebook book(String language) {
        return BOOKS.getOrDefault(language, BOOKS.get("en"));
    }

    public boolean isProblem() {
        return code.startsWith(PROBLEM);
    }

    /** The note in English; a refusal's reason has its English in the refusal, not here. */
    public String english() {
        return in(Locale.ENGLISH, problem -> {
            throw new IllegalStateException("a refusal's reason (" + problem.code() + ") is worded where refusals are");
        });
    }

    /**
     * The note in {@code locale}'s language, English where fleet-ops does not speak it.
     *
     * @param problems words a refusal's reason, wherever it stands in the note
     */
    public String in(Locale locale, Function<Note, String> problems) {
        if (VERBATIM.equals(code)) {
            return (String) args.get(0);
        }
        if (isProblem()) {
            return problems.apply(this);
        }
        Object[] values = args.stream().map(arg -> arg instanceof Note note ? note.in(locale, problems) : arg).toArray();
        return book(locale.getLanguage()).get(code, values);
    }
}
