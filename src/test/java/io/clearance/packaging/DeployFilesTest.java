package io.clearance.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment files cannot run here (no Docker engine, no cluster), so they are read: the probes point at
 * the health endpoints the server serves, every variable they set is one the application reads (a misspelt
 * {@code CLEARANCE_DB_PASSWROD} would be ignored without a word), every Secret key they use exists, and
 * nginx is pointed at the instances the compose file starts.
 */
class DeployFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path KUBERNETES = Path.of("deploy/kubernetes");
    private static final String IMPORTS = "~ ^/v1/(registry/)?imports$";

    @Test
    void theDeploymentProbesReadinessAndLivenessOnTheServedPort() throws IOException {
        JsonNode container = deployment().at("/spec/template/spec/containers/0");
        assertEquals(
                "/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals(
                "/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("http", container.at("/readinessProbe/httpGet/port").asText());
        assertEquals(8080, container.at("/ports/0/containerPort").asInt());
        assertEquals("/app/data", container.at("/volumeMounts/0/mountPath").asText(), "the image's data folder");
        // SIGTERM's readiness delay (3 s) and drain (20 s) fit in the grace period before the kill.
        assertTrue(deployment()
                        .at("/spec/template/spec/terminationGracePeriodSeconds")
                        .asInt()
                >= 25);
        assertTrue(container.at("/resources/limits/memory").isTextual(), "a memory limit");
    }

    @Test
    void theBudgetServiceAndSecretMatchTheDeployment() throws IOException {
        String app = deployment()
                .at("/spec/template/metadata/labels/app.kubernetes.io~1name")
                .asText();
        assertEquals(
                app,
                read(KUBERNETES.resolve("pod-disruption-budget.yaml"))
                        .at("/spec/selector/matchLabels/app.kubernetes.io~1name")
                        .asText());
        assertEquals(
                app,
                read(KUBERNETES.resolve("service.yaml"))
                        .at("/spec/selector/app.kubernetes.io~1name")
                        .asText());
        JsonNode secret = read(KUBERNETES.resolve("secret.yaml"));
        for (JsonNode env : deployment().at("/spec/template/spec/containers/0/env")) {
            JsonNode ref = env.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                assertEquals(
                        secret.at("/metadata/name").asText(), ref.path("name").asText());
                assertTrue(
                        secret.at("/stringData").has(ref.path("key").asText()),
                        env.path("name").asText() + " reads a key the Secret lacks: " + ref);
            }
        }
        List<String> listed = new ArrayList<>();
        read(KUBERNETES.resolve("kustomization.yaml")).path("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("kustomization.yaml"))
                    .forEach(name -> assertTrue(listed.contains(name), name + " is not in kustomization.yaml"));
        }
    }

    @Test
    void everyVariableTheFilesSetIsOneTheApplicationReads() throws Exception {
        Set<String> known = configurationVariables();
        Map<String, List<String>> set = new HashMap<>();
        for (JsonNode env : deployment().at("/spec/template/spec/containers/0/env")) {
            set.computeIfAbsent("deployment.yaml", k -> new ArrayList<>())
                    .add(env.path("name").asText());
        }
        JsonNode services = read(Path.of("deploy/docker-compose.yml")).path("services");
        JsonNode topLevel = read(Path.of("docker-compose.yml")).path("services");
        for (JsonNode file : List.of(services, topLevel)) {
            file.fields()
                    .forEachRemaining(service -> service.getValue()
                            .path("environment")
                            .fieldNames()
                            .forEachRemaining(name -> set.computeIfAbsent(service.getKey(), k -> new ArrayList<>())
                                    .add(name)));
        }
        assertFalse(set.isEmpty());
        set.forEach((where, names) -> {
            for (String name : names) {
                if (name.startsWith("POSTGRES_") || name.equals("JAVA_OPTS")) {
                    continue; // the postgres image's own, and the image's entrypoint's
                }
                assertTrue(known.contains(name), where + " sets " + name + ", which the application does not read");
            }
        });
    }

    @Test
    void nginxBalancesTheInstancesTheComposeFileStarts() throws IOException {
        JsonNode services = read(Path.of("deploy/docker-compose.yml")).path("services");
        String conf = Files.readString(Path.of("deploy/nginx.conf"));
        Matcher upstream = Pattern.compile("server (\\S+):8080").matcher(conf);
        Set<String> balanced = new TreeSet<>();
        while (upstream.find()) {
            balanced.add(upstream.group(1));
        }
        Set<String> instances = new TreeSet<>();
        services.fieldNames().forEachRemaining(name -> {
            if (services.path(name).path("environment").has("CLEARANCE_INSTANCE_ID")) {
                instances.add(name);
            }
        });
        assertEquals(instances, balanced);
        assertEquals(2, instances.size(), "PostgreSQL, two instances and nginx");
        Set<String> ids = new TreeSet<>();
        instances.forEach(name -> ids.add(services.path(name)
                .path("environment")
                .path("CLEARANCE_INSTANCE_ID")
                .asText()));
        assertEquals(instances.size(), ids.size(), "two instances must never share an instance id (a chain)");
    }

    @Test
    void nginxLeavesOutAnInstanceThatAnswers503AndRetriesOnlyWhatIsSafeToRetry() throws IOException {
        String conf = Files.readString(Path.of("deploy/nginx.conf"));
        Matcher server = Pattern.compile("server \\S+:8080([^;]*);").matcher(conf);
        int servers = 0;
        while (server.find()) {
            servers++;
            assertTrue(server.group(1).contains("max_fails="), "a passive check: " + server.group());
            assertTrue(server.group(1).contains("fail_timeout="), "a passive check: " + server.group());
        }
        assertEquals(2, servers);
        checkRetries(locations(conf));

        // scripts/cluster.sh writes its nginx.conf with the same rules, through its `location` function.
        String script = Files.readString(Path.of("scripts/cluster.sh"));
        assertTrue(script.contains("max_fails=") && script.contains("fail_timeout="), "cluster.sh: passive checks");
        Matcher call = Pattern.compile("(?m)^\\s*location \"([^\"]+)\" \"([^\"]+)\"(.*)$")
                .matcher(script);
        Map<String, String> scripted = new HashMap<>();
        Map<String, String> directives = new HashMap<>();
        while (call.find()) {
            scripted.put(call.group(1).replace("\\$", "$"), call.group(2));
            directives.put(call.group(1).replace("\\$", "$"), call.group(3));
        }
        checkRetries(scripted);
        checkImportsStream(directives.get(IMPORTS));
    }

    // A registry file is gigabytes: nginx's 1 MB default would refuse it, and buffering it whole to nginx's disk
    // before the instance sees a byte would double the disk it needs and hide the upload's progress.
    @Test
    void nginxPassesRegistryImportsOnAsTheyArriveWithoutItsBodyLimit() throws IOException {
        String conf = Files.readString(Path.of("deploy/nginx.conf"));
        Matcher imports = Pattern.compile("location " + Pattern.quote(IMPORTS) + " \\{([^}]*)}")
                .matcher(conf);
        assertTrue(imports.find(), "deploy/nginx.conf has a location for imports");
        checkImportsStream(imports.group(1));
        Pattern path = Pattern.compile(IMPORTS.substring(2));
        assertTrue(path.matcher("/v1/registry/imports").matches());
        assertTrue(path.matcher("/v1/imports").matches(), "the older path of the same route");
        assertFalse(path.matcher("/v1/registry/imports/job-1").matches(), "a job's status keeps the defaults");
    }

    private static void checkImportsStream(String directives) {
        assertTrue(directives != null && directives.contains("client_max_body_size 0;"), "no nginx body limit");
        assertTrue(directives.contains("proxy_request_buffering off;"), "streamed on to the instance");
    }

    // `/` and imports retry on 503 but never send a non-idempotent request twice; decisions alone (exactly their
    // paths) do.
    private static void checkRetries(Map<String, String> retries) {
        assertEquals(Set.of("/", "~ ^/v1/decisions(/batch)?$", IMPORTS), retries.keySet());
        assertEquals(
                Set.of("error", "timeout", "http_503"), Set.of(retries.get("/").split(" ")));
        assertEquals(
                Set.of("error", "timeout", "http_503"),
                Set.of(retries.get(IMPORTS).split(" ")));
        assertEquals(
                Set.of("error", "timeout", "http_503", "non_idempotent"),
                Set.of(retries.get("~ ^/v1/decisions(/batch)?$").split(" ")));
        Pattern decisions = Pattern.compile("^/v1/decisions(/batch)?$");
        assertTrue(decisions.matcher("/v1/decisions").matches());
        assertTrue(decisions.matcher("/v1/decisions/batch").matches());
        assertFalse(decisions.matcher("/v1/decisions/123/replay").matches(), "nothing else under the path");
    }

    // Each location's path and its proxy_next_upstream conditions.
    private static Map<String, String> locations(String conf) {
        Map<String, String> found = new HashMap<>();
        Matcher location = Pattern.compile("location ([^{]+?) \\{([^}]*)}").matcher(conf);
        while (location.find()) {
            Matcher next = Pattern.compile("proxy_next_upstream ([^;]+);").matcher(location.group(2));
            assertTrue(next.find(), "every location says what it retries: " + location.group(1));
            found.put(location.group(1), next.group(1));
        }
        return found;
    }

    private static JsonNode deployment() throws IOException {
        return read(KUBERNETES.resolve("deployment.yaml"));
    }

    private static JsonNode read(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    /**
     * The environment variables the application reads: every property of application.properties and every
     * {@code ${...}} it refers to, and every property of a {@code @ConfigMapping} interface, in the
     * environment's spelling (upper case, {@code _} for anything else).
     */
    private static Set<String> configurationVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        for (String line : properties.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                String key = line.substring(0, line.indexOf('='));
                names.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
            }
        }
        Matcher reference = Pattern.compile("\\$\\{([^:}]+)").matcher(properties);
        while (reference.find()) {
            names.add(reference.group(1));
        }
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, DeployFilesTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError skipped) {
                    continue;
                }
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null) {
                    properties(type, mapping.prefix(), names, 0);
                }
            }
        }
        Set<String> variables = new TreeSet<>();
        names.forEach(n -> variables.add(n.replaceAll("[^A-Za-z0-9]", "_").toUpperCase()));
        return variables;
    }

    private static void properties(Class<?> type, String prefix, Set<String> names, int depth) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            String name = prefix + "."
                    + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            Class<?> result = method.getReturnType();
            if (result.isInterface() && result.getName().startsWith("io.clearance") && depth < 5) {
                properties(result, name, names, depth + 1);
            } else {
                names.add(name);
            }
        }
    }
}
