package lab.miribit.fleetops.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Latency of a request repeated by concurrent clients, as the benchmarks report it: p50, p99 and max per request. */
final class Latencies {

    private Latencies() {
    }

    interface Request {
        void run() throws Exception;
    }

    record Result(int requests, double p50, double p99, double max) {
        String row(String what) {
            return String.format(java.util.Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |", what, requests, p50, p99, max);
        }
    }

    /** Runs {@code warmup} requests, then {@code total} requests split over {@code clients} concurrent clients. */
    static Result measure(int clients, int warmup, int total, Request request) throws Exception {
        for (int i = 0; i < warmup; i++) {
            request.run();
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            work.add(() -> {
                for (int i = 0; i < Math.max(1, total / clients); i++) {
                    long start = System.nanoTime();
                    request.run();
                    latencies.add(System.nanoTime() - start);
                }
                return null;
            });
        }
        try {
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted.size(), millis(sorted, 0.50), millis(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double millis(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
