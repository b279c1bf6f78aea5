package lab.miribit.fleetops.api;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.ForbiddenException;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Every error leaves as {@code application/problem+json}. Only {@link FleetProblem} messages reach the caller;
 * anything unexpected is logged with a correlation id and answered without its details.
 */
class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("^Duplicate field '([A-Za-z0-9_]{1,64})'");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @ServerExceptionMapper
    Response fleetProblem(FleetProblem problem, UriInfo uri) {
        int status = statusOf(problem);
        Response.ResponseBuilder answer = respond(status, problem.title(), problem.getMessage(), uri, null);
        if (problem instanceof FleetProblem.Unavailable unavailable) {
            answer.header("Retry-After", unavailable.retryAfterSeconds());
        } else if (problem instanceof FleetProblem.TooManyRequests tooMany) {
            answer.header("Retry-After", tooMany.retryAfterSeconds());
        }
        return answer.build();
    }

    static int statusOf(FleetProblem problem) {
        if (problem instanceof FleetProblem.InvalidInput) {
            return 400;
        } else if (problem instanceof FleetProblem.Forbidden) {
            return 403;
        } else if (problem instanceof FleetProblem.NotFound) {
            return 404;
        } else if (problem instanceof FleetProblem.Conflict) {
            return 409;
        } else if (problem instanceof FleetProblem.TooManyRequests) {
            return 429;
        }
        return 503;
    }

    // Quarkus maps the two specific Jackson failures itself (as plain JSON); these take precedence over its mappers.
    @ServerExceptionMapper(priority = 1)
    Response malformedJson(JsonParseException e, UriInfo uri) {
        if (cutOffBody(e)) {
            return BodyLimitFilter.tooLarge(uri.getPath());
        }
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        String detail = duplicate.find() ? "the field '" + duplicate.group(1) + "' appears more than once in the request body; send it once"
                : "the request body is not valid JSON";
        return respond(400, "Invalid input", detail, uri, null).build();
    }

    @ServerExceptionMapper(priority = 1)
    Response unexpectedJson(MismatchedInputException e, UriInfo uri) {
        if (cutOffBody(e)) {
            return BodyLimitFilter.tooLarge(uri.getPath());
        }
        String at = pathOf(e);
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "unknown field '" + printableName(unknown.getPropertyName()) + "' in the request body";
        } else if (e instanceof InvalidNullException) {
            detail = "null is not allowed" + (at.isEmpty() ? "" : " at '" + at + "'") + " in the request body";
        } else {
            detail = "the request body does not have the expected shape" + (at.isEmpty() ? "" : " (at '" + at + "': wrong type)");
        }
        return respond(400, "Invalid input", detail, uri, null).build();
    }

    /** Jackson wraps the read that went past the body limit; the caller sent too much, not bad JSON. */
    private static boolean cutOffBody(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BodyLimitFilter.BodyTooLarge) {
                return true;
            }
        }
        return false;
    }

    /** Where in the body, e.g. {@code changedPaths[2]}; names that are not plain words are not echoed. */
    private static String pathOf(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(printableName(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String printableName(String name) {
        return name != null && PLAIN_NAME.matcher(name).matches() ? name : "…";
    }

    @ServerExceptionMapper
    Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (cutOffBody(e)) {
            return BodyLimitFilter.tooLarge(uri.getPath());
        }
        return respond(400, "Invalid input", "the request body is not valid JSON for this endpoint", uri, null).build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "Forbidden", "your role does not allow this", uri, null).build();
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e, UriInfo uri) {
        if (cutOffBody(e)) {
            return BodyLimitFilter.tooLarge(uri.getPath());
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String detail = switch (status) {
            case 400 -> "the request could not be read: check the body's JSON and the query parameters";
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this path";
            case 406 -> "this endpoint answers application/json";
            case 413 -> "the request body is larger than 1 MiB";
            case 415 -> "send the body as application/json";
            default -> Response.Status.fromStatusCode(status) == null ? "request refused"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
        Response.Status known = Response.Status.fromStatusCode(status);
        return respond(status, known == null ? "Error" : known.getReasonPhrase(), detail, uri, null).build();
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e, UriInfo uri) {
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error, correlation id %s", correlationId);
        return respond(500, "Internal error", "something went wrong inside fleet-ops; quote the correlation id when reporting it",
                uri, correlationId).build();
    }

    static Response.ResponseBuilder respond(int status, String title, String detail, UriInfo uri, String correlationId) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), correlationId));
    }
}
