package io.clearance.api;

import io.clearance.authoring.ScenarioException;
import io.clearance.playground.Playground;
import io.clearance.problem.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Map;

/**
 * The author's playground run ({@code POST /v1/policy/playground}), which the page ({@link PlaygroundPage})
 * calls. Nothing a run does is activated or stored.
 */
@Path("/v1/policy/playground")
public class PlaygroundResource {

    @Inject
    Playground playground;

    /**
     * A playground run.
     *
     * @param files the edited rule files by name (over the serving ones)
     * @param scenario a scenario file's YAML (policies/tests format)
     * @param registry {@code scenario} (the scenario's own parties, the default) or {@code live}
     */
    public record PlaygroundBody(Map<String, String> files, String scenario, String registry) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Playground.Run run(PlaygroundBody body) {
        if (body == null || body.scenario() == null || body.scenario().isBlank()) {
            throw new ProblemException(
                    ErrorCode.MISSING_SCENARIO, "the body needs `scenario`: a scenario file as YAML");
        }
        Playground.Registry registry;
        try {
            registry = Playground.Registry.valueOf(
                    (body.registry() == null ? "scenario" : body.registry()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.INVALID_REGISTRY, "`registry` is `scenario` or `live`");
        }
        try {
            return playground.run(body.files() == null ? Map.of() : body.files(), body.scenario(), registry);
        } catch (ScenarioException e) {
            throw new ProblemException(ErrorCode.INVALID_SCENARIO, e.getMessage());
        }
    }

    static final String SAMPLE = """
            description: exactly 50% held by restricted owners, and one millionth more
            parties:
              - {id: cn-fund, name: CN Fund, kind: COMPANY, country: CN}
              - {id: ru-bank, name: RU Bank, kind: COMPANY, country: RU}
              - {id: half-us, name: Half Inc., kind: COMPANY, country: US}
              - {id: over-us, name: Over Inc., kind: COMPANY, country: US}
            stakes:
              - {owner: cn-fund, owned: half-us, percent: 30}
              - {owner: ru-bank, owned: half-us, percent: 20}
              - {owner: cn-fund, owned: over-us, percent: 30}
              - {owner: ru-bank, owned: over-us, percent: 20.000001}
            cases:
              - name: exactly 50% is permitted, with enhanced due diligence advised
                request: {subject: half-us, action: api.access}
                expect: {decision: PERMIT, advice: [enhanced-due-diligence]}
              - name: 50.000001% is denied
                request: {subject: over-us, action: api.access}
                expect: {decision: DENY}
            """;
}
