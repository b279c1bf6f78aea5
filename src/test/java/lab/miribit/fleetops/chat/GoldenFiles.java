package lab.miribit.fleetops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rendered replies kept as files under {@code src/test/resources/golden/}: a change in what people see shows up
 * in review as a changed file. {@code -Dgolden.update=true} rewrites them; a missing one is written and fails.
 */
public final class GoldenFiles {

    private static final Path ROOT = Path.of("src/test/resources/golden");

    private GoldenFiles() {
    }

    public static void assertMatches(String platform, String name, String rendered) {
        Path file = ROOT.resolve(platform).resolve(name);
        try {
            if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, rendered, StandardCharsets.UTF_8);
                assertThat(Boolean.getBoolean("golden.update")).as(file + " was missing and has been written; review it").isTrue();
                return;
            }
            assertThat(rendered).as(file.toString()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
