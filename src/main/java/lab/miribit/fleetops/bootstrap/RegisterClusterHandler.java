package lab.miribit.fleetops.bootstrap;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;

/** {@code POST /clusters}: the request is checked and the cluster reached before the 202; then it is registered. */
@ApplicationScoped
class RegisterClusterHandler implements CommandHandler<Command.RegisterCluster> {

    private final ClusterRegistrar registrar;

    RegisterClusterHandler(ClusterRegistrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public Set<Class<? extends Command.RegisterCluster>> handles() {
        return Set.of(Command.RegisterCluster.class);
    }

    @Override
    public Accepted accept(Command.RegisterCluster command, Caller caller) {
        ClusterRegistrar.Target target = registrar.check(command.name(), command.kubeconfig());
        return new Accepted(Set.of("cluster/" + target.name()), List.of(Note.of("register-cluster", target.name())), progress -> {
            progress.started(0, null);
            Note done = registrar.register(target, report -> progress.started(0, report));
            progress.succeeded(0, done);
            return done;
        });
    }
}
