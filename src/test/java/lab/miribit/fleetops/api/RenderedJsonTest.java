package lab.miribit.fleetops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The cache of rendered list answers is bounded by what its answers weigh, not only by their number. */
class RenderedJsonTest {

    /** 1 000 bytes: answers of ~200 bytes are kept, five at most; one over 250 bytes is never kept. */
    private final RenderedJson rendered = new RenderedJson(new ObjectMapper(), 1_000);
    private final AtomicInteger renders = new AtomicInteger();

    @Test
    void anAnswerIsRenderedOncePerVersion() {
        render("a", "v1", 190);
        render("a", "v1", 190);
        assertThat(renders).hasValue(1);
        render("a", "v2", 190);
        assertThat(renders).hasValue(2);
    }

    @Test
    void theLeastRecentlyUsedAnswersLeaveOnceTheBytesAreSpent() {
        for (String key : List.of("a", "b", "c", "d", "e")) {
            render(key, "v1", 190);
        }
        render("a", "v1", 190);
        assertThat(renders).as("five answers of ~200 bytes fit in 1 000").hasValue(5);
        render("f", "v1", 190);
        // "b" is now the least recently used ("a" was just read): it made room for "f".
        render("a", "v1", 190);
        render("b", "v1", 190);
        assertThat(renders).hasValue(7);
    }

    @Test
    void anAnswerLargerThanAQuarterOfTheBudgetIsServedButNotKept() {
        render("small", "v1", 190);
        byte[] first = render("whole-fleet", "v1", 400);
        byte[] second = render("whole-fleet", "v1", 400);
        assertThat(second).isEqualTo(first);
        assertThat(renders).hasValue(3);
        render("small", "v1", 190);
        assertThat(renders).as("the small answer stayed").hasValue(3);
    }

    /** Renders a page of one string of about {@code bytes} bytes of JSON, counting the renders the cache could not spare. */
    private byte[] render(String key, String version, int bytes) {
        Supplier<ListPage.Page<?>> page = () -> {
            renders.incrementAndGet();
            return new ListPage.Page<>(List.of("x".repeat(bytes - 4)), null);
        };
        return rendered.render(key, version, page).body();
    }
}
