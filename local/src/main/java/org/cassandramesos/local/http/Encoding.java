package org.cassandramesos.local.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.Locale;
import java.util.Optional;
import org.cassandramesos.mesos.ProtoJson;

/** The two media types the v1 API speaks. */
public enum Encoding {
    JSON("application/json"),
    PROTOBUF("application/x-protobuf");

    public final String mediaType;

    Encoding(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The request body encoding named by {@code Content-Type}; empty when it is neither of ours. */
    public static Optional<Encoding> ofContentType(String contentType) {
        if (contentType == null) return Optional.empty();
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (Encoding e : values()) {
            if (e.mediaType.equals(base)) return Optional.of(e);
        }
        return Optional.empty();
    }

    /** Stream encoding chosen from {@code Accept}, JSON preferred; empty when nothing fits (406). */
    public static Optional<Encoding> negotiate(String accept) {
        if (accept == null || accept.isBlank()) return Optional.of(JSON);
        String a = accept.toLowerCase(Locale.ROOT);
        if (a.contains(JSON.mediaType) || a.contains("*/*") || a.contains("application/*")) return Optional.of(JSON);
        if (a.contains(PROTOBUF.mediaType)) return Optional.of(PROTOBUF);
        return Optional.empty();
    }

    public byte[] encode(Message message) {
        return this == JSON ? ProtoJson.printBytes(message) : message.toByteArray();
    }

    /** Decodes a whole request body; throws {@link IllegalArgumentException} with the reason when it is invalid. */
    @SuppressWarnings("unchecked")
    public <T extends Message> T decode(byte[] body, Message.Builder builder) {
        try {
            if (this == JSON) return ProtoJson.parse(body, builder);
            return (T) builder.mergeFrom(body).build();
        } catch (InvalidProtocolBufferException | com.google.protobuf.UninitializedMessageException e) {
            throw new IllegalArgumentException("Failed to parse body into Call: " + e.getMessage(), e);
        }
    }
}
