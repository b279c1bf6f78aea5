package lab.miribit.fleetops.chat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import lab.miribit.fleetops.operations.Phrasebook;

/**
 * The languages chat speaks — English and Korean — and which one a person gets: the one their platform reports for
 * them (Discord sends it with each interaction, an HTTP client with {@code Accept-Language}), else
 * {@code fleet.chat.locale}. A language fleet-ops does not have is answered in English.
 */
@ApplicationScoped
public class ChatLocales {

    /** The languages there is a bundle for; the first is the fallback. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.KOREAN);

    private final Map<String, ChatText> texts = new TreeMap<>();
    private final ChatText service;

    @Inject
    ChatLocales(ChatConfig config) {
        this(config.locale());
    }

    public ChatLocales(String serviceLocale) {
        for (Locale locale : SUPPORTED) {
            texts.put(locale.getLanguage(), new ChatText(Phrasebook.load("chat/messages", locale)));
        }
        if (!texts.containsKey(language(serviceLocale))) {
            throw new IllegalArgumentException("fleet.chat.locale must be one of en, ko (was '" + serviceLocale + "')");
        }
        this.service = texts.get(language(serviceLocale));
    }

    /** The service's language, for alerts and for people whose platform says nothing. */
    public ChatText service() {
        return service;
    }

    /**
     * The language for a person whose platform reports {@code tag} ({@code ko}, {@code en-US}, an
     * {@code Accept-Language} value …): the service's when there is none, English when fleet-ops does not speak it.
     */
    public ChatText of(String tag) {
        if (tag == null || tag.isBlank()) {
            return service;
        }
        for (Locale.LanguageRange range : ranges(tag)) {
            String language = language(range.getRange());
            if ("*".equals(language)) {
                return service;
            }
            ChatText text = texts.get(language);
            if (text != null) {
                return text;
            }
        }
        return texts.get("en");
    }

    public ChatText of(Locale locale) {
        return texts.getOrDefault(locale.getLanguage(), texts.get("en"));
    }

    private static List<Locale.LanguageRange> ranges(String tag) {
        try {
            return Locale.LanguageRange.parse(tag.replace('_', '-'));
        } catch (IllegalArgumentException malformed) {
            return List.of();
        }
    }

    private static String language(String tag) {
        String cut = tag.trim().toLowerCase(Locale.ROOT);
        int end = cut.indexOf('-');
        return end < 0 ? cut : cut.substring(0, end);
    }
}
