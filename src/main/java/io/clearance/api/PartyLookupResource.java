package io.clearance.api;

import io.clearance.domain.Countries;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.RegistryService;
import io.clearance.registry.identity.Identifier;
import io.clearance.registry.identity.PartyIdentifiers;
import io.clearance.search.PartyMatch;
import io.clearance.search.PartySearch;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Finding parties without knowing their id: {@code ?identifier=lei:...} resolves an identifier on the
 * in-memory index (a list of one party, or empty); {@code ?q=...&country=} ranks parties by how like their
 * legal name is to {@code q}, for onboarding.
 */
@Path("/v1/parties")
@Produces(MediaType.APPLICATION_JSON)
public class PartyLookupResource {

    private static final int MAX_QUERY = 256;

    private final RegistryService registry;
    private final PartyIdentifiers identifiers;
    private final PartySearch search;

    PartyLookupResource(RegistryService registry, PartyIdentifiers identifiers, PartySearch search) {
        this.registry = registry;
        this.identifiers = identifiers;
        this.search = search;
    }

    /** The answer of a look-up: the parties found, best first. */
    public record Found(List<PartyMatch> parties) {}

    @GET
    public Found find(
            @QueryParam("identifier") String identifier,
            @QueryParam("q") String q,
            @QueryParam("country") String country,
            @QueryParam("limit") String limit) {
        if ((identifier == null) == (q == null)) {
            throw new ProblemException(
                    ErrorCode.INVALID_SEARCH,
                    "give either `identifier` (such as `lei:5493001KJTIIGC8Y1R12`) or `q` (a name), not "
                            + (identifier == null ? "neither" : "both"));
        }
        if (country != null && !Countries.isIsoCode(country)) {
            throw new ProblemException(
                    ErrorCode.INVALID_COUNTRY,
                    "country `" + country + "` is not an ISO 3166-1 alpha-2 code such as `CN` or `DE`");
        }
        if (identifier != null) {
            Identifier wanted = Identifier.parse(identifier);
            return new Found(identifiers
                    .partyOf(wanted)
                    .flatMap(registry::party)
                    .filter(p -> country == null || p.country().equals(country))
                    .map(p -> List.of(new PartyMatch(p.id(), p.name(), p.country(), 1f)))
                    .orElse(List.of()));
        }
        if (q.isBlank() || q.length() > MAX_QUERY) {
            throw new ProblemException(
                    ErrorCode.INVALID_SEARCH, "`q` must be 1 to " + MAX_QUERY + " characters, not blank");
        }
        return new Found(search.search(q, country, limit(limit)));
    }

    private static int limit(String limit) {
        if (limit == null) {
            return 10;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= PartySearch.MAX_RESULTS) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(
                ErrorCode.INVALID_SEARCH, "`limit` must be a whole number from 1 to " + PartySearch.MAX_RESULTS);
    }
}
