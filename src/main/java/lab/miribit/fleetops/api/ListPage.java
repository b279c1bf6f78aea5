package lab.miribit.fleetops.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import lab.miribit.fleetops.problem.FleetProblem;

/**
 * One page of a list answer, as Kubernetes lists page: at most {@code limit} items, and an opaque {@code continue}
 * token for the next page (in a {@code Link: <…>; rel="next"} header and the {@code Continue-Token} header). The token
 * holds the last item's sort key, so a page boundary never skips or repeats an item while the list changes: the next
 * page starts after that key, whatever was added or removed before it. Each page carries an {@code ETag} of its
 * bytes; {@code If-None-Match} with it is answered 304 while nothing on the page changed.
 */
final class ListPage {

    /** No answer is megabytes unless asked: 500 applications are about 300 KB of JSON. */
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5_000;
    static final String CONTINUE_HEADER = "Continue-Token";
    private static final String TOKEN_PREFIX = "v1:";

    /** What a page is cut from: the items, their order, and the key each is found again by. */
    record Listing<T>(List<T> items, Function<T, String> key, boolean newestFirst) {
    }

    /** The page's items and the token for the next one (null: this is the last page). */
    record Page<T>(List<T> items, String next) {
    }

    private ListPage() {
    }

    /** The page after {@code continueToken} (null: the first), of at most {@code limit} items. */
    static <T> Page<T> cut(Listing<T> listing, int limit, String continueToken) {
        String after = after(continueToken);
        Comparator<String> order = listing.newestFirst() ? Comparator.reverseOrder() : Comparator.naturalOrder();
        List<T> sorted = new ArrayList<>(listing.items());
        sorted.sort(Comparator.comparing(listing.key(), order));
        List<T> page = new ArrayList<>(Math.min(limit, sorted.size()));
        boolean more = false;
        for (T item : sorted) {
            if (after != null && order.compare(listing.key().apply(item), after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(item);
        }
        String next = more ? token(listing.key().apply(page.get(page.size() - 1))) : null;
        return new Page<>(page, next);
    }

    /** The limit asked for, within bounds. */
    static int limit(String raw, int absent) {
        return QueryParameter.integer("limit", raw, absent, 1, MAX_LIMIT);
    }

    /** The answer for a page already rendered as {@code body}: 304 when the caller holds it already. */
    static Response respond(byte[] body, String next, Request request, UriInfo uri) {
        EntityTag etag = new EntityTag(digest(body, next), true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        if (unchanged != null) {
            return unchanged.tag(etag).build();
        }
        Response.ResponseBuilder answer = Response.ok(body, MediaType.APPLICATION_JSON).tag(etag);
        if (next != null) {
            answer.header(CONTINUE_HEADER, next).header("Link", "<" + uri.getRequestUriBuilder()
                    .replaceQueryParam("continue", next).build() + ">; rel=\"next\"");
        }
        return answer.build();
    }

    /** A time as a sort key: nanoseconds since the epoch, fixed width, so that it orders as text as it does in time. */
    static String timeKey(java.time.Instant at) {
        return fixedKey(at.getEpochSecond()) + String.format("%09d", at.getNano());
    }

    /** A number as a sort key, fixed width. */
    static String fixedKey(long value) {
        return String.format("%020d", value);
    }

    private static String token(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String after(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (token.length() <= 700 && decoded.startsWith(TOKEN_PREFIX)) {
                return decoded.substring(TOKEN_PREFIX.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below
        }
        throw new FleetProblem.InvalidInput("continue must be a token a previous page of this list gave");
    }

    private static String digest(byte[] body, String next) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(body);
            sha.update((next == null ? "" : next).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
