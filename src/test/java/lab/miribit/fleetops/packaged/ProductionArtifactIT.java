package lab.miribit.fleetops.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * What a plain {@code ./mvnw package} produces is the production artifact: no demo code, no embedded API server, no
 * demo certificate authority; and started with demo settings it refuses to start instead of opening a demo door.
 */
class ProductionArtifactIT {

    private static final Path APP = Path.of("target", "quarkus-app");

    @Test
    void theProductionArtifactHoldsNoDemo() throws IOException {
        List<String> demo = new ArrayList<>();
        try (Stream<Path> jars = Files.list(APP.resolve("app"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    zip.stream().map(entry -> entry.getName())
                            .filter(name -> name.contains("fleetops/demo/") && !name.endsWith("/") || name.startsWith("demo/") && !name.endsWith("/"))
                            .forEach(demo::add);
                }
            }
        }
        assertThat(demo).as("demo classes or data in the production artifact").isEmpty();
        try (Stream<Path> libs = Files.list(APP.resolve("lib").resolve("main"))) {
            assertThat(libs.map(p -> p.getFileName().toString()))
                    .as("the embedded API server and the demo's certificate authority stay out of production")
                    .noneMatch(name -> name.contains("kubernetes-server-mock") || name.contains("mockwebserver")
                            || name.contains("bcpkix") || name.contains("bcutil"));
        }
        // Argo CD's health check for Applications, which bootstrap installs, is production data and is there.
        try (Stream<Path> jars = Files.list(APP.resolve("app"))) {
            Path jar = jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertThat(zip.getEntry("argocd/application-health.lua")).isNotNull();
            }
        }
    }

    @Test
    void startedWithDemoSettingsItRefusesToStartAndSaysWhy() throws Exception {
        for (Map.Entry<String, List<String>> demoSwitch : Map.<String, List<String>>of(
                "FLEET_DEMO_ENABLED", List.of(),
                "the demo profile", List.of("-Dquarkus.profile=demo"),
                "fleet.demo.enabled", List.of("-Dfleet.demo.enabled=true")).entrySet()) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m"));
            command.addAll(demoSwitch.getValue());
            command.addAll(List.of("-Dquarkus.http.port=0", "-Dquarkus.management.port=0", "-jar", APP.resolve("quarkus-run.jar").toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (demoSwitch.getKey().equals("FLEET_DEMO_ENABLED")) {
                builder.environment().put("FLEET_DEMO_ENABLED", "true");
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(demoSwitch.getKey()).isTrue();
            assertThat(process.exitValue()).as(demoSwitch.getKey() + ": " + output).isNotZero();
            assertThat(output).as(demoSwitch.getKey()).contains("this is the production build of fleet-ops, which has no demo")
                    .doesNotContain("demo fleet: central API");
        }
    }
}
