package org.cassandramesos.executor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.regex.Pattern;
import org.cassandramesos.apibounds.JsonInput;
import org.cassandramesos.protocol.TaskData;

/** The body of {@code POST /v1/cassandra/removenode}: {@code {"address": "IP"}}, a literal IP address and nothing else. */
final class RemoveNodeBody {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private RemoveNodeBody() {}

    /** The address, checked; IllegalArgumentException saying what is wrong. */
    static String address(String body) {
        JsonNode json;
        try {
            json = TaskData.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(JsonInput.describe(e));
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object {\"address\": \"IP\"}");
        }
        for (Iterator<String> fields = json.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("address")) {
                throw new IllegalArgumentException("unknown field '" + field + "': the body is {\"address\": \"IP\"}");
            }
        }
        JsonNode address = json.get("address");
        if (address == null || !address.isTextual() || address.asText().isBlank()) {
            throw new IllegalArgumentException("address is required: the IP address of the dead member to remove");
        }
        String ip = address.asText();
        // literals only: InetAddress resolves a name, and a name here is a mistake, never something to look up
        java.util.regex.Matcher v4 = IPV4.matcher(ip);
        boolean literal = v4.matches()
                ? java.util.stream.IntStream.rangeClosed(1, 4).allMatch(i -> Integer.parseInt(v4.group(i)) <= 255)
                : ip.contains(":") && IPV6.matcher(ip).matches();
        try {
            if (literal) {
                return InetAddress.getByName(ip).getHostAddress();
            }
        } catch (UnknownHostException e) {
            // not a valid literal after all (e.g. an octet above 255): said below
        }
        throw new IllegalArgumentException(
                "address must be an IP address literal, got '" + ip.substring(0, Math.min(ip.length(), 64)) + "'");
    }
}
