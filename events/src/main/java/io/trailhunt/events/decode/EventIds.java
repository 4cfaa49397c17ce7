package io.trailhunt.events.decode;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An id for records whose provider gives none: a hash of the record's content, so the same record
 * gets the same id on every replay (finding ids and downstream deduplication rely on it).
 */
public final class EventIds {
    private EventIds() {}

    public static String fromContent(JsonNode record) {
        return "sha256:" + sha256Hex(record.toString()).substring(0, 32);
    }

    public static String sha256Hex(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(d.length * 2);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
