package org.cassandramesos.mesos;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;

/**
 * JSON ⇄ proto the way Mesos reads and writes it: proto field names (Mesos ignores camelCase keys
 * silently), enums by name, unknown fields ignored on input.
 */
public final class ProtoJson {
    private static final JsonFormat.Printer PRINTER =
            JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private ProtoJson() {}

    public static String print(Message message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(
                    "cannot print " + message.getDescriptorForType().getFullName(), e);
        }
    }

    public static byte[] printBytes(Message message) {
        return print(message).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses into {@code builder}; throws {@link InvalidProtocolBufferException} on bad JSON or a missing required field. */
    @SuppressWarnings("unchecked")
    public static <T extends Message> T parse(String json, Message.Builder builder)
            throws InvalidProtocolBufferException {
        PARSER.merge(json, builder);
        return (T) builder.build();
    }

    public static <T extends Message> T parse(byte[] json, Message.Builder builder)
            throws InvalidProtocolBufferException {
        return parse(new String(json, StandardCharsets.UTF_8), builder);
    }
}
