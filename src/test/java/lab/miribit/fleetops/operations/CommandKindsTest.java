package lab.miribit.fleetops.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** {@link Command#KINDS}, which the metrics register up front, names the kind of every command there is. */
class CommandKindsTest {

    @Test
    void everyCommandsKindIsListed() {
        List<Command> samples = List.of(
                new Command.SyncApp("a", SyncOptions.defaults()),
                new Command.SyncCluster("c", SyncOptions.defaults()),
                new Command.SyncApps(List.of("a"), SyncOptions.defaults()),
                new Command.SyncTargets(List.of("a", "c"), SyncOptions.defaults()),
                new Command.SyncChanged("https://gitlab.example/g/p.git", "main", List.of("x"), SyncOptions.defaults()),
                new Command.Refresh("a", false),
                new Command.Rollback("a", null, false),
                new Command.AutoSync("a", true),
                new Command.Revert("0123456", false),
                new Command.Push("https://gitlab.example/g/p.git", "0123456", "main", "main", List.of("x"), false),
                new Command.Bootstrap(true, List.of()),
                new Command.RegisterCluster("c", "kubeconfig"),
                new Command.RunCheck("drift"));
        assertThat(samples.stream().map(Command::getClass).collect(Collectors.toSet()))
                .as("a sample of every command").isEqualTo(leaves(Command.class));
        assertThat(Command.KINDS).containsExactlyInAnyOrderElementsOf(samples.stream().map(Command::kind).distinct().toList());
    }

    private static Set<Class<?>> leaves(Class<?> sealed) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            if (permitted.isSealed()) {
                found.addAll(leaves(permitted));
            } else {
                found.add(permitted);
            }
        }
        return Set.copyOf(found);
    }
}
