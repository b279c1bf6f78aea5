package lab.miribit.fleetops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.problem.FleetProblem;

/** Pages cut by key: a boundary holds while the list changes between two pages. */
class ListPageTest {

    private static ListPage.Listing<String> names(List<String> names) {
        return new ListPage.Listing<>(names, Function.identity(), false);
    }

    @Test
    void aPageBoundaryNeverSkipsNorRepeatsWhileTheListChanges() {
        ListPage.Page<String> first = ListPage.cut(names(List.of("d", "a", "c", "b", "e", "f", "g")), 3, null);
        assertThat(first.items()).containsExactly("a", "b", "c");
        assertThat(first.next()).isNotNull().doesNotContain("c").as("opaque");
        // Between the pages: one before the boundary goes, two come before it and one after it.
        List<String> changed = List.of("a", "aa", "bb", "cc", "d", "e", "f", "g");
        ListPage.Page<String> second = ListPage.cut(names(changed), 3, first.next());
        assertThat(second.items()).containsExactly("cc", "d", "e");
        ListPage.Page<String> last = ListPage.cut(names(changed), 3, second.next());
        assertThat(last.items()).containsExactly("f", "g");
        assertThat(last.next()).isNull();
    }

    @Test
    void newestFirstListsPageBackwardsInTime() {
        List<Instant> times = List.of(Instant.parse("2026-12-03T05:00:00Z"), Instant.parse("2026-12-03T05:00:00.5Z"),
                Instant.parse("2026-12-03T05:00:01Z"), Instant.parse("2026-12-03T04:59:59.999999999Z"));
        ListPage.Listing<Instant> listing = new ListPage.Listing<>(times, ListPage::timeKey, true);
        List<Instant> seen = new ArrayList<>();
        String next = null;
        do {
            ListPage.Page<Instant> page = ListPage.cut(listing, 1, next);
            seen.addAll(page.items());
            next = page.next();
        } while (next != null);
        assertThat(seen).containsExactly(times.get(2), times.get(1), times.get(0), times.get(3));
    }

    @Test
    void aTokenThisListDidNotGiveIsRefused() {
        for (String forged : List.of("not base64!", "YWJj", "x".repeat(5000))) {
            assertThatThrownBy(() -> ListPage.cut(names(List.of("a")), 1, forged)).as(forged.substring(0, Math.min(20, forged.length())))
                    .isInstanceOf(FleetProblem.InvalidInput.class).hasMessageContaining("continue");
        }
    }
}
