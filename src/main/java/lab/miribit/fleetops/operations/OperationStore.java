package lab.miribit.fleetops.operations;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The operations this replica started, newest last; finished ones beyond the retention limit are dropped. */
@ApplicationScoped
class OperationStore {

    private final int retained;
    private final LinkedHashMap<String, Operation> operations = new LinkedHashMap<>();

    OperationStore(OperationsConfig config) {
        this.retained = config.retained();
    }

    synchronized void add(Operation operation) {
        operations.put(operation.id(), operation);
        int excess = operations.size() - retained;
        for (Iterator<Operation> it = operations.values().iterator(); excess > 0 && it.hasNext();) {
            if (it.next().snapshot().state().finished()) {
                it.remove();
                excess--;
            }
        }
    }

    synchronized Optional<Operation> find(String id) {
        return Optional.ofNullable(operations.get(id));
    }

    synchronized List<Operation> newest(int limit) {
        List<Operation> all = new ArrayList<>(operations.values());
        List<Operation> out = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(all.get(i));
        }
        return out;
    }
}
