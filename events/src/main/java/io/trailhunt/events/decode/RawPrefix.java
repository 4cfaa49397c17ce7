package io.trailhunt.events.decode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The first bytes of a rejected record, readable when they are text and base64 when they are not. */
public final class RawPrefix {
    private RawPrefix() {}

    public static String of(byte[] raw, int maxBytes) {
        return of(raw, 0, raw.length, maxBytes);
    }

    public static String of(byte[] raw, int offset, int length, int maxBytes) {
        int n = Math.min(length, maxBytes);
        if (n == 0) {
            return "";
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw, offset, n);
        CharBuffer out = CharBuffer.allocate(n);
        // endOfInput=false: a multi-byte character cut by the prefix boundary is not an error.
        boolean text = !dec.decode(in, out, false).isError();
        if (text) {
            out.flip();
            for (int i = 0; i < out.length(); i++) {
                char c = out.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                    text = false;
                    break;
                }
            }
        }
        if (text) {
            return out.toString();
        }
        byte[] slice = new byte[n];
        System.arraycopy(raw, offset, slice, 0, n);
        return "base64:" + Base64.getEncoder().encodeToString(slice);
    }

    /** For callers that hold a String already. */
    public static String of(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return of(b, maxBytes);
    }
}
