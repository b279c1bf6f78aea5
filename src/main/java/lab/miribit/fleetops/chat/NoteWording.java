package lab.miribit.fleetops.chat;

import java.util.ArrayList;
import java.util.List;

import lab.miribit.fleetops.operations.Note;

/**
 * A {@link Note} from below the chat — an operation's step or end, a check's finding — in the reader's language: a
 * refusal's reason as refusals are worded ({@code problem.<code>} in the chat's messages, then the slash command, so
 * that a sentence can say what to type next), any other from the operations' notes.
 */
final class NoteWording {

    private NoteWording() {
    }

    /** The note in {@code t}'s language; {@code english} where there is no note (one made before notes existed, a test's). */
    static String of(Note note, String english, String slashCommand, ChatText t) {
        return note == null ? english : of(note, slashCommand, t);
    }

    private static String of(Note note, String slashCommand, ChatText t) {
        return note.in(t.locale(), problem -> {
            List<Object> values = new ArrayList<>(problem.args());
            values.add(slashCommand);
            return t.get(problem.code(), values.toArray());
        });
    }
}
