package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * The API's error answers. Dropwizard's exception mapper turns each into JSON
 * {@code {"code": n, "message": "..."}} with this status.
 */
final class ApiErrors {
    private ApiErrors() {}

    static WebApplicationException badRequest(String message) {
        return new BadRequestException(message);
    }

    static WebApplicationException notFound(String message) {
        return new NotFoundException(message);
    }

    static WebApplicationException conflict(String message) {
        return new ClientErrorException(message, Response.Status.CONFLICT);
    }

    static WebApplicationException badGateway(String message) {
        return new WebApplicationException(message, Response.Status.BAD_GATEWAY);
    }

    /** A required query parameter, present and non-blank. */
    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw badRequest("query parameter '" + name + "' is required");
        }
        return value;
    }
}
