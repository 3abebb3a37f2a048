package io.clearance.api;

import io.clearance.registry.ImportJob;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code /v1/imports}, the path imports were first served at, kept so that scripts written against it go on
 * working: the same calls, roles and answers as {@link ImportResource} (a job's {@code Location} is its
 * documented path). Deprecated in the OpenAPI document in favour of {@code /v1/registry/imports}.
 */
@Path("/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportAliasResource {

    private final ImportResource imports;

    ImportAliasResource(ImportResource imports) {
        this.imports = imports;
    }

    /** As {@code POST /v1/registry/imports}. */
    @Deprecated
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response submit(
            @QueryParam("format") String format,
            @QueryParam("countryIfUnknown") String countryIfUnknown,
            @QueryParam("path") String path,
            InputStream body)
            throws IOException {
        return imports.submit(format, countryIfUnknown, path, body);
    }

    /** As {@code GET /v1/registry/imports/{id}}. */
    @Deprecated
    @GET
    @Path("/{id}")
    public ImportJob.View status(@PathParam("id") String id) {
        return imports.status(id);
    }
}
